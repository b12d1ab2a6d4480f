using System.Formats.Tar;
using System.IO.Compression;
using NJsonSchema;

namespace HerokuAnalyzers.Tests.Sarif;

/// <summary>
/// The official SARIF 2.1.0 JSON schema, taken at test time from an npm package that ships it
/// (@microsoft/jest-sarif, lib/schemas/sarif-2.1.0-rtm.5.json), so no copy lives in this repository.
/// </summary>
public static class SarifSchema
{
    private const string Package = "@microsoft/jest-sarif@1.0.0-beta.0";
    private const string SchemaEntry = "package/lib/schemas/sarif-2.1.0-rtm.5.json";

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>The schema's errors for <paramref name="json"/>; empty when it is valid SARIF 2.1.0.</summary>
    public static IReadOnlyList<string> Validate(string json)
        => Schema.Value.Validate(json).Select(e => e.ToString()).ToList();

    private static JsonSchema Load()
    {
        var folder = Path.Combine(Path.GetTempPath(), "heroku-tests", "sarif-schema");
        Directory.CreateDirectory(folder);
        var schemaPath = Path.Combine(folder, "sarif-2.1.0.json");
        if (!File.Exists(schemaPath))
        {
            var npm = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("npm", $"pack {Package} --pack-destination \"{folder}\" --silent")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stdout = npm.StandardOutput.ReadToEnd();
            var stderr = npm.StandardError.ReadToEnd();
            if (!npm.WaitForExit(120_000) || npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm pack {Package} failed: {stdout}{stderr}");
            }

            var tarball = Path.Combine(folder, stdout.Trim().Split('\n').Last().Trim());
            using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.Name == SchemaEntry)
                {
                    entry.ExtractToFile(schemaPath + ".tmp", overwrite: true);
                    File.Move(schemaPath + ".tmp", schemaPath, overwrite: true);
                    break;
                }
            }
        }

        return JsonSchema.FromJsonAsync(File.ReadAllText(schemaPath)).GetAwaiter().GetResult();
    }
}
