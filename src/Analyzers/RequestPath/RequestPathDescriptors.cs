using HerokuAnalyzers.Heroku;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Infrastructure
{
    /// <summary>
    /// Request-path rules (HK1xxx). They are reported per method body, in the editor as in the build: in a
    /// handler at once, elsewhere once a backward search of the call graph meets a handler.
    /// </summary>
    internal static partial class Descriptors
    {
        public static readonly DiagnosticDescriptor HK1001_BlockingTaskWait = new DiagnosticDescriptor(
            id: "HK1001",
            title: "Do not block on a task on the request path",
            messageFormat: "'{0}' blocks the request thread until the task finishes{1}: under load the dyno runs out of threads, requests queue and Heroku's router answers 503 (H12 request timeout). Await the task instead.",
            category: Categories.RequestPath,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Task.Wait, Task.WaitAll/WaitAny, .Result and GetAwaiter().GetResult() hold a thread-pool thread while the task runs. A dyno has few threads; blocked request threads make requests queue until the router times them out.",
            helpLinkUri: HelpLinks.For("HK1001"));

        public static readonly DiagnosticDescriptor HK1002_BlockingSleepOrWait = new DiagnosticDescriptor(
            id: "HK1002",
            title: "Do not sleep or block on a wait handle on the request path",
            messageFormat: "'{0}' parks the request thread{1}: under load the dyno runs out of threads, requests queue and Heroku's router answers 503 (H12 request timeout). Use the awaitable form (await Task.Delay, WaitAsync).",
            category: Categories.RequestPath,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Thread.Sleep, Thread.Join, spin waits and blocking waits on semaphores and events hold a thread for nothing. Wait(0) only tests the state and is not reported.",
            helpLinkUri: HelpLinks.For("HK1002"));

        public static readonly DiagnosticDescriptor HK1003_SynchronousIo = new DiagnosticDescriptor(
            id: "HK1003",
            title: "Do not do synchronous I/O on the request path",
            messageFormat: "'{0}' does I/O synchronously on the request thread{1}: under load the dyno runs out of threads, requests queue and Heroku's router answers 503 (H12 request timeout). Await '{2}' instead.",
            category: Categories.RequestPath,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A synchronous call with an async twin (same name + Async) waits for disk, network or database while holding a request thread.",
            helpLinkUri: HelpLinks.For("HK1003"));

        public static readonly DiagnosticDescriptor HK1004_WaitLongerThanRouter = new DiagnosticDescriptor(
            id: "HK1004",
            title: "Do not wait longer than Heroku's router allows",
            messageFormat: "'{0}' waits {2}{1}, longer than the {3} s allowed on the request path (heroku_analyzers.router_timeout_seconds): Heroku's router gives a request {4} s to start its response and then answers 503 (H12 request timeout) while the work goes on. Keep request-path waits under {3} s; move longer work to a worker dyno.",
            category: Categories.RequestPath,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A delay, timeout or command timeout on the request path that is longer than the router's first-byte limit can never complete in time for the client.",
            helpLinkUri: HelpLinks.For("HK1004"));

        public static readonly DiagnosticDescriptor HK1005_WorkForWorkerDyno = new DiagnosticDescriptor(
            id: "HK1005",
            title: "Move long-running work to a worker dyno",
            messageFormat: "'{0}' runs long blocking work on the request path{1}: it ties up the dyno's few threads and Heroku's router answers 503 after {2} s (H12 request timeout). Queue the work for a worker dyno and answer at once.",
            category: Categories.RequestPath,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Waiting for a child process or fanning CPU work out with Parallel.* inside a request holds request threads for as long as the work runs.",
            helpLinkUri: HelpLinks.For("HK1005"));

        public static readonly DiagnosticDescriptor HK1006_RequestTokenNotPassed = new DiagnosticDescriptor(
            id: "HK1006",
            title: "Pass the request's cancellation token",
            messageFormat: "'{0}' is not given the request's cancellation token{1}: when Heroku's router gives up on the request (H12 request timeout) or the client leaves, this work runs on. Pass {2}.",
            category: Categories.RequestPath,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "An async call that accepts a CancellationToken but gets none keeps using the dyno after the router has returned 503.",
            helpLinkUri: HelpLinks.For("HK1006"));
    }
}
