using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;

namespace HerokuAnalyzers.Tasks.Slug
{
    /// <summary>
    /// The runtime layer the buildpack copies into the slug (docs/heroku-facts.md#buildpack-runtime: <c>dotnet</c>, <c>host/</c>,
    /// <c>shared/</c> and the license files of the SDK it installed), measured from the shared frameworks
    /// installed on this machine for the target version: the same files Heroku copies, for another
    /// patch at most. They are deflated whole — sampling DLLs overestimates by about 5 % — which costs
    /// a few seconds, so the number is kept per process (a few versions) and in the project's slug cache.
    /// </summary>
    internal static class RuntimeAllowance
    {
        private const int MaxRemembered = 8;

        private static readonly string[] LicenseFiles = { "LICENSE.txt", "ThirdPartyNotices.txt" };

        private static readonly Regex TfmVersion = new Regex(@"^net(?:coreapp)?(\d+)\.(\d+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Dictionary<string, long> Remembered = new Dictionary<string, long>(StringComparer.Ordinal);

        public static RuntimeLayer Measure(string? dotnetRoot, string? targetFramework, SlugCache cache, List<string> problems)
        {
            if (string.IsNullOrEmpty(dotnetRoot) || !Directory.Exists(Path.Combine(dotnetRoot!, "shared")))
            {
                problems.Add("no .NET installation found (NetCoreRoot '" + dotnetRoot + "'); the estimate has no runtime allowance");
                return RuntimeLayer.None;
            }

            var wanted = TfmVersion.Match(targetFramework ?? "");
            var wantedPrefix = wanted.Success ? wanted.Groups[1].Value + "." + wanted.Groups[2].Value + "." : "";
            var folders = new List<string>();
            var versions = new List<string>();
            var allWanted = true;
            foreach (var framework in HerokuFacts.RuntimeLayerFrameworks)
            {
                var version = PickVersion(Path.Combine(dotnetRoot!, "shared", framework), wantedPrefix);
                if (version != null)
                {
                    folders.Add(Path.Combine(dotnetRoot!, "shared", framework, version));
                    versions.Add(framework + " " + version);
                    allWanted &= version.StartsWith(wantedPrefix, StringComparison.Ordinal);
                }
            }

            if (folders.Count == 0)
            {
                problems.Add("no shared framework under " + Path.Combine(dotnetRoot!, "shared") + "; the estimate has no runtime allowance");
                return RuntimeLayer.None;
            }

            var description = string.Join(", ", versions);
            if (!allWanted)
            {
                problems.Add("the " + wantedPrefix.TrimEnd('.') + " runtime is not installed here; the runtime allowance is measured from " + description);
            }

            var hostFxr = PickVersion(Path.Combine(dotnetRoot!, "host", "fxr"), "");
            if (hostFxr != null)
            {
                folders.Add(Path.Combine(dotnetRoot!, "host", "fxr", hostFxr));
            }

            var files = new List<string>();
            foreach (var name in new[] { "dotnet", "dotnet.exe" }.Concat(LicenseFiles))
            {
                if (File.Exists(Path.Combine(dotnetRoot!, name)))
                {
                    files.Add(name);
                }
            }

            foreach (var folder in folders)
            {
                files.AddRange(FileTree.AllFiles(folder, problems).Select(f => FileTree.Relative(dotnetRoot!, Path.Combine(folder, f))));
            }

            var slugFiles = files.Select(f => Describe(dotnetRoot!, f)).Where(f => f != null).Select(f => f!).ToList();
            var key = "R\t" + string.Join("|", folders) + "\t" + slugFiles.Count.ToString(CultureInfo.InvariantCulture) + "\t" + slugFiles.Sum(f => f.Bytes).ToString(CultureInfo.InvariantCulture);
            long compressed;
            lock (Remembered)
            {
                if (!Remembered.TryGetValue(key, out compressed) && !cache.TryGet(key, out compressed))
                {
                    new CompressionEstimator(problems, exact: true).Estimate(slugFiles);
                    compressed = slugFiles.Sum(f => f.CompressedBytes);
                }

                if (Remembered.Count >= MaxRemembered)
                {
                    Remembered.Clear();
                }

                Remembered[key] = compressed;
            }

            cache.Set(key, compressed);
            return new RuntimeLayer(compressed, slugFiles.Sum(f => f.Bytes), description);
        }

        /// <summary>The highest version folder starting with the wanted "major.minor.", else the highest of all.</summary>
        private static string? PickVersion(string parent, string wantedPrefix)
        {
            if (!Directory.Exists(parent))
            {
                return null;
            }

            var names = Directory.GetDirectories(parent).Select(Path.GetFileName).Where(n => n != null).Select(n => n!).ToList();
            var matching = names.Where(n => wantedPrefix.Length > 0 && n.StartsWith(wantedPrefix, StringComparison.Ordinal)).ToList();
            var candidates = matching.Count > 0 ? matching : names;
            return candidates.OrderBy(ParseVersion).ThenBy(n => n, StringComparer.Ordinal).LastOrDefault();
        }

        private static Version ParseVersion(string name)
        {
            var dash = name.IndexOf('-');
            return Version.TryParse(dash < 0 ? name : name.Substring(0, dash), out var version) ? version : new Version(0, 0);
        }

        private static SlugFile? Describe(string root, string relative)
        {
            var info = new FileInfo(FileTree.Absolute(root, relative));
            var isLink = (info.Attributes & FileAttributes.ReparsePoint) != 0;
            return info.Exists || isLink ? new SlugFile(info.FullName, relative, SlugFileOrigin.Publish, isLink ? 0 : info.Length, info.LastWriteTimeUtc.Ticks, isLink) : null;
        }
    }

    internal sealed class RuntimeLayer
    {
        public RuntimeLayer(long compressedBytes, long bytes, string description)
        {
            CompressedBytes = compressedBytes;
            Bytes = bytes;
            Description = description;
        }

        public static RuntimeLayer None { get; } = new RuntimeLayer(0, 0, "none");

        public long CompressedBytes { get; }

        public long Bytes { get; }

        public string Description { get; }
    }
}
