using System;
using System.Text;
using System.Text.RegularExpressions;

namespace HerokuAnalyzers.Tasks.SlugIgnore
{
    /// <summary>
    /// One .slugignore line as a gitignore-style pattern (docs/heroku-facts.md#slugignore: "roughly the same as
    /// .gitignore"): '/' anchors it to the app root, a trailing '/' matches directories only, a pattern
    /// without '/' matches a name at any depth, '*', '?', '**', '[…]' are globs and '\' makes the next
    /// character literal. Removing a
    /// directory removes everything below it.
    /// </summary>
    internal sealed class SlugIgnorePattern
    {
        private readonly Regex _regex;
        private readonly bool _anchored;

        private SlugIgnorePattern(string text, int line, int column, Regex regex, bool anchored, bool directoryOnly)
        {
            Text = text;
            Line = line;
            Column = column;
            _regex = regex;
            _anchored = anchored;
            DirectoryOnly = directoryOnly;
        }

        /// <summary>The pattern as written (trimmed).</summary>
        public string Text { get; }

        public int Line { get; }

        public int Column { get; }

        public bool DirectoryOnly { get; }

        public static SlugIgnorePattern Parse(string text, int line, int column)
        {
            var pattern = text;
            if (pattern.StartsWith("./", StringComparison.Ordinal))
            {
                pattern = pattern.Substring(1);
            }

            var directoryOnly = pattern.EndsWith("/", StringComparison.Ordinal);
            pattern = pattern.TrimEnd('/');
            var anchored = pattern.IndexOf('/') >= 0;
            pattern = pattern.TrimStart('/');
            var regex = new Regex("^" + GlobToRegex(pattern) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(200));
            return new SlugIgnorePattern(text, line, column, regex, anchored, directoryOnly);
        }

        /// <summary>Whether the pattern itself matches this entry (a path relative to the app root, '/' separators).</summary>
        public bool MatchesEntry(string relativePath, bool isDirectory)
        {
            if (DirectoryOnly && !isDirectory)
            {
                return false;
            }

            var subject = _anchored ? relativePath : relativePath.Substring(relativePath.LastIndexOf('/') + 1);
            try
            {
                return _regex.IsMatch(subject);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        /// <summary>Whether the file at <paramref name="relativePath"/> is removed: it or one of its directories matches.</summary>
        public bool Removes(string relativePath)
        {
            if (MatchesEntry(relativePath, isDirectory: false))
            {
                return true;
            }

            for (var slash = relativePath.IndexOf('/'); slash > 0; slash = relativePath.IndexOf('/', slash + 1))
            {
                if (MatchesEntry(relativePath.Substring(0, slash), isDirectory: true))
                {
                    return true;
                }
            }

            return false;
        }

        private static string GlobToRegex(string glob)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < glob.Length; i++)
            {
                var c = glob[i];
                if (c == '*')
                {
                    if (i + 1 < glob.Length && glob[i + 1] == '*')
                    {
                        var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                        builder.Append(slashAfter ? "(?:.*/)?" : ".*");
                        i += slashAfter ? 2 : 1;
                    }
                    else
                    {
                        builder.Append("[^/]*");
                    }
                }
                else if (c == '?')
                {
                    builder.Append("[^/]");
                }
                else if (c == '[' && glob.IndexOf(']', i + 1) > i + 1)
                {
                    var close = glob.IndexOf(']', i + 1);
                    var set = glob.Substring(i + 1, close - i - 1).Replace("\\", "\\\\");
                    builder.Append('[').Append(set.StartsWith("!", StringComparison.Ordinal) ? "^" + set.Substring(1) : set).Append(']');
                    i = close;
                }
                else if (c == '\\' && i + 1 < glob.Length)
                {
                    // As in .gitignore, a backslash makes the next character literal ("\#", "\!", "\*").
                    builder.Append(Regex.Escape(glob[++i].ToString()));
                }
                else
                {
                    builder.Append(Regex.Escape(c.ToString()));
                }
            }

            return builder.ToString();
        }
    }
}
