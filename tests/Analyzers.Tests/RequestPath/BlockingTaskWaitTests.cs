using HerokuAnalyzers.RequestPath;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.RequestPath.RequestPathAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>HK1001: .Result, Wait, WaitAll/WaitAny, GetAwaiter().GetResult() on the request path.</summary>
public class BlockingTaskWaitTests
{
    private static string Action(string body) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;

        WebApplication.CreateBuilder(args).Build().Run();

        public class InvoicesController : ControllerBase
        {
            private readonly HttpClient _http = new HttpClient();

            public async Task<object> Get(Task<int> a, Task<int> b, ValueTask<int> v)
            {
        {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("return {|HK1001:a.Result|};")]
    [InlineData("return {|HK1001:{|HK1006:_http.GetStringAsync(\"https://example.com\")|}.Result|};")]
    [InlineData("return {|HK1001:Task.Run(() => 1).Result|};")]
    [InlineData("return {|HK1001:v.Result|};")]
    [InlineData("{|HK1001:a.Wait()|}; return 0;")]
    [InlineData("{|HK1001:a.Wait(TimeSpan.FromSeconds(1))|}; return 0;")]
    [InlineData("{|HK1001:Task.WaitAll(a, b)|}; return 0;")]
    [InlineData("return {|HK1001:Task.WaitAny(a, b)|};")]
    [InlineData("return {|HK1001:a.GetAwaiter().GetResult()|};")]
    [InlineData("return {|HK1001:a.ConfigureAwait(false).GetAwaiter().GetResult()|};")]
    [InlineData("return {|HK1001:v.GetAwaiter().GetResult()|};")]
    public Task Blocking_waits_on_a_task_are_reported(string body)
        => Verify.VerifyAsync(Action(body));

    [Theory]
    [InlineData("return await a;")]
    [InlineData("await Task.WhenAll(a, b); return a.Result + b.Result;")]
    [InlineData("await Task.WhenAll(new[] { a, b }); return a.Result;")]
    [InlineData("var all = new List<Task<int>> { a, b }; await Task.WhenAll(all); return all[0].Result;")]
    [InlineData("var all = new[] { a, b }; await Task.WhenAll(all); var sum = 0; foreach (var t in all) sum += t.Result; return sum;")]
    [InlineData("await a.ConfigureAwait(false); return a.Result;")]
    [InlineData("return nameof(Task<int>.Result);")]
    [InlineData("return Task.FromResult(1).Result;")]
    [InlineData("return new ValueTask<int>(5).Result;")]
    [InlineData("return ValueTask.FromResult(5).Result;")]
    [InlineData("return v.IsCompletedSuccessfully ? v.Result : await v;")]
    [InlineData("if (a.IsCompleted) { return a.Result; } return await a;")]
    [InlineData("Task.CompletedTask.Wait(); return 0;")]
    [InlineData("return a.Wait(0);")]
    [InlineData("return a.ContinueWith(t => t.Result + 1);")]
    public Task Tasks_already_complete_or_awaited_are_not_reported(string body)
        => Verify.VerifyAsync(Action(body));

    [Fact]
    public Task A_result_read_before_the_await_is_still_reported()
        => Verify.VerifyAsync(Action("var first = {|HK1001:a.Result|}; await Task.WhenAll(a, b); return first + a.Result;"));

    [Fact]
    public void Messages_name_H12_and_say_to_await()
    {
        var message = new RequestPathAnalyzer().SupportedDiagnostics.Single(d => d.Id == "HK1001").MessageFormat.ToString();
        Assert.Contains("H12", message);
        Assert.Contains("Await", message);
    }
}
