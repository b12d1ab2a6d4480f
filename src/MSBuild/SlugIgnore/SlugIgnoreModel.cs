using System.Collections.Generic;
using HerokuAnalyzers.Tasks.Files;

namespace HerokuAnalyzers.Tasks.SlugIgnore
{
    /// <summary>
    /// A .slugignore read once per build: its patterns and negations, with positions for the checks,
    /// and which files it removes for the slug estimate.
    /// </summary>
    internal sealed class SlugIgnoreModel
    {
        /// <summary>Real files have a few dozen lines; beyond this many patterns the rest is neither checked nor applied.</summary>
        public const int MaxPatterns = 1000;

        private SlugIgnoreModel(string path, HerokuFileText? file, string? readError, List<SlugIgnorePattern> patterns, List<SlugIgnorePattern> negations)
        {
            Path = path;
            File = file;
            ReadError = readError;
            Patterns = patterns;
            Negations = negations;
        }

        /// <summary>No .slugignore: nothing is removed.</summary>
        public static SlugIgnoreModel Empty { get; } = new SlugIgnoreModel("", null, null, new List<SlugIgnorePattern>(), new List<SlugIgnorePattern>());

        public string Path { get; }

        public HerokuFileText? File { get; }

        public string? ReadError { get; }

        public IReadOnlyList<SlugIgnorePattern> Patterns { get; }

        /// <summary>
        /// '!' lines, which Heroku does not support (docs/heroku-facts.md#slugignore): they bring nothing back. Without
        /// negation the line is an ordinary pattern for a name starting with '!', so it keeps the '!'.
        /// </summary>
        public IReadOnlyList<SlugIgnorePattern> Negations { get; }

        public static SlugIgnoreModel Load(string path)
        {
            if (!HerokuFileText.TryRead(path, out var file, out var readError))
            {
                return new SlugIgnoreModel(path, null, readError, new List<SlugIgnorePattern>(), new List<SlugIgnorePattern>());
            }

            return FromFile(file!);
        }

        public static SlugIgnoreModel FromFile(HerokuFileText file)
        {
            var patterns = new List<SlugIgnorePattern>();
            var negations = new List<SlugIgnorePattern>();
            var text = file.StartsWithBom ? file.Text.Substring(1) : file.Text;
            var lines = text.Split('\n');
            var count = file.IsTruncated ? lines.Length - 1 : lines.Length;
            for (var i = 0; i < count && patterns.Count + negations.Count < MaxPatterns; i++)
            {
                var line = lines[i].TrimEnd('\r', ' ', '\t');
                var indent = 0;
                while (indent < line.Length && (line[indent] == ' ' || line[indent] == '\t'))
                {
                    indent++;
                }

                var pattern = line.Substring(indent);
                if (pattern.Length == 0 || pattern[0] == '#')
                {
                    continue;
                }

                (pattern[0] == '!' ? negations : patterns).Add(SlugIgnorePattern.Parse(pattern, i + 1, indent + 1));
            }

            return new SlugIgnoreModel(file.Path, file, null, patterns, negations);
        }

        /// <summary>
        /// Whether the file at this '/'-separated path below the root is removed from the slug: a line
        /// matches it or one of its folders.
        /// </summary>
        public bool IsIgnored(string relativePath)
        {
            foreach (var pattern in Patterns)
            {
                if (pattern.Removes(relativePath))
                {
                    return true;
                }
            }

            foreach (var negation in Negations)
            {
                if (negation.Removes(relativePath))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
