using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.Files;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>app.json read and parsed (strict JSON) once per build.</summary>
    internal sealed class AppJsonModel
    {
        private AppJsonModel(string path, HerokuFileText? file, string? readError, JsonNode? root, JsonSyntaxError? syntaxError)
        {
            Path = path;
            File = file;
            ReadError = readError;
            Root = root;
            SyntaxError = syntaxError;
        }

        public string Path { get; }

        public HerokuFileText? File { get; }

        public string? ReadError { get; }

        /// <summary>The parsed document, or null when it is unreadable, not UTF-8, too large to check, or not JSON.</summary>
        public JsonNode? Root { get; }

        public JsonSyntaxError? SyntaxError { get; }

        public static AppJsonModel Load(string path)
        {
            if (!HerokuFileText.TryRead(path, out var file, out var readError))
            {
                return new AppJsonModel(path, null, readError, null, null);
            }

            return FromFile(file!);
        }

        public static AppJsonModel FromFile(HerokuFileText file)
        {
            // A file cut at the size cap would end in a false syntax error: beyond it nothing is claimed.
            if (file.EncodingProblem != null || file.IsTruncated)
            {
                return new AppJsonModel(file.Path, file, null, null, null);
            }

            var root = JsonParser.Parse(file.Text, relaxed: false, out var error);
            return new AppJsonModel(file.Path, file, null, root, error);
        }
    }
}
