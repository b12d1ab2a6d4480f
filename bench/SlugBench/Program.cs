using System.Collections;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HerokuAnalyzers.Tasks;
using Microsoft.Build.Framework;

// Usage: dotnet run -c Release --project bench/SlugBench [megabytes=320] [folder]
// Generates the same tree every time (fixed seeds), then times tar czf and the estimate on it.
var megabytes = args.Length > 0 ? int.Parse(args[0]) : 320;
var root = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "heroku-slug-bench");
var repo = Path.Combine(root, "repo");
if (Directory.Exists(root))
{
    Directory.Delete(root, recursive: true);
}

var total = Generate(repo, megabytes * 1024L * 1024);
var project = Path.Combine(repo, "App", "App.csproj");
File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
Console.WriteLine($"tree: {repo}, {Directory.EnumerateFiles(repo, "*", SearchOption.AllDirectories).Count()} files, {total / 1048576.0:0.0} MB");

// tar first: it reads every byte, so both runs below find the files in the page cache.
var archive = Path.Combine(root, "slug.tgz");
var tarTime = Time(() => Run("tar", "-czf", archive, "-C", repo, "."));
var tarBytes = new FileInfo(archive).Length;
tarTime = Min(tarTime, Time(() => Run("tar", "-czf", archive, "-C", repo, ".")));

var report = Path.Combine(root, "slug-report.json");
var cache = Path.Combine(root, "slug-cache.tsv");
TimeSpan estimateTime = TimeSpan.MaxValue;
for (var i = 0; i < 2; i++)
{
    File.Delete(cache);
    estimateTime = Min(estimateTime, Time(() => Estimate(project, repo, report, cache)));
}

var repeatTime = Time(() => Estimate(project, repo, report, cache));
var json = JsonDocument.Parse(File.ReadAllText(report)).RootElement;
var estimate = json.GetProperty("compressedBytes").GetInt64() - json.GetProperty("runtimeAllowanceBytes").GetInt64();

Console.WriteLine($"tar czf:        {tarTime.TotalSeconds,7:0.00} s  {tarBytes / 1048576.0,8:0.0} MB");
Console.WriteLine($"estimate:       {estimateTime.TotalSeconds,7:0.00} s  {estimate / 1048576.0,8:0.0} MB");
Console.WriteLine($"repeat (cache): {repeatTime.TotalSeconds,7:0.00} s");
Console.WriteLine($"speed-up: {tarTime / estimateTime:0.0}x, estimate - tar: {(estimate - tarBytes) * 100.0 / tarBytes:+0.00;-0.00} %");
Directory.Delete(root, recursive: true);

static long Generate(string repo, long target)
{
    var random = new Random(20260319);
    long written = 0;
    var words = "app builder services request response heroku dyno slug config port logging information warning error database connection string public class return await async task controller route value".Split(' ');
    var i = 0;
    while (written < target)
    {
        // A quarter each: random binaries, big text files, small source files, already-compressed media.
        var (path, bytes) = (i % 4) switch
        {
            0 => ($"App/native/lib{i}.so", Random(random, 2_000_000 + random.Next(4_000_000))),
            1 => ($"data/export{i}.csv", Text(random, words, 1_000_000 + random.Next(5_000_000))),
            2 => ($"App/wwwroot/img/photo{i}.jpg", Random(random, 100_000 + random.Next(900_000))),
            _ => ($"src/Module{i % 40}/File{i}.cs", Text(random, words, 500 + random.Next(40_000))),
        };
        if (i % 4 == 3)
        {
            // Many small files per large one, as in a real source tree.
            for (var k = 0; k < 25; k++)
            {
                var small = Text(random, words, 500 + random.Next(40_000));
                written += Write(repo, $"src/Module{i % 40}/File{i}_{k}.cs", small);
            }
        }

        written += Write(repo, path, bytes);
        i++;
    }

    return written;
}

static long Write(string repo, string relative, byte[] bytes)
{
    var path = Path.Combine(repo, relative);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllBytes(path, bytes);
    return bytes.Length;
}

static byte[] Random(Random random, int length)
{
    var bytes = new byte[length];
    random.NextBytes(bytes);
    return bytes;
}

static byte[] Text(Random random, string[] words, int length)
{
    var text = new StringBuilder(length + 100);
    while (text.Length < length)
    {
        for (var n = random.Next(3, 12); n > 0; n--)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(4) == 0 ? random.Next(100000).ToString() + "," : " ");
        }

        text.Append('\n');
    }

    return Encoding.ASCII.GetBytes(text.ToString(0, length));
}

static void Estimate(string project, string repo, string report, string cache)
{
    var task = new EstimateHerokuSlug
    {
        BuildEngine = new QuietEngine(),
        ProjectFile = project,
        RepositoryRoot = repo,
        TargetFramework = "net10.0",
        ReportFile = report,
        CacheFile = cache,
    };
    if (!task.Execute())
    {
        throw new InvalidOperationException("the estimate failed");
    }
}

static TimeSpan Time(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed;
}

static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

static void Run(string program, params string[] arguments)
{
    var start = new ProcessStartInfo(program) { UseShellExecute = false };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} exited with {process.ExitCode}");
    }
}

sealed class QuietEngine : IBuildEngine
{
    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "bench";

    public void LogErrorEvent(BuildErrorEventArgs e) => Console.WriteLine("error " + e.Code + ": " + e.Message);

    public void LogWarningEvent(BuildWarningEventArgs e) => Console.WriteLine("warning " + e.Code + ": " + e.Message);

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
    }

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
}
