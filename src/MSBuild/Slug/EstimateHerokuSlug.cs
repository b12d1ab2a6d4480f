using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Tasks.Reporting;
using HerokuAnalyzers.Tasks.Slug;
using HerokuAnalyzers.Tasks.SlugIgnore;
using Microsoft.Build.Framework;

namespace HerokuAnalyzers.Tasks
{
    /// <summary>
    /// Estimates the compressed slug Heroku would build (docs/heroku-facts.md#slug-size, #dotnet-buildpack): the pushed files that
    /// .slugignore keeps, this project's publish output where the buildpack puts it, and the .NET
    /// runtime layer. Reports HK7001–HK7003, writes obj/heroku/slug-report.json and prints the biggest
    /// folders and files. Unchanged files are not measured again (see <see cref="SlugCache"/>), and
    /// findings are reported on every run. HK7004 is a project setting, checked without publishing by
    /// <see cref="CheckHerokuProject"/>.
    /// </summary>
    public sealed class EstimateHerokuSlug : HerokuCheckTask
    {
        [Required]
        public string ProjectFile { get; set; } = "";

        /// <summary>The folder holding .git (ResolveHerokuFiles' RepositoryRoot); the project folder when empty.</summary>
        public string? RepositoryRoot { get; set; }

        public string? SlugIgnoreFile { get; set; }

        /// <summary>@(ResolvedFileToPublish) of this publish, with RelativePath metadata.</summary>
        public ITaskItem[] PublishedFiles { get; set; } = new ITaskItem[0];

        public string? PublishDir { get; set; }

        public string? TargetFramework { get; set; }

        /// <summary>The .NET installation whose shared frameworks give the runtime allowance ($(NetCoreRoot)).</summary>
        public string? NetCoreRoot { get; set; }

        /// <summary>HK7001 above this many MB (1 MB = 1,048,576 bytes).</summary>
        public string? WarningSize { get; set; }

        /// <summary>HK7002 above this many MB.</summary>
        public string? MaxSize { get; set; }

        public string? ReportFile { get; set; }

        public string? CacheFile { get; set; }

        [Output]
        public long CompressedBytes { get; private set; }

        private protected override IEnumerable<Finding> Check()
        {
            var problems = new List<string>();
            var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
            var root = string.IsNullOrEmpty(RepositoryRoot) ? projectDirectory : Path.GetFullPath(RepositoryRoot);

            var files = CollectFiles(root, projectDirectory, problems);
            var cache = SlugCache.Load(CacheFile);
            var pending = new List<SlugFile>();
            foreach (var file in files)
            {
                if (cache.TryGet(SlugCache.FileKey(file), out var compressed))
                {
                    file.CompressedBytes = compressed;
                }
                else
                {
                    pending.Add(file);
                }
            }

            new CompressionEstimator(problems).Estimate(pending);
            foreach (var file in pending)
            {
                cache.Set(SlugCache.FileKey(file), file.CompressedBytes);
            }

            var runtime = RuntimeAllowance.Measure(NetCoreRoot, TargetFramework, cache, problems);
            var report = new SlugReport(files, runtime);
            CompressedBytes = report.CompressedBytes;

            var findings = SizeFindings(report, problems);
            findings.AddRange(SecretScanner.Scan(files, root, problems));

            cache.Save(CacheFile, problems);
            Print(report, new SlugAdvice(root));
            foreach (var problem in problems)
            {
                Log.LogMessage(MessageImportance.High, "Heroku slug: " + problem);
            }

            if (!string.IsNullOrEmpty(ReportFile))
            {
                try
                {
                    report.Write(ReportFile!);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Log.LogMessage(MessageImportance.High, "Heroku slug: could not write " + ReportFile + " (" + ex.Message + ")");
                }
            }

            return findings;
        }

