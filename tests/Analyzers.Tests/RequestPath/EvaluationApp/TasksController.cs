using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace EvaluationApp;

// Tasks already complete when read, and tasks that are not.
public class TasksController : ControllerBase
{
    private readonly Task<int> _pending = LoadAsync(0);
    private static readonly Task<int> Zero = Task.FromResult(0);

    public int FromField() => Zero.Result; // clean

    public async Task<int> InAList()
    {
        var a = LoadAsync(1);
        var b = LoadAsync(2);
        await Task.WhenAll(new List<Task> { a, b });
        return a.Result + b.Result; // clean
    }

    private int Cached => _pending.Result; // HK1001

    public int Total() => Cached + 1;

    public async Task<int> Together()
    {
        var a = LoadAsync(1);
        var b = LoadAsync(2);
        await Task.WhenAll(a, b);
        return a.Result + b.Result; // clean
    }

    public async Task<int> Many(int[] ids)
    {
        var tasks = ids.Select(LoadAsync).ToList();
        await Task.WhenAll(tasks);
        return tasks.Select(t => t.Result).Sum(); // clean
    }

    public async Task<int> ByName(Dictionary<string, Task<int>> byName)
    {
        await Task.WhenAll(byName.Values);
        return byName["a"].Result; // clean
    }

    public async Task<int> OneByOne()
    {
        var first = LoadAsync(1);
        var second = LoadAsync(2);
        await first;
        await second;
        return first.Result + second.Result; // clean
    }

    public int Constant()
    {
        var done = Task.FromResult(3);
        var none = Task.CompletedTask;
        none.Wait(); // clean
        return done.Result; // clean
    }

    public int WaitedFirst()
    {
        var task = LoadAsync(1);
        task.Wait(); // HK1001
        task.Wait(); // clean
        return task.Result; // clean
    }

    public int WaitedAll()
    {
        var a = LoadAsync(1);
        var b = LoadAsync(2);
        Task.WaitAll(a, b); // HK1001
        return a.Result + b.Result; // clean
    }

    public async Task<int> Continuation()
    {
        Func<Task<int>, int> read = t => t.Result; // clean
        return await LoadAsync(1).ContinueWith(read);
    }

    public async Task<int> Reassigned()
    {
        var task = LoadAsync(1);
        await task;
        task = LoadAsync(2);
        return task.Result; // HK1001
    }

    public async Task<int> ReassignedByRef()
    {
        var task = LoadAsync(1);
        await task;
        Refresh(ref task);
        return task.Result; // HK1001
    }

    public int WaitedTogether()
    {
        var a = LoadAsync(1);
        var b = LoadAsync(2);
        Task.WhenAll(a, b).Wait(); // HK1001
        return a.Result + b.Result; // clean
    }

    public async Task<int> Looped(int[] ids)
    {
        var tasks = ids.Select(LoadAsync).ToArray();
        foreach (var task in tasks)
        {
            await task;
        }

        return tasks[0].Result + tasks.Sum(t => t.Result); // clean
    }

    public async Task<int> ReassignedByOut()
    {
        var task = LoadAsync(1);
        await task;
        Replace(out task);
        return task.Result; // HK1001
    }

    public int Direct() => LoadAsync(4).Result; // HK1001

    private static void Replace(out Task<int> task) => task = LoadAsync(6);

    private static void Refresh(ref Task<int> task) => task = LoadAsync(5);

    private static async Task<int> LoadAsync(int id)
    {
        await Task.Yield();
        return id;
    }
}
