using System;
using System.Collections.Generic;
using System.Text;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Docker
{
    /// <summary>One instruction of a Dockerfile: its keyword, its arguments joined across continuation lines, where it starts.</summary>
    internal sealed class DockerInstruction
    {
        public DockerInstruction(string keyword, string arguments, TextPosition position, int length, IReadOnlyList<string>? execArguments)
        {
            Keyword = keyword;
            Arguments = arguments;
            Position = position;
            Length = length;
            ExecArguments = execArguments;
        }

        /// <summary>Upper case: FROM, CMD, ENTRYPOINT, ENV, ARG, EXPOSE …</summary>
        public string Keyword { get; }

        /// <summary>The text after the keyword, continuation lines joined, comment lines removed.</summary>
        public string Arguments { get; }

        /// <summary>Where the keyword starts.</summary>
        public TextPosition Position { get; }

        /// <summary>From the keyword to the end of its first line, in characters.</summary>
        public int Length { get; }

        /// <summary>The JSON array of an exec-form CMD / ENTRYPOINT / RUN / SHELL; null for the shell form.</summary>
        public IReadOnlyList<string>? ExecArguments { get; }

        public bool IsExecForm => ExecArguments != null;
    }

    /// <summary>A build stage: from one FROM to the next.</summary>
    internal sealed class DockerStage
    {
        public DockerStage(DockerInstruction from, string baseImage, string? name)
        {
            From = from;
            BaseImage = baseImage;
            Name = name;
        }

        public DockerInstruction From { get; }

        /// <summary>The image or earlier stage the stage starts from, ARG defaults substituted.</summary>
        public string BaseImage { get; }

        /// <summary>The name after AS, or null.</summary>
        public string? Name { get; }

        public List<DockerInstruction> Instructions { get; } = new List<DockerInstruction>();
    }

    /// <summary>
    /// A Dockerfile read as the Docker builder reads it, as far as the web process needs: parser
    /// directives (escape), comment lines, line continuations, heredocs skipped, stages (FROM … AS),
    /// exec and shell form, ARG defaults before the first FROM. Bounded: longer files are read up to
    /// <see cref="MaxLength"/> characters and <see cref="MaxInstructions"/> instructions.
    /// </summary>
    internal sealed class Dockerfile
    {
        public const int MaxLength = 1024 * 1024;
        public const int MaxInstructions = 10000;

        private Dockerfile(List<DockerStage> stages, Dictionary<string, string> globalArguments)
        {
            Stages = stages;
            GlobalArguments = globalArguments;
        }

        public List<DockerStage> Stages { get; }

        /// <summary>ARG defaults declared before the first FROM (usable in FROM lines).</summary>
        public Dictionary<string, string> GlobalArguments { get; }

        /// <summary>The stage a build of <paramref name="target"/> ends with: that stage, or the last one; null when there is none.</summary>
        public DockerStage? FinalStage(string? target)
        {
            if (string.IsNullOrEmpty(target))
            {
                return Stages.Count > 0 ? Stages[Stages.Count - 1] : null;
            }

            // Stage names are case-insensitive.
            return Stages.FindLast(s => string.Equals(s.Name, target, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>The earlier stage named <paramref name="name"/> before <paramref name="stage"/>, or null (an image).</summary>
        public DockerStage? EarlierStage(DockerStage stage, string name)
        {
            var index = Stages.IndexOf(stage);
            for (var i = index - 1; i >= 0; i--)
            {
                if (string.Equals(Stages[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return Stages[i];
                }
            }

            return null;
        }

        public static Dockerfile Parse(string text)
        {
            if (text.Length > MaxLength)
            {
                text = text.Substring(0, MaxLength);
            }

            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            var lines = text.Replace("\r\n", "\n").Split('\n');
            var escape = ReadEscapeDirective(lines);
            var stages = new List<DockerStage>();
            var globals = new Dictionary<string, string>(StringComparer.Ordinal);
            var count = 0;
            for (var i = 0; i < lines.Length && count < MaxInstructions; i++)
            {
                var line = lines[i];
                var start = FirstNonBlank(line);
                if (start < 0 || line[start] == '#')
                {
                    continue;
                }

                var firstLine = i;
                var logical = new StringBuilder();
                var current = line.Substring(start);
                while (true)
                {
                    var trimmed = current.TrimEnd(' ', '\t');
                    if (trimmed.Length > 0 && trimmed[trimmed.Length - 1] == escape && i + 1 < lines.Length)
                    {
                        logical.Append(trimmed, 0, trimmed.Length - 1);
                        i++;

                        // Comment lines inside a continued instruction are dropped, empty ones ignored.
                        while (i < lines.Length && (FirstNonBlank(lines[i]) < 0 || lines[i][FirstNonBlank(lines[i])] == '#') && i + 1 < lines.Length)
                        {
                            i++;
                        }

                        current = lines[i];
                        continue;
                    }

                    logical.Append(current);
                    break;
                }

                var instruction = Read(logical.ToString(), new TextPosition(firstLine + 1, start + 1), line.Length - start);
                if (instruction == null)
                {
                    continue;
                }

                count++;
                i = SkipHeredocs(instruction, lines, i);
                if (instruction.Keyword == "FROM")
                {
                    var (image, name) = ReadFrom(instruction.Arguments, globals);
                    stages.Add(new DockerStage(instruction, image, name));
                }
                else if (stages.Count == 0)
                {
                    if (instruction.Keyword == "ARG")
                    {
                        var (argName, value) = ReadArg(instruction.Arguments);
                        if (argName.Length > 0)
                        {
                            globals[argName] = value ?? "";
                        }
                    }
                }
                else
                {
                    stages[stages.Count - 1].Instructions.Add(instruction);
                }
            }

            return new Dockerfile(stages, globals);
        }

        /// <summary>
        /// The words of an ENV, LABEL or EXPOSE argument as Docker splits them: whitespace outside quotes,
        /// quotes removed, the escape character keeping the next character.
        /// </summary>
        public static List<string> Words(string arguments)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            var inWord = false;
            var quote = '\0';
            for (var i = 0; i < arguments.Length; i++)
            {
                var c = arguments[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                    else if (c == '\\' && quote == '"' && i + 1 < arguments.Length)
                    {
                        word.Append(arguments[++i]);
                    }
                    else
                    {
                        word.Append(c);
                    }

                    continue;
                }

                if (c == ' ' || c == '\t')
                {
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    continue;
                }

                inWord = true;
                if (c == '"' || c == '\'')
                {
                    quote = c;
                }
                else if (c == '\\' && i + 1 < arguments.Length)
                {
                    word.Append(arguments[++i]);
                }
                else
                {
                    word.Append(c);
                }
            }

            if (inWord)
            {
                words.Add(word.ToString());
            }

            return words;
        }

        /// <summary>
        /// The variables an ENV instruction sets: <c>ENV A=1 B="two words"</c>, or the legacy
        /// <c>ENV A value with blanks</c>. Values as written (variables not yet substituted).
        /// </summary>
        public static List<KeyValuePair<string, string>> EnvPairs(string arguments)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            var words = Words(arguments);
            if (words.Count == 0)
            {
                return pairs;
            }

            if (words[0].IndexOf('=') <= 0)
            {
                var rest = arguments.TrimStart();
                var blank = rest.IndexOfAny(new[] { ' ', '\t' });
                pairs.Add(new KeyValuePair<string, string>(words[0], blank < 0 ? "" : rest.Substring(blank).Trim()));
                return pairs;
            }

            foreach (var word in words)
            {
                var equals = word.IndexOf('=');
                if (equals > 0)
                {
                    pairs.Add(new KeyValuePair<string, string>(word.Substring(0, equals), word.Substring(equals + 1)));
                }
            }

            return pairs;
        }

        /// <summary>ARG name[=default].</summary>
        public static (string Name, string? Default) ReadArg(string arguments)
        {
            var words = Words(arguments);
            if (words.Count == 0)
            {
                return ("", null);
            }

            var equals = words[0].IndexOf('=');
            return equals < 0 ? (words[0], null) : (words[0].Substring(0, equals), words[0].Substring(equals + 1));
        }

        /// <summary>
        /// Docker's build-time substitution of $NAME, ${NAME}, ${NAME:-default} and ${NAME:+value}: a
        /// variable no ARG or ENV defined is empty. <paramref name="referenced"/> collects the names used.
        /// </summary>
        public static string Substitute(string value, Func<string, string?> lookup, ICollection<string>? referenced = null)
        {
            if (value.IndexOf('$') < 0)
            {
                return value;
            }

            var result = new StringBuilder();
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c != '$' || i + 1 >= value.Length)
                {
                    result.Append(c);
                    continue;
                }

                string name;
                string? modifier = null;
                if (value[i + 1] == '{')
                {
                    var close = value.IndexOf('}', i + 2);
                    if (close < 0)
                    {
                        result.Append(value, i, value.Length - i);
                        break;
                    }

                    var inner = value.Substring(i + 2, close - i - 2);
                    var colon = inner.IndexOf(':');
                    name = colon < 0 ? inner : inner.Substring(0, colon);
                    modifier = colon < 0 ? null : inner.Substring(colon + 1);
                    i = close;
                }
                else
                {
                    var end = i + 1;
                    while (end < value.Length && (char.IsLetterOrDigit(value[end]) || value[end] == '_'))
                    {
                        end++;
                    }

                    if (end == i + 1)
                    {
                        result.Append(c);
                        continue;
                    }

                    name = value.Substring(i + 1, end - i - 1);
                    i = end - 1;
                }

                referenced?.Add(name);
                var known = lookup(name);
                if (modifier != null && modifier.StartsWith("-", StringComparison.Ordinal))
                {
                    result.Append(string.IsNullOrEmpty(known) ? modifier.Substring(1) : known);
                }
                else if (modifier != null && modifier.StartsWith("+", StringComparison.Ordinal))
                {
                    result.Append(string.IsNullOrEmpty(known) ? "" : modifier.Substring(1));
                }
                else
                {
                    result.Append(known ?? "");
                }
            }

            return result.ToString();
        }

        private static DockerInstruction? Read(string logical, TextPosition position, int firstLineLength)
        {
            var end = 0;
            while (end < logical.Length && logical[end] != ' ' && logical[end] != '\t')
            {
                end++;
            }

            var keyword = logical.Substring(0, end).ToUpperInvariant();
            if (keyword.Length == 0)
            {
                return null;
            }

            var arguments = logical.Substring(end).Trim();
            IReadOnlyList<string>? exec = null;
            if (arguments.StartsWith("[", StringComparison.Ordinal)
                && (keyword == "CMD" || keyword == "ENTRYPOINT" || keyword == "RUN" || keyword == "SHELL"))
            {
                exec = ReadExecForm(arguments);
            }

            return new DockerInstruction(keyword, arguments, position, firstLineLength, exec);
        }

        /// <summary>A JSON array of strings; anything else is the shell form, as Docker decides.</summary>
        private static IReadOnlyList<string>? ReadExecForm(string arguments)
        {
            var root = JsonParser.Parse(arguments, relaxed: false, out _);
            if (root == null || root.Kind != JsonKind.Array)
            {
                return null;
            }

            var items = new List<string>();
            foreach (var item in root.Items)
            {
                if (item.Kind != JsonKind.String)
                {
                    return null;
                }

                items.Add(item.Text ?? "");
            }

            return items;
        }

        private static (string Image, string? Name) ReadFrom(string arguments, Dictionary<string, string> globals)
        {
            var words = Words(arguments);
            words.RemoveAll(w => w.StartsWith("--", StringComparison.Ordinal));
            if (words.Count == 0)
            {
                return ("", null);
            }

            var image = Substitute(words[0], name => globals.TryGetValue(name, out var value) ? value : null);
            var name = words.Count >= 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
            return (image, name);
        }

        /// <summary>A <c># escape=`</c> parser directive at the top of the file sets the escape character.</summary>
        private static char ReadEscapeDirective(string[] lines)
        {
            foreach (var line in lines)
            {
                var trimmed = line.Trim();
                if (!trimmed.StartsWith("#", StringComparison.Ordinal))
                {
                    break;
                }

                var directive = trimmed.Substring(1).Replace(" ", "").Replace("\t", "");
                if (directive.StartsWith("escape=", StringComparison.OrdinalIgnoreCase) && directive.Length == "escape=".Length + 1)
                {
                    return directive[directive.Length - 1];
                }

                if (directive.IndexOf('=') < 0)
                {
                    // A plain comment ends the directives.
                    break;
                }
            }

            return '\\';
        }

        /// <summary>Heredoc bodies (<c>RUN &lt;&lt;EOF</c> … <c>EOF</c>) are data, not instructions.</summary>
        private static int SkipHeredocs(DockerInstruction instruction, string[] lines, int index)
        {
            if (instruction.Keyword != "RUN" && instruction.Keyword != "COPY" && instruction.Keyword != "ADD")
            {
                return index;
            }

            var arguments = instruction.Arguments;
            var at = arguments.IndexOf("<<", StringComparison.Ordinal);
            while (at >= 0 && index + 1 < lines.Length)
            {
                var rest = arguments.Substring(at + 2);
                var strip = rest.StartsWith("-", StringComparison.Ordinal);
                rest = rest.TrimStart('-').TrimStart('"', '\'');
                var length = 0;
                while (length < rest.Length && (char.IsLetter(rest[length]) || rest[length] == '_' || (length > 0 && char.IsDigit(rest[length]))))
                {
                    length++;
                }

                if (length == 0)
                {
                    break;
                }

                var terminator = rest.Substring(0, length);
                index++;
                while (index < lines.Length && (strip ? lines[index].TrimStart('\t') : lines[index]) != terminator)
                {
                    index++;
                }

                at = arguments.IndexOf("<<", at + 2 + length, StringComparison.Ordinal);
            }

            return Math.Min(index, lines.Length - 1);
        }

        private static int FirstNonBlank(string line)
        {
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] != ' ' && line[i] != '\t')
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
