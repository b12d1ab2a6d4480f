using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.Slug
{
    /// <summary>The estimated slug: its files, the runtime layer, and the JSON and table made from them.</summary>
    internal sealed class SlugReport
    {
        private const int TopCount = 10;

        private const double BytesPerMegabyte = 1024 * 1024;

        private static readonly string PublishFolder = HerokuFacts.BuildpackPublishDirectory + "/";

        public SlugReport(IReadOnlyList<SlugFile> files, RuntimeLayer runtime)
        {
            Files = files;
            Runtime = runtime;
            FilesCompressedBytes = files.Sum(f => f.CompressedBytes);
            FilesBytes = files.Sum(f => f.Bytes);
        }

        public IReadOnlyList<SlugFile> Files { get; }

        public RuntimeLayer Runtime { get; }

        public long FilesCompressedBytes { get; }

        public long FilesBytes { get; }

        public long CompressedBytes => FilesCompressedBytes + Runtime.CompressedBytes;

        public long UncompressedBytes => FilesBytes + Runtime.Bytes;

        public static string Megabytes(long bytes) => (bytes / BytesPerMegabyte).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

        public string ToJson()
        {
            var json = new JsonText().BeginObject()
                .Property("compressedBytes", CompressedBytes)
                .Property("uncompressedBytes", UncompressedBytes)
                .Property("runtimeAllowanceBytes", Runtime.CompressedBytes)
                .Property("runtimeUncompressedBytes", Runtime.Bytes)
                .Property("runtime", Runtime.Description)
                .BeginArray("files");
            foreach (var file in Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                json.BeginObject()
                    .Property("path", file.Path)
                    .Property("origin", file.Origin == SlugFileOrigin.Publish ? "publish" : "repository")
                    .Property("bytes", file.Bytes)
                    .Property("compressedBytes", file.CompressedBytes)
                    .EndObject();
            }

            return json.EndArray().EndObject().ToString() + "\n";
        }

        /// <summary>The ten biggest folders and files by compressed size, each with how to drop it when no dyno needs it.</summary>
        public IEnumerable<string> Table(SlugAdvice advice)
        {
            var folders = Files
                .GroupBy(Folder)
                .Select(g => new { Name = g.Key, Compressed = g.Sum(f => f.CompressedBytes), Bytes = g.Sum(f => f.Bytes), Origin = g.First().Origin })
                .OrderByDescending(g => g.Compressed)
                .ThenBy(g => g.Name, StringComparer.Ordinal)
                .Take(TopCount);
            yield return "  Biggest folders (compressed, uncompressed):";
            foreach (var folder in folders)
            {
                var hint = folder.Origin == SlugFileOrigin.Repository && folder.Name != "." ? advice.ForRepositoryFolder(folder.Name) : null;
                yield return Row(folder.Compressed, folder.Bytes, folder.Name + (folder.Origin == SlugFileOrigin.Publish ? " (publish output)" : ""), hint);
            }

            yield return "  Biggest files:";
            foreach (var file in Files.OrderByDescending(f => f.CompressedBytes).ThenBy(f => f.RelativePath, StringComparer.Ordinal).Take(TopCount))
            {
                yield return Row(file.CompressedBytes, file.Bytes, file.RelativePath, advice.ForFile(file));
            }
        }

        /// <summary>
        /// The folder a file counts toward: its first two levels, deep enough to tell projects apart;
        /// in the publish output, the publish folder and its first level (wwwroot, runtimes …).
        /// </summary>
        private static string Folder(SlugFile file)
        {
            var path = file.RelativePath;
            var skip = 0;
            var levels = 2;
            if (file.Origin == SlugFileOrigin.Publish)
            {
                var publish = path.IndexOf(PublishFolder, StringComparison.Ordinal);
                skip = publish < 0 ? 0 : publish + PublishFolder.Length;
                levels = 1;
            }

            var segments = path.Substring(skip).Split('/');
            var folder = segments.Length <= 1 ? "" : string.Join("/", segments, 0, Math.Min(levels, segments.Length - 1));
            var prefix = path.Substring(0, skip).TrimEnd('/');
            return prefix.Length == 0 ? (folder.Length == 0 ? "." : folder) : (folder.Length == 0 ? prefix : prefix + "/" + folder);
        }

        private static string Row(long compressed, long bytes, string name, string? hint)
        {
            var row = new StringBuilder("    ")
                .Append(Megabytes(compressed).PadLeft(10))
                .Append(Megabytes(bytes).PadLeft(11))
                .Append("  ")
                .Append(name);
            if (hint != null)
            {
                row.Append("  -> ").Append(hint);
            }

            return row.ToString();
        }

        public void Write(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, ToJson(), new UTF8Encoding(false));
        }
    }
}