        private List<SlugFile> CollectFiles(string root, string projectDirectory, List<string> problems)
        {
            var files = new List<SlugFile>();
            var seen = new HashSet<string>(Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            var slugIgnore = LoadSlugIgnore(string.IsNullOrEmpty(SlugIgnoreFile) ? Path.Combine(root, HerokuFacts.SlugIgnoreName) : SlugIgnoreFile!, problems);
            foreach (var relative in FileTree.RepositoryFiles(root, problems, out _))
            {
                if (!slugIgnore.IsIgnored(relative))
                {
                    Add(files, seen, FileTree.Absolute(root, relative), relative, SlugFileOrigin.Repository, problems);
                }
            }

            // The buildpack publishes to <project>/bin/publish (docs/heroku-facts.md#buildpack-publish): name the files where the slug has them.
            var projectInSlug = FileTree.Relative(root, projectDirectory);
            var publishPrefix = (projectInSlug.Length == 0 || Path.IsPathRooted(projectInSlug) ? "" : projectInSlug + "/") + HerokuFacts.BuildpackPublishDirectory + "/";
            var publishDir = string.IsNullOrEmpty(PublishDir) ? null : Path.GetFullPath(Path.Combine(projectDirectory, PublishDir));
            foreach (var item in PublishedFiles)
            {
                var relative = item.GetMetadata("RelativePath");
                if (relative.Length == 0)
                {
                    relative = Path.GetFileName(item.ItemSpec);
                }

                var destination = publishDir == null ? null : Path.Combine(publishDir, relative);
                var path = destination != null && File.Exists(destination) ? destination : item.GetMetadata("FullPath");
                Add(files, seen, path, publishPrefix + relative.Replace('\\', '/'), SlugFileOrigin.Publish, problems);
            }

            if (publishDir != null && Directory.Exists(publishDir))
            {
                foreach (var relative in FileTree.AllFiles(publishDir, problems))
                {
                    Add(files, seen, FileTree.Absolute(publishDir, relative), publishPrefix + relative, SlugFileOrigin.Publish, problems);
                }
            }

            return files;
        }

        private static SlugIgnoreModel LoadSlugIgnore(string path, List<string> problems)
        {
            if (!File.Exists(path))
            {
                return SlugIgnoreModel.Empty;
            }

            var slugIgnore = SlugIgnoreModel.Load(path);
            if (slugIgnore.ReadError != null)
            {
                problems.Add("could not read " + path + " (" + slugIgnore.ReadError + "); the estimate ignores it");
            }

            return slugIgnore;
        }

        private static void Add(List<SlugFile> files, HashSet<string> seen, string path, string relative, SlugFileOrigin origin, List<string> problems)
        {
            if (!seen.Add(path))
            {
                return;
            }

            try
            {
                var info = new FileInfo(path);
                var isLink = (info.Attributes & FileAttributes.ReparsePoint) != 0 && (int)info.Attributes != -1;
                if (isLink)
                {
                    var linkProblem = FileTree.LinkProblem(path);
                    if (linkProblem != null)
                    {
                        problems.Add("the symbolic link " + path + " " + linkProblem + "; it ships as a link and is not followed");
                    }
                }
                else if (!info.Exists)
                {
                    if (Directory.Exists(path))
                    {
                        problems.Add("could not read " + path + ": it is a folder where a file was expected; it is not counted");
                    }

                    return;
                }

                files.Add(new SlugFile(path, relative, origin, isLink ? 0 : info.Length, info.LastWriteTimeUtc.Ticks, isLink));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                problems.Add("could not read " + path + " (" + ex.Message + "); it is not counted");
            }
        }

        private List<Finding> SizeFindings(SlugReport report, List<string> problems)
        {
            var findings = new List<Finding>();
            var project = Path.GetFullPath(ProjectFile);
            var estimate = SlugReport.Megabytes(report.CompressedBytes);
            var max = Megabytes(MaxSize, HerokuFacts.SlugHardLimitMegabytes, nameof(MaxSize), problems);
            var warning = Megabytes(WarningSize, HerokuFacts.SlugSoftLimitMegabytes, nameof(WarningSize), problems);
            if (report.CompressedBytes > max * 1024 * 1024)
            {
                findings.Add(new Finding(TaskRules.HK7002_SlugAboveMaximum, project, 1, 1,
                    "the estimated compressed slug is " + estimate + ", above the " + Format(max) + " MB maximum (HerokuSlugMaxSize): Heroku rejects the push with 'Compiled slug size is too large' after the whole remote build; drop what no dyno needs (see the slug table and obj/heroku/slug-report.json)"));
            }
            else if (report.CompressedBytes > warning * 1024 * 1024)
            {
                findings.Add(new Finding(TaskRules.HK7001_SlugAboveSoftLimit, project, 1, 1,
                    "the estimated compressed slug is " + estimate + ", above Heroku's " + Format(warning) + " MB soft limit (HerokuSlugWarningSize): Heroku warns that the slug may affect boot time, and every dyno start downloads and unpacks it; drop what no dyno needs (see the slug table and obj/heroku/slug-report.json)"));
            }

            return findings;
        }

        private static double Megabytes(string? value, int fallback, string name, List<string> problems)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var megabytes) && megabytes > 0)
            {
                return megabytes;
            }

            problems.Add("Heroku" + name.Replace("Size", "") + "Size '" + value + "' is not a positive number of MB; using " + fallback);
            return fallback;
        }

        private static string Format(double megabytes) => megabytes.ToString("0.###", CultureInfo.InvariantCulture);

        private void Print(SlugReport report, SlugAdvice advice)
        {
            Log.LogMessage(
                MessageImportance.High,
                "Heroku slug estimate for " + Path.GetFileName(ProjectFile) + ": " + SlugReport.Megabytes(report.CompressedBytes) + " compressed ("
                + report.Files.Count.ToString("N0", CultureInfo.InvariantCulture) + " files " + SlugReport.Megabytes(report.FilesCompressedBytes)
                + " + .NET runtime layer " + SlugReport.Megabytes(report.Runtime.CompressedBytes) + ": " + report.Runtime.Description + "), "
                + SlugReport.Megabytes(report.UncompressedBytes) + " uncompressed");
            foreach (var line in report.Table(advice))
            {
                Log.LogMessage(MessageImportance.High, line);
            }

            if (!string.IsNullOrEmpty(ReportFile))
            {
                Log.LogMessage(MessageImportance.High, "  Every file: " + ReportFile);
            }
        }
    }
}
