using System.Collections.Generic;
using System.Text;

namespace HerokuAnalyzers.Shell
{
    /// <summary>One word of a shell command, unquoted, with where it starts in the command text.</summary>
    internal sealed class ShellWord
    {
        public ShellWord(string text, int offset, bool hasUnquotedBackslash, bool quoted)
        {
            Text = text;
            Offset = offset;
            HasUnquotedBackslash = hasUnquotedBackslash;
            Quoted = quoted;
        }

        /// <summary>The word after quote removal (backslashes outside quotes kept, so Windows paths stay visible).</summary>
        public string Text { get; }

        /// <summary>0-based offset of the word's first character in the text it was read from.</summary>
        public int Offset { get; }

        public bool HasUnquotedBackslash { get; }

        /// <summary>Some of the word was in quotes: a '#' or '=' inside it is text, not syntax.</summary>
        public bool Quoted { get; }
    }

    /// <summary>A simple command: the variable assignments before it, then the program and its arguments.</summary>
    internal sealed class SimpleCommand
    {
        public SimpleCommand(List<ShellWord> assignments, List<ShellWord> words)
        {
            Assignments = assignments;
            Words = words;
        }

        /// <summary><c>NAME=value</c> words before the program (also those after <c>env</c>), in order.</summary>
        public List<ShellWord> Assignments { get; }

        /// <summary>The program and its arguments, wrappers (exec, env, nohup, time, command) removed; empty for assignments alone.</summary>
        public List<ShellWord> Words { get; }

        /// <summary>The file name of the program ("/usr/bin/dotnet" and "dotnet" are both "dotnet"), "" when none runs.</summary>
        public string Program => Words.Count == 0 ? "" : ShellCommand.ProgramName(Words[0].Text);
    }

    /// <summary>
    /// The one reader of the command lines Heroku hands to a shell — a Procfile entry (bash -c), a
    /// heroku.yml run command, a shell-form Dockerfile CMD — used by the analyzers and the MSBuild
    /// tasks alike, so that the rules that read a command (HK3004, HK4005–HK4008) split it the same way.
    /// It splits the text into simple commands and words, enough to see which programs run with what
    /// arguments. Not a shell: expansions are left as written; a <c>bash -c '…'</c> / <c>sh -c "…"</c>
    /// argument is read as a command in turn.
    /// </summary>
    internal static class ShellCommand
    {
        private const int MaxNesting = 4;

        /// <summary>Longer commands are read up to this many characters: no real command comes near it.</summary>
        public const int MaxLength = 64 * 1024;

        /// <summary>The simple commands of <paramref name="command"/>, in order, with their assignments.</summary>
        public static List<SimpleCommand> Read(string command) => Read(command, 0, 0);

        /// <summary>The words of each simple command (assignments and wrappers removed).</summary>
        public static List<List<ShellWord>> Split(string command)
        {
            var result = new List<List<ShellWord>>();
            foreach (var simple in Read(command))
            {
                if (simple.Words.Count > 0)
                {
                    result.Add(simple.Words);
                }
            }

            return result;
        }

        /// <summary>The file name of a program path: "/usr/bin/dotnet" and "dotnet" are both "dotnet".</summary>
        public static string ProgramName(string word)
        {
            var slash = word.LastIndexOf('/');
            return slash >= 0 ? word.Substring(slash + 1) : word;
        }

        /// <summary>
        /// The look-alike of '-' a word starts with — an en or em dash, a minus sign, a Unicode hyphen —
        /// as word processors and chat tools turn "--urls" into "–urls"; programs read such a word as
        /// text, not as an option. Null when the word starts otherwise.
        /// </summary>
        public static char? LookAlikeDash(string word)
        {
            if (word.Length == 0)
            {
                return null;
            }

            switch (word[0])
            {
                case '\u2010': // hyphen
                case '\u2011': // non-breaking hyphen
                case '\u2012': // figure dash
                case '\u2013': // en dash
                case '\u2014': // em dash
                case '\u2015': // horizontal bar
                case '\u2212': // minus sign
                case '\uFE63': // small hyphen-minus
                case '\uFF0D': // fullwidth hyphen-minus
                    return word[0];
                default:
                    return null;
            }
        }

        /// <summary>The option a word names once look-alike dashes are read as '-': "–urls" and "—urls" are "--urls".</summary>
        public static string WithAsciiDashes(string word)
        {
            var i = 0;
            while (i < word.Length && (word[i] == '-' || LookAlikeDash(word.Substring(i, 1)) != null))
            {
                i++;
            }

            if (i == 0)
            {
                return word;
            }

            // One long dash stands for the two hyphens it replaced.
            var dashes = i == 1 && word[0] != '-' ? 2 : i;
            return new string('-', dashes) + word.Substring(i);
        }

