using System.Linq;
using HerokuAnalyzers.RequestPath;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.CodeFixes.RequestPath
{
    /// <summary>The awaitable form of each kind of blocking call the request-path analyzer reports.</summary>
    internal static class BlockingCallRewriter
    {
        /// <summary>The task expression to await for each kind of blocking call, or null when the call has another shape.</summary>
        public static AwaitExpressionSyntax? Awaited(ExpressionSyntax expression, string kind, string? token, Diagnostic diagnostic, TypeNames names)
        {
            ExpressionSyntax? task = null;
            switch (kind)
            {
                case RequestPathAnalyzer.FixAwaitResult when expression is MemberAccessExpressionSyntax result:
                    task = result.Expression;
                    break;
                case RequestPathAnalyzer.FixAwaitWait when expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax wait }:
                    task = wait.Expression;
                    break;
                case RequestPathAnalyzer.FixAwaitGetResult when expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } }:
                    task = getAwaiter.Expression;
                    break;
                case RequestPathAnalyzer.FixAwaitWhenAll when expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax waitAll } invocation:
                    task = invocation.WithExpression(waitAll.WithName(SyntaxFactory.IdentifierName("WhenAll")));
                    break;
                case RequestPathAnalyzer.FixDelay when expression is InvocationExpressionSyntax sleep && sleep.ArgumentList.Arguments.Count == 1:
                    var delay = SyntaxFactory.ParseExpression(names.Get("System.Threading.Tasks", "Task") + ".Delay()");
                    task = ((InvocationExpressionSyntax)delay).WithArgumentList(WithToken(sleep.ArgumentList, token));
                    break;
                case RequestPathAnalyzer.FixAsyncTwin when expression is InvocationExpressionSyntax call
                                                          && diagnostic.Properties.TryGetValue(RequestPathAnalyzer.TwinProperty, out var twin) && twin != null:
                    task = Renamed(call, twin, token);
                    break;
            }

            return task == null ? null : SyntaxFactory.AwaitExpression(task.WithoutTrivia());
        }

        /// <summary>await binds looser than member access, indexing and invocation: <c>(await t).Length</c>.</summary>
        public static bool NeedsParentheses(ExpressionSyntax expression)
            => expression.Parent is MemberAccessExpressionSyntax
               || expression.Parent is ElementAccessExpressionSyntax
               || expression.Parent is ConditionalAccessExpressionSyntax
               || expression.Parent is InvocationExpressionSyntax
               || expression.Parent is PostfixUnaryExpressionSyntax;

        public static ExpressionSyntax Parenthesized(ExpressionSyntax expression, bool parenthesize)
            => parenthesize ? SyntaxFactory.ParenthesizedExpression(expression) : expression;

        private static ExpressionSyntax? Renamed(InvocationExpressionSyntax call, string twin, string? token)
        {
            SimpleNameSyntax Rename(SimpleNameSyntax name) => name is GenericNameSyntax generic
                ? generic.WithIdentifier(SyntaxFactory.Identifier(twin))
                : SyntaxFactory.IdentifierName(twin).WithTriviaFrom(name);

            ExpressionSyntax? callee = call.Expression switch
            {
                MemberAccessExpressionSyntax member => member.WithName(Rename(member.Name)),
                SimpleNameSyntax name => Rename(name),
                _ => null,
            };
            return callee == null ? null : call.WithExpression(callee).WithArgumentList(WithToken(call.ArgumentList, token));
        }

        private static ArgumentListSyntax WithToken(ArgumentListSyntax arguments, string? token)
        {
            if (token == null)
            {
                return arguments;
            }

            var argument = SyntaxFactory.Argument(SyntaxFactory.ParseExpression(token));
            return arguments.Arguments.Any(a => a.NameColon != null)
                ? arguments.AddArguments(argument.WithNameColon(SyntaxFactory.NameColon("cancellationToken")))
                : arguments.AddArguments(argument);
        }
    }
}
