using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace EvaluationApp;

// Zero timeouts check a state; other timeouts wait.
public class WaitsController : ControllerBase
{
    private const int NoWait = 0;
    private static readonly TimeSpan Immediately = TimeSpan.Zero;
    private readonly int _poll = 0;
    private static readonly SemaphoreSlim Gate = new(1);
    private static readonly ManualResetEvent Ready = new(false);

    public bool Check(Task work)
    {
        var idle = 0;
        var a = Gate.Wait(NoWait); // clean
        var b = Ready.WaitOne(Immediately); // clean
        var c = work.Wait(idle); // clean
        var d = Ready.WaitOne(_poll); // clean
        var e = Gate.Wait(0); // clean
        var f = Task.WaitAll(new[] { work }, 0); // clean
        var g = SpinWait.SpinUntil(() => work.IsCompleted, 0); // clean
        var h = Ready.WaitOne(default(TimeSpan)); // clean
        return a && b && c && d && e && f && g && h;
    }

    public bool Block(Task work)
    {
        var wait = 0;
        wait = 500;
        var a = Gate.Wait(wait); // HK1002
        var b = Ready.WaitOne(1000); // HK1002
        var c = work.Wait(TimeSpan.FromSeconds(1)); // HK1001
        var d = Task.WaitAll(new[] { work }, 250); // HK1001
        var e = SpinWait.SpinUntil(() => work.IsCompleted, 250); // HK1002
        return a && b && c && d && e;
    }
}
