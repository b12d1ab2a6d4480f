using System.Diagnostics;
using HerokuAnalyzers.Tasks;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Reporting;
using HerokuAnalyzers.Tasks.Tests.Robustness;

// Usage: dotnet run -c Release --project bench/FileFuzz [rounds per kind=100000] [seed=20240611]
// Mutates the repository's own cases (tests/Tasks.Tests/Cases) and, when present, ../shared/corpus
// (or HEROKU_CORPUS), runs every file check on each input with the task's isolation, and prints
// inputs, findings and exceptions per file kind. Exit code 1 when any check threw or a finding had no position.
var rounds = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var seed = args.Length > 1 ? int.Parse(args[1]) : 20240611;
var repoRoot = FindRepoRoot(AppContext.BaseDirectory);
var corpus = Environment.GetEnvironmentVariable("HEROKU_CORPUS") is { Length: > 0 } configured ? configured : Path.Combine(repoRoot, "..", "shared", "corpus");
// Each input is written to a file, as the task reads files: in memory (/dev/shm) where there is one.
var work = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "heroku-file-fuzz-" + Environment.ProcessId);

(string Category, HerokuFileKind Kind, string Name)[] kinds =
{
    ("procfile", HerokuFileKind.Procfile, "Procfile"),
    ("appjson", HerokuFileKind.AppJson, "app.json"),
    ("herokuyml", HerokuFileKind.HerokuYml, "heroku.yml"),
    ("slugignore", HerokuFileKind.SlugIgnore, ".slugignore"),
};

Console.WriteLine($"rounds per kind: {rounds:N0}, seed {seed}, corpus seeds: {(Directory.Exists(corpus) ? corpus : "(absent: the repository's cases only)")}");
Console.WriteLine($"{"kind",-12} {"seeds",6} {"inputs",9} {"with findings",14} {"findings",10} {"exceptions",11} {"no position",12} {"slowest ms",11} {"total s",8}");
var failed = false;
Directory.CreateDirectory(work);
try
{
    foreach (var (category, kind, name) in kinds)
    {
        var seeds = SeedFiles(Path.Combine(repoRoot, "tests", "Tasks.Tests", "Cases", category))
            .Concat(SeedFiles(Path.Combine(corpus, category)))
            .Select(File.ReadAllBytes)
            .ToList();
        var random = new Random(seed);
        var folder = Path.Combine(work, category);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        var project = new ProjectFacts(folder, "App", folder, isWebProject: true, inspectFileSystem: true);
        var files = new Dictionary<HerokuFileKind, string> { [kind] = path };
        long findings = 0, withFindings = 0, exceptions = 0, unpositioned = 0;
        var slowest = TimeSpan.Zero;
        var firstExceptions = new List<string>();
        var byRule = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var total = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            var bytes = round % 5 == 0 ? Mutator.RandomBytes(random) : Mutator.Mutate(seeds[random.Next(seeds.Count)], random);
            File.WriteAllBytes(path, bytes);
            var failures = new List<CheckFailure>();
            var watch = Stopwatch.StartNew();
            List<Finding> found;
            try
            {
                found = HerokuFileChecks.Run(files, Array.Empty<KeyValuePair<HerokuFileKind, string>>(), project, guard: new CheckGuard(failures));
            }
            catch (Exception ex)
            {
                failures.Add(new CheckFailure("HerokuFileChecks.Run", path, ex));
                found = new List<Finding>();
            }

            watch.Stop();
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            findings += found.Count;
            withFindings += found.Count > 0 ? 1 : 0;
            unpositioned += found.Count(f => f.Line < 1 || f.Column < 1);
            foreach (var finding in found)
            {
                byRule[finding.Rule.Id] = byRule.GetValueOrDefault(finding.Rule.Id) + 1;
            }

            exceptions += failures.Count;
            foreach (var failure in failures)
            {
                if (firstExceptions.Count < 5)
                {
                    var keep = Path.Combine(work, $"{category}-exception-{round}.bin");
                    File.WriteAllBytes(keep, bytes);
                    firstExceptions.Add($"  round {round}: {failure} (input kept in {keep})");
                }
            }
        }

        Console.WriteLine($"{name,-12} {seeds.Count,6} {rounds,9:N0} {withFindings,14:N0} {findings,10:N0} {exceptions,11:N0} {unpositioned,12:N0} {slowest.TotalMilliseconds,11:0.0} {total.Elapsed.TotalSeconds,8:0.0}");
        Console.WriteLine("  by rule: " + string.Join(", ", byRule.Select(pair => $"{pair.Key} {pair.Value:N0}")));
        firstExceptions.ForEach(Console.WriteLine);
        failed |= exceptions > 0 || unpositioned > 0;
    }
}
finally
{
    if (!failed)
    {
        Directory.Delete(work, recursive: true);
    }
}

return failed ? 1 : 0;

static IEnumerable<string> SeedFiles(string folder)
    => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "SOURCES.tsv").OrderBy(f => f, StringComparer.Ordinal)
        : Enumerable.Empty<string>();

static string FindRepoRoot(string start)
{
    for (var directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Analyzers.sln not found above " + start);
}
