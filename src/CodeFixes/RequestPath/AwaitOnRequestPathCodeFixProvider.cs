using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HerokuAnalyzers.CodeFixes.RequestPath
{
    /// <summary>
    /// HK1001–HK1003: replaces the blocking call with an await (<c>.Result</c>, <c>Wait()</c>, <c>GetResult()</c>,
    /// <c>WaitAll</c> → <c>WhenAll</c>, <c>Thread.Sleep</c> → <c>Task.Delay</c>, sync I/O → its async twin with the
    /// request's token) and makes the enclosing function async: <c>T</c> → <c>Task&lt;T&gt;</c>, <c>void</c> → <c>Task</c>.
    /// In a method a handler only reaches, its callers are awaited and made async too, across the solution
    /// (<see cref="AsyncPlanner"/>). Methods are never renamed — an action's name is its route and may be used in
    /// <c>nameof</c>; only Razor Page handlers gain <c>Async</c> where the name is free.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitOnRequestPathCodeFixProvider)), Shared]
    public sealed class AwaitOnRequestPathCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Await instead of blocking";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            Descriptors.HK1001_BlockingTaskWait.Id,
            Descriptors.HK1002_BlockingSleepOrWait.Id,
            Descriptors.HK1003_SynchronousIo.Id);

        public override FixAllProvider GetFixAllProvider() => new SolutionFixAll();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var solution = context.Document.Project.Solution;
            var planner = new AsyncPlanner(solution);
            foreach (var diagnostic in context.Diagnostics)
            {
                var edits = await planner.PlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (edits == null)
                {
                    continue;
                }

                var title = planner.ChainStart == null ? Title : Title + ", make '" + planner.ChainStart + "' async and await it at its callers";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => Task.FromResult(edits.Apply(solution, ct)), equivalenceKey: Title),
                    diagnostic);
            }
        }

        /// <summary>Plans every diagnostic on the same solution and applies the merged edits once, so shared callers change once.</summary>
        private static async Task<Solution> FixAllAsync(Solution solution, IEnumerable<(Document Document, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
        {
            var planner = new AsyncPlanner(solution);
            var all = new AsyncEdits();
            foreach (var (document, diagnostic) in diagnostics)
            {
                if (await planner.PlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is AsyncEdits edits)
                {
                    all.AddAll(edits);
                }
            }

            return all.Apply(solution, cancellationToken);
        }

        private sealed class SolutionFixAll : FixAllProvider
        {
            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => FixAllScopes.Supported;

            public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
            {
                var diagnostics = await FixAllScopes.DiagnosticsAsync(context).ConfigureAwait(false);
                return CodeAction.Create(Title, ct => FixAllAsync(context.Solution, diagnostics, ct), equivalenceKey: Title);
            }
        }
    }
}
