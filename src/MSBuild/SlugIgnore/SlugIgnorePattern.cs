using System;

namespace HerokuAnalyzers.Tasks.SlugIgnore
{
    /// <summary>
    /// One .slugignore line as a gitignore-style pattern (Heroku's Slug Compiler article: "roughly the
    /// same as .gitignore"): '/' anchors it to the app root, a trailing '/' matches directories only, a
    /// pattern without '/' matches a name at any depth, '*', '?', '**', '[…]' are globs and '\' makes
    /// the next character literal. Removing a directory removes everything below it. The glob is
    /// compiled by <see cref="SlugIgnoreGlob"/>, so no line, however malformed, can make matching throw.
    /// </summary>
    internal sealed class SlugIgnorePattern
    {
        /// <summary>Linux paths are at most 4096 bytes (PATH_MAX); a longer line is no path pattern and is not matched.</summary>
        public const int MaxLength = 4096;

        private readonly SlugIgnoreGlob _glob;
        private readonly bool _anchored;

        private SlugIgnorePattern(string text, int line, int column, SlugIgnoreGlob glob, bool anchored, bool directoryOnly, string? problem, int problemColumn)
        {
            Text = text;
            Line = line;
            Column = column;
            _glob = glob;
            _anchored = anchored;
            DirectoryOnly = directoryOnly;
            Problem = problem;
            ProblemColumn = problemColumn;
        }

        /// <summary>The pattern as written (trimmed).</summary>
        public string Text { get; }

        public int Line { get; }

        public int Column { get; }

        public bool DirectoryOnly { get; }

        /// <summary>Why the line is not the glob it looks like (HK7013), or null.</summary>
        public string? Problem { get; }

        /// <summary>1-based column of the character <see cref="Problem"/> is about.</summary>
        public int ProblemColumn { get; }

        public static SlugIgnorePattern Parse(string text, int line, int column)
        {
            if (text.Length > MaxLength)
            {
                return new SlugIgnorePattern(text, line, column, SlugIgnoreGlob.Compile("\\"), anchored: false, directoryOnly: false,
                    "is " + text.Length + " characters long, longer than any Linux path (" + MaxLength + "), so it is not matched against the app's files", column);
            }

            var pattern = text;
            var offset = 0;
            if (pattern.StartsWith("./", StringComparison.Ordinal))
            {
                pattern = pattern.Substring(1);
                offset = 1;
            }

            var directoryOnly = pattern.EndsWith("/", StringComparison.Ordinal);
            pattern = pattern.TrimEnd('/');
            var anchored = pattern.IndexOf('/') >= 0;
            var trimmed = pattern.TrimStart('/');
            offset += pattern.Length - trimmed.Length;
            var glob = SlugIgnoreGlob.Compile(trimmed);
            return new SlugIgnorePattern(text, line, column, glob, anchored, directoryOnly, glob.Problem, column + offset + glob.ProblemOffset);
        }

        /// <summary>Whether the pattern itself matches this entry (a path relative to the app root, '/' separators).</summary>
        public bool MatchesEntry(string relativePath, bool isDirectory)
        {
            if (DirectoryOnly && !isDirectory)
            {
                return false;
            }

            var subject = _anchored ? relativePath : relativePath.Substring(relativePath.LastIndexOf('/') + 1);
            return _glob.IsMatch(subject);
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
    }
}
