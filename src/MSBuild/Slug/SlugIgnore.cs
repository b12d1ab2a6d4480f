using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace HerokuAnalyzers.Tasks.Slug
{
    /// <summary>
    /// The patterns of a root .slugignore (platform.md §4): "roughly the same as .gitignore" — blank
    /// lines and <c>#</c> comments skipped, a leading or inner <c>/</c> anchors to the root, a trailing
    /// <c>/</c> matches only folders, <c>*</c> and <c>?</c> stay within a name, <c>**</c> crosses folders.
    /// There is no <c>!</c> negation: such a line is a literal name, as Heroku treats it.
    /// A matched folder removes everything below it.
    /// </summary>
    internal sealed class SlugIgnore
    {
        private readonly List<Pattern> _patterns;

        private SlugIgnore(List<Pattern> patterns)
        {
            _patterns = patterns;
        }

        public static SlugIgnore Empty { get; } = new SlugIgnore(new List<Pattern>());

        /// <summary>The lines that are patterns, as written, for the report.</summary>
        public IEnumerable<string> Lines
        {
            get
            {
                foreach (var pattern in _patterns)
                {
                    yield return pattern.Line;
                }
            }
        }

        public static SlugIgnore Load(string? path, List<string> problems)
        {
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                return Empty;
            }

            try
            {
                return Parse(File.ReadAllText(path, Encoding.UTF8));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problems.Add("could not read " + path + " (" + ex.Message + "); the estimate ignores it");
                return Empty;
            }
        }

        public static SlugIgnore Parse(string text)
        {
            var patterns = new List<Pattern>();
            foreach (var rawLine in text.Split('\n'))
            {
                var line = rawLine.TrimEnd('\r', ' ', '\t').TrimStart('\uFEFF');
                var trimmed = line.TrimStart();
                if (trimmed.Length == 0 || trimmed[0] == '#')
                {
                    continue;
                }

                var pattern = Pattern.Create(trimmed);
                if (pattern != null)
                {
                    patterns.Add(pattern);
                }
            }

            return new SlugIgnore(patterns);
        }

        /// <summary>True when the file at this '/'-separated path below the root, or one of its folders, is matched.</summary>
        public bool IsIgnored(string relativePath)
        {
            if (_patterns.Count == 0)
            {
                return false;
            }

            var segments = relativePath.Split('/');
            var prefix = new StringBuilder();
            for (var i = 0; i < segments.Length; i++)
            {
                if (i > 0)
                {
                    prefix.Append('/');
                }

                prefix.Append(segments[i]);
                var isFolder = i < segments.Length - 1;
                var candidate = prefix.ToString();
                foreach (var pattern in _patterns)
                {
                    if (pattern.Matches(candidate, segments[i], isFolder))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private sealed class Pattern
        {
            private readonly Regex _regex;
            private readonly bool _anchored;
            private readonly bool _foldersOnly;

            private Pattern(string line, Regex regex, bool anchored, bool foldersOnly)
            {
                Line = line;
                _regex = regex;
                _anchored = anchored;
                _foldersOnly = foldersOnly;
            }

            public string Line { get; }

            public static Pattern? Create(string line)
            {
                var body = line;
                if (body.StartsWith("./", StringComparison.Ordinal))
                {
                    body = body.Substring(1);
                }

                var foldersOnly = body.EndsWith("/", StringComparison.Ordinal);
                body = body.Trim('/');
                if (body.Length == 0)
                {
                    return null;
                }

                var anchored = line.StartsWith("/", StringComparison.Ordinal) || line.StartsWith("./", StringComparison.Ordinal) || body.IndexOf('/') >= 0;
                return new Pattern(line, new Regex("^" + ToRegex(body) + "$", RegexOptions.CultureInvariant), anchored, foldersOnly);
            }

            public bool Matches(string pathFromRoot, string name, bool isFolder)
            {
                if (_foldersOnly && !isFolder)
                {
                    return false;
                }

                return _regex.IsMatch(_anchored ? pathFromRoot : name);
            }

            private static string ToRegex(string glob)
            {
                var regex = new StringBuilder();
                for (var i = 0; i < glob.Length; i++)
                {
                    var c = glob[i];
                    if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
                    {
                        var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                        regex.Append(slashAfter ? "(.*/)?" : ".*");
                        i += slashAfter ? 2 : 1;
                    }
                    else if (c == '*')
                    {
                        regex.Append("[^/]*");
                    }
                    else if (c == '?')
                    {
                        regex.Append("[^/]");
                    }
                    else if (c == '[' && glob.IndexOf(']', i + 1) > i + 1)
                    {
                        var end = glob.IndexOf(']', i + 1);
                        var set = glob.Substring(i + 1, end - i - 1);
                        if (set.StartsWith("!", StringComparison.Ordinal))
                        {
                            set = "^" + set.Substring(1);
                        }

                        regex.Append('[').Append(set.Replace("\\", "\\\\")).Append(']');
                        i = end;
                    }
                    else if (c == '\\' && i + 1 < glob.Length)
                    {
                        regex.Append(Regex.Escape(glob[++i].ToString()));
                    }
                    else
                    {
                        regex.Append(Regex.Escape(c.ToString()));
                    }
                }

                return regex.ToString();
            }
        }
    }
}
