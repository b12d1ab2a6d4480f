using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace HerokuAnalyzers.Tasks.Slug
{
    /// <summary>
    /// What the last run measured, in obj/heroku: each file's estimate keyed by path, size and write
    /// time, and the runtime layer's size keyed by its folders. A repeat run re-measures only what
    /// changed. Saving keeps only what this run used, so the file never outgrows the slug's file list.
    /// </summary>
    internal sealed class SlugCache
    {
        private const string FormatLine = "heroku-slug-cache 1";

        private readonly Dictionary<string, long> _entries;
        private readonly Dictionary<string, long> _used = new Dictionary<string, long>(StringComparer.Ordinal);

        private SlugCache(Dictionary<string, long> entries)
        {
            _entries = entries;
        }

        /// <summary>Reads the cache; a missing, old or damaged file is an empty cache.</summary>
        public static SlugCache Load(string? path)
        {
            var entries = new Dictionary<string, long>(StringComparer.Ordinal);
            try
            {
                if (!string.IsNullOrEmpty(path) && File.Exists(path))
                {
                    var lines = File.ReadAllLines(path, Encoding.UTF8);
                    if (lines.Length > 0 && lines[0] == FormatLine)
                    {
                        for (var i = 1; i < lines.Length; i++)
                        {
                            var tab = lines[i].LastIndexOf('\t');
                            if (tab > 0 && long.TryParse(lines[i].Substring(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                            {
                                entries[lines[i].Substring(0, tab)] = value;
                            }
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                entries.Clear();
            }

            return new SlugCache(entries);
        }

        public static string FileKey(SlugFile file) => "F\t" + file.Path + "\t" + file.Bytes.ToString(CultureInfo.InvariantCulture) + "\t" + file.ModifiedTicks.ToString(CultureInfo.InvariantCulture);

        public bool TryGet(string key, out long value)
        {
            if (_entries.TryGetValue(key, out value))
            {
                _used[key] = value;
                return true;
            }

            return false;
        }

        public void Set(string key, long value) => _used[key] = value;

        /// <summary>Writes what this run used; failing to write only costs the next run time.</summary>
        public void Save(string? path, List<string> problems)
        {
            if (string.IsNullOrEmpty(path))
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var text = new StringBuilder(FormatLine).Append('\n');
                foreach (var pair in _used)
                {
                    if (pair.Key.IndexOf('\n') < 0)
                    {
                        text.Append(pair.Key).Append('\t').Append(pair.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    }
                }

                var temporary = path + ".tmp";
                File.WriteAllText(temporary, text.ToString(), new UTF8Encoding(false));
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                File.Move(temporary, path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problems.Add("could not write the slug cache " + path + " (" + ex.Message + "); the next run measures everything again");
            }
        }
    }
}
