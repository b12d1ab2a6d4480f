using HerokuAnalyzers.Memory;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.CodeFixes.Memory
{
    /// <summary>
    /// Adds one setting (<c>Size = 1</c>, <c>AbsoluteExpirationRelativeToNow = …</c>) to a cache entry call,
    /// in the way the analyzer said the call allows (<see cref="CacheEntrySite"/> fix kinds).
    /// </summary>
    internal static class CacheEntryRewriter
    {
        public static InvocationExpressionSyntax? AddSetting(InvocationExpressionSyntax invocation, string? fixKind, string property, string value, TypeNames names)
        {
            var arguments = invocation.ArgumentList.Arguments;
            switch (fixKind)
            {
                case CacheEntrySite.FixSetArgument:
                    var options = SyntaxFactory.ParseExpression(
                        "new " + names.Get("Microsoft.Extensions.Caching.Memory", "MemoryCacheEntryOptions") + " { " + property + " = " + value + " }");
                    return invocation.WithArgumentList(invocation.ArgumentList.AddArguments(SyntaxFactory.Argument(options)));

                case CacheEntrySite.FixOptionsInitializer:
                    if (arguments.Count == 3 && arguments[2].Expression is BaseObjectCreationExpressionSyntax creation)
                    {
                        return invocation.ReplaceNode(creation, AddToInitializer(creation, property, value));
                    }

                    return null;

                case CacheEntrySite.FixFactory:
                    if (arguments.Count == 2 && arguments[1].Expression is LambdaExpressionSyntax lambda && ParameterName(lambda) is string entry)
                    {
                        return invocation.ReplaceNode(lambda, Prepend(lambda, entry + "." + property + " = " + value + ";"));
                    }

                    return null;

                default:
                    return null;
            }
        }

        public static BaseObjectCreationExpressionSyntax AddToInitializer(BaseObjectCreationExpressionSyntax creation, string property, string value)
        {
            var assignment = SyntaxFactory.ParseExpression(property + " = " + value);
            if (creation.Initializer == null)
            {
                var initializer = SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.SingletonSeparatedList(assignment));
                var withoutTrivia = creation.WithoutTrailingTrivia();
                if (withoutTrivia is ObjectCreationExpressionSyntax { ArgumentList: { Arguments: { Count: 0 } } } explicitType)
                {
                    // new T() { … } reads worse than new T { … }.
                    withoutTrivia = explicitType.WithArgumentList(null).WithType(explicitType.Type.WithoutTrailingTrivia());
                }

                return withoutTrivia
                    .WithInitializer(initializer.WithLeadingTrivia(SyntaxFactory.Space))
                    .WithTrailingTrivia(creation.GetTrailingTrivia());
            }

            var expressions = creation.Initializer.Expressions;
            if (expressions.Count == 0)
            {
                return creation.WithInitializer(creation.Initializer.AddExpressions(assignment.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)));
            }

            // The space (or line break) before the closing brace belongs after the new last assignment.
            var last = expressions[expressions.Count - 1];
            var updated = expressions.Replace(last, last.WithoutTrailingTrivia())
                .Add(assignment.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(last.GetTrailingTrivia()));
            return creation.WithInitializer(creation.Initializer.WithExpressions(updated));
        }

        /// <summary>The lambda with <paramref name="statement"/> first in its body; an expression body becomes a block returning it.</summary>
        public static LambdaExpressionSyntax Prepend(LambdaExpressionSyntax lambda, string statement) => Insert(lambda, statement, first: true);

        /// <summary>The lambda with <paramref name="statement"/> last in its body (for lambdas that return nothing).</summary>
        public static LambdaExpressionSyntax Append(LambdaExpressionSyntax lambda, string statement) => Insert(lambda, statement, first: false);

        private static LambdaExpressionSyntax Insert(LambdaExpressionSyntax lambda, string statement, bool first)
        {
            var text = lambda.SyntaxTree.GetText();
            var newLine = text.ToString().Contains("\r\n") ? "\r\n" : "\n";
            if (lambda.Block != null)
            {
                var indentation = lambda.Block.Statements.Count > 0
                    ? lambda.Block.Statements[0].GetLeadingTrivia().ToFullString()
                    : Indentation(lambda.Block.OpenBraceToken) + Unit;
                var inserted = SyntaxFactory.ParseStatement(indentation + statement + newLine);
                var statements = lambda.Block.Statements;
                return lambda.WithBlock(lambda.Block.WithStatements(first ? statements.Insert(0, inserted) : statements.Add(inserted)));
            }

            if (lambda.ExpressionBody == null)
            {
                return lambda;
            }

            // Written as text so the block is laid out like hand-written code: braces under the line's start.
            var outer = Indentation(lambda.GetFirstToken());
            var body = lambda.ExpressionBody.WithoutTrivia().ToFullString();
            var existing = first ? "return " + body + ";" : body + ";";
            var head = lambda.ToFullString().Substring(0, lambda.ExpressionBody.SpanStart - lambda.FullSpan.Start).TrimEnd();
            var lines = first ? new[] { statement, existing } : new[] { existing, statement };
            var rewritten = head + newLine + outer + "{" + newLine
                + outer + Unit + lines[0] + newLine
                + outer + Unit + lines[1] + newLine + outer + "}";
            return (LambdaExpressionSyntax)SyntaxFactory.ParseExpression(rewritten).WithTrailingTrivia(lambda.GetTrailingTrivia());
        }

        private const string Unit = "    ";

        /// <summary>The whitespace at the start of the line a token is on.</summary>
        private static string Indentation(SyntaxToken token)
        {
            var text = token.SyntaxTree!.GetText();
            var line = text.Lines.GetLineFromPosition(token.SpanStart).ToString();
            return line.Substring(0, line.Length - line.TrimStart().Length);
        }

        public static string? ParameterName(LambdaExpressionSyntax lambda)
            => lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                ParenthesizedLambdaExpressionSyntax { ParameterList: { Parameters: { Count: 1 } } } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
                _ => null,
            };
    }
}