        private static List<SimpleCommand> Read(string command, int baseOffset, int depth)
        {
            if (command.Length > MaxLength)
            {
                command = command.Substring(0, MaxLength);
            }

            var commands = new List<SimpleCommand>();
            var current = new List<ShellWord>();
            var i = 0;
            while (i < command.Length)
            {
                var c = command[i];
                if (c == ' ' || c == '\t' || c == '\r')
                {
                    i++;
                    continue;
                }

                if (IsOperator(c))
                {
                    Flush(commands, current, depth);
                    current = new List<ShellWord>();
                    i++;
                    continue;
                }

                if (c == '#')
                {
                    // A '#' that starts a word starts a comment, which runs to the end of the line.
                    var newline = command.IndexOf('\n', i);
                    if (newline < 0)
                    {
                        break;
                    }

                    i = newline;
                    continue;
                }

                var start = i;
                var word = new StringBuilder();
                var backslash = false;
                var quoted = false;
                while (i < command.Length)
                {
                    c = command[i];
                    if (c == ' ' || c == '\t' || c == '\r' || IsOperator(c))
                    {
                        break;
                    }

                    if (c == '\'' || c == '"')
                    {
                        quoted = true;
                        var close = command.IndexOf(c, i + 1);
                        while (c == '"' && close > 0 && command[close - 1] == '\\')
                        {
                            close = command.IndexOf(c, close + 1);
                        }

                        if (close < 0)
                        {
                            close = command.Length;
                        }

                        word.Append(command, i + 1, close - i - 1);
                        i = close + 1;
                        continue;
                    }

                    if (c == '\\')
                    {
                        if (i + 1 < command.Length && command[i + 1] == '\n')
                        {
                            // A line continuation joins the lines; it is not part of the word.
                            i += 2;
                            continue;
                        }

                        backslash = true;
                        word.Append(c);
                        if (i + 1 < command.Length)
                        {
                            word.Append(command[i + 1]);
                        }

                        i += 2;
                        continue;
                    }

                    word.Append(c);
                    i++;
                }

                current.Add(new ShellWord(word.ToString(), baseOffset + start, backslash, quoted));
            }

            Flush(commands, current, depth);
            return commands;
        }

        private static bool IsOperator(char c) => c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')';

        private static void Flush(List<SimpleCommand> commands, List<ShellWord> words, int depth)
        {
            var assignments = new List<ShellWord>();
            var first = 0;
            while (first < words.Count)
            {
                if (IsAssignment(words[first]))
                {
                    assignments.Add(words[first]);
                }
                else if (!IsWrapper(words[first].Text))
                {
                    break;
                }

                first++;
            }

            if (first >= words.Count)
            {
                if (assignments.Count > 0)
                {
                    // 'PORT=5000' alone sets a shell variable for the commands after it: no program runs.
                    commands.Add(new SimpleCommand(assignments, new List<ShellWord>()));
                }

                return;
            }

            var simple = words.GetRange(first, words.Count - first);
            var program = ProgramName(simple[0].Text);
            if ((program == "bash" || program == "sh") && simple.Count >= 3 && simple[1].Text == "-c" && depth < MaxNesting)
            {
                // The inner command's words keep offsets into the outer text only approximately (quotes
                // removed): point at the argument's start, which is where a reader looks.
                foreach (var inner in Read(simple[2].Text, 0, depth + 1))
                {
                    commands.Add(new SimpleCommand(Shift(assignments, inner.Assignments, simple[2].Offset), Shift(null, inner.Words, simple[2].Offset)));
                }

                return;
            }

            commands.Add(new SimpleCommand(assignments, simple));
        }

        private static List<ShellWord> Shift(List<ShellWord>? outer, List<ShellWord> words, int offset)
        {
            var shifted = outer == null ? new List<ShellWord>() : new List<ShellWord>(outer);
            foreach (var word in words)
            {
                shifted.Add(new ShellWord(word.Text, offset, word.HasUnquotedBackslash, word.Quoted));
            }

            return shifted;
        }

        private static bool IsWrapper(string text) => text == "exec" || text == "env" || text == "nohup" || text == "time" || text == "command";

        /// <summary>NAME=value, NAME a shell identifier written outside quotes.</summary>
        public static bool IsAssignment(ShellWord word)
        {
            var text = word.Text;
            var equals = text.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            for (var i = 0; i < equals; i++)
            {
                var c = text[i];
                if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9')))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
