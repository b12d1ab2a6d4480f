using System;
using System.Collections.Generic;
using System.IO;

namespace HerokuAnalyzers.Tasks.Reporting
{
    internal enum ConfiguredSeverity
    {
        NotConfigured,
        None,
        Suggestion,
        Warning,
        Error,
    }

    /// <summary>
    /// The <c>dotnet_diagnostic.HKnnnn.severity</c> entries of the project's .editorconfig and
    /// .globalconfig files (the EditorConfigFiles the compiler receives), so a team configures task
    /// rules where it configures analyzer rules. Sections apply as the compiler applies them to a file:
    /// <c>[*]</c>, <c>[*.json]</c>, <c>[Procfile]</c>, <c>[**/name]</c>; a nearer .editorconfig wins over
    /// a farther one, and every .editorconfig wins over a global config.
    /// </summary>
    internal sealed class EditorConfigSeverities
    {
        private const string Prefix = "dotnet_diagnostic.";
        private const string Suffix = ".severity";

        private readonly List<ConfigFile> _files;

        private EditorConfigSeverities(List<ConfigFile> files) => _files = files;

        public static EditorConfigSeverities Empty { get; } = new EditorConfigSeverities(new List<ConfigFile>());

        public static EditorConfigSeverities Load(IEnumerable<string> paths)
        {
            var files = new List<ConfigFile>();
            foreach (var path in paths)
            {
                try
                {
                    if (File.Exists(path))
                    {
                        files.Add(ConfigFile.Parse(path, File.ReadAllLines(path)));
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // The compiler reports unreadable config files itself.
                }
            }

            // Nearest .editorconfig first; global configs last.
            files.Sort((a, b) => a.IsGlobal != b.IsGlobal ? (a.IsGlobal ? 1 : -1) : b.Directory.Length.CompareTo(a.Directory.Length));
            return new EditorConfigSeverities(files);
        }

        public ConfiguredSeverity Find(string ruleId, string filePath)
        {
            var fullPath = Path.GetFullPath(filePath);
            foreach (var file in _files)
            {
                var found = file.Find(ruleId, fullPath);
                if (found != ConfiguredSeverity.NotConfigured)
                {
                    return found;
                }

                if (file.IsRoot)
                {
                    // root = true: no .editorconfig above this one applies (global configs still do).
                    return FindInGlobal(ruleId, fullPath);
                }
            }

            return ConfiguredSeverity.NotConfigured;
        }

        private ConfiguredSeverity FindInGlobal(string ruleId, string fullPath)
        {
            foreach (var file in _files)
            {
                if (file.IsGlobal)
                {
                    var found = file.Find(ruleId, fullPath);
                    if (found != ConfiguredSeverity.NotConfigured)
                    {
                        return found;
                    }
                }
            }

            return ConfiguredSeverity.NotConfigured;
        }

        private static ConfiguredSeverity ParseSeverity(string value)
        {
            switch (value.Trim().ToLowerInvariant())
            {
                case "none":
                case "silent":
                case "hidden":
                    return ConfiguredSeverity.None;
                case "suggestion":
                case "info":
                    return ConfiguredSeverity.Suggestion;
                case "warning":
                    return ConfiguredSeverity.Warning;
                case "error":
                    return ConfiguredSeverity.Error;
                default:
                    return ConfiguredSeverity.NotConfigured;
            }
        }

        private sealed class ConfigFile
        {
            private readonly List<KeyValuePair<string, Dictionary<string, ConfiguredSeverity>>> _sections = new List<KeyValuePair<string, Dictionary<string, ConfiguredSeverity>>>();

            private ConfigFile(string path)
            {
                Directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
                IsGlobal = string.Equals(Path.GetExtension(path), ".globalconfig", StringComparison.OrdinalIgnoreCase);
            }

            public string Directory { get; }

            public bool IsGlobal { get; private set; }

            public bool IsRoot { get; private set; }

            public static ConfigFile Parse(string path, string[] lines)
            {
                var file = new ConfigFile(path);
                Dictionary<string, ConfiguredSeverity>? current = null;
                string? section = null;
                foreach (var raw in lines)
                {
                    var line = raw.Trim();
                    if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                    {
                        continue;
                    }

                    if (line[0] == '[' && line[line.Length - 1] == ']')
                    {
                        section = line.Substring(1, line.Length - 2);
                        current = new Dictionary<string, ConfiguredSeverity>(StringComparer.OrdinalIgnoreCase);
                        file._sections.Add(new KeyValuePair<string, Dictionary<string, ConfiguredSeverity>>(section, current));
                        continue;
                    }

                    var equals = line.IndexOf('=');
                    if (equals <= 0)
                    {
                        continue;
                    }

                    var key = line.Substring(0, equals).Trim();
                    var value = line.Substring(equals + 1).Trim();
                    if (section == null)
                    {
                        if (key.Equals("root", StringComparison.OrdinalIgnoreCase))
                        {
                            file.IsRoot = value.Equals("true", StringComparison.OrdinalIgnoreCase);
                        }
                        else if (key.Equals("is_global", StringComparison.OrdinalIgnoreCase) && value.Equals("true", StringComparison.OrdinalIgnoreCase))
                        {
                            file.IsGlobal = true;
                        }
                    }

                    if (key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && key.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
                    {
                        var id = key.Substring(Prefix.Length, key.Length - Prefix.Length - Suffix.Length);
                        if (current == null)
                        {
                            // Global configs may set severities outside any section.
                            current = new Dictionary<string, ConfiguredSeverity>(StringComparer.OrdinalIgnoreCase);
                            file._sections.Add(new KeyValuePair<string, Dictionary<string, ConfiguredSeverity>>("", current));
                        }

                        current[id] = ParseSeverity(value);
                    }
                }

                return file;
            }

            public ConfiguredSeverity Find(string ruleId, string fullPath)
            {
                var result = ConfiguredSeverity.NotConfigured;

                // Later sections win, as in .editorconfig.
                foreach (var section in _sections)
                {
                    if (section.Value.TryGetValue(ruleId, out var severity) && Matches(section.Key, fullPath))
                    {
                        result = severity;
                    }
                }

                return result;
            }

            private bool Matches(string section, string fullPath)
            {
                if (IsGlobal && section.Length == 0)
                {
                    return true;
                }

                var name = Path.GetFileName(fullPath);
                var relative = fullPath.StartsWith(Directory, StringComparison.Ordinal)
                    ? fullPath.Substring(Directory.Length).TrimStart('/', '\\').Replace('\\', '/')
                    : null;
                if (IsGlobal)
                {
                    return string.Equals(section.Replace('\\', '/'), fullPath.Replace('\\', '/'), StringComparison.Ordinal);
                }

                if (relative == null)
                {
                    return false;
                }

                if (section == "*" || section == "**" || section == "**/*")
                {
                    return true;
                }

                var pattern = section.StartsWith("**/", StringComparison.Ordinal) ? section.Substring(3) : section;
                var target = section.IndexOf('/') >= 0 && !section.StartsWith("**/", StringComparison.Ordinal) ? relative : name;
                pattern = pattern.TrimStart('/');
                if (pattern.StartsWith("*.", StringComparison.Ordinal) && pattern.IndexOfAny(new[] { '*', '{', '[', '?' }, 1) < 0)
                {
                    return target.EndsWith(pattern.Substring(1), StringComparison.Ordinal);
                }

                return string.Equals(pattern, target, StringComparison.Ordinal);
            }
        }
    }
}
