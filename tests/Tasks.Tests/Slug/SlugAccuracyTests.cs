using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Slug;

/// <summary>The estimate against a real <c>tar -czf</c> of exactly the files the report lists (±5 %).</summary>
public sealed class SlugAccuracyTests : IDisposable
{
    private const double Tolerance = 0.05;

    private readonly TempTree _tree = new();

    [Fact]
    public void Incompressible_files_are_estimated_at_about_their_size()
    {
        for (var i = 0; i < 6; i++)
        {
            _tree.WriteBytes($"repo/data/blob{i}.bin", SlugTrees.Incompressible(i, (i + 1) * 700_000));
        }

        AssertWithinTolerance();
    }

    [Fact]
    public void Compressible_text_is_estimated_from_samples()
    {
        for (var i = 0; i < 4; i++)
        {
            _tree.WriteBytes($"repo/logs/big{i}.log", SlugTrees.Text(i, 3_000_000 + i * 1_234_567));
        }

        AssertWithinTolerance(expectCompression: true);
    }

    [Fact]
    public void Many_small_files_count_their_tar_headers_and_shared_history()
    {
        for (var i = 0; i < 400; i++)
        {
            _tree.WriteBytes($"repo/src/Module{i % 20}/File{i}.cs", SlugTrees.Text(i, 200 + (i * 37 % 6000)));
        }

        AssertWithinTolerance(expectCompression: true);
    }

    [Fact]
    public void Thousands_of_small_files_of_one_type_are_estimated_from_the_measured_ones()
    {
        for (var i = 0; i < 1500; i++)
        {
            _tree.WriteBytes($"repo/wwwroot/lib/pkg{i % 50}/module{i}.js", SlugTrees.Text(1000 + i, 1_000 + (i * 53 % 5_000)));
        }

        AssertWithinTolerance(expectCompression: true);
    }

    [Fact]
    public void A_mixed_tree_with_compressed_types_is_within_five_percent()
    {
        for (var i = 0; i < 60; i++)
        {
            _tree.WriteBytes($"repo/wwwroot/js/lib{i}.js", SlugTrees.Text(100 + i, 1_000 + i * 4_000));
        }

        for (var i = 0; i < 5; i++)
        {
            _tree.WriteBytes($"repo/wwwroot/img/photo{i}.jpg", SlugTrees.Incompressible(200 + i, 300_000 + i * 90_000));
            _tree.WriteBytes($"repo/data/table{i}.csv", SlugTrees.Text(300 + i, 900_000 + i * 500_000));
            _tree.WriteBytes($"repo/native/lib{i}.so", SlugTrees.Incompressible(400 + i, 400_000 + i * 100_000));
        }

        AssertWithinTolerance(expectCompression: true);
    }

    private void AssertWithinTolerance(bool expectCompression = false)
    {
        var engine = new FakeBuildEngine();
        var task = SlugTrees.Task(_tree, engine);
        Assert.True(task.Execute());

        var report = SlugTrees.ReadReport(task.ReportFile!);
        var estimate = report.GetProperty("compressedBytes").GetInt64() - report.GetProperty("runtimeAllowanceBytes").GetInt64();
        var listed = report.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
        var actual = SlugTrees.TarGzBytes(task.RepositoryRoot!, listed);

        Assert.InRange(estimate, (long)(actual * (1 - Tolerance)), (long)(actual * (1 + Tolerance)));
        if (expectCompression)
        {
            Assert.True(actual < report.GetProperty("uncompressedBytes").GetInt64() * 0.8, "the tree was meant to compress");
        }
    }

    public void Dispose() => _tree.Dispose();
}
