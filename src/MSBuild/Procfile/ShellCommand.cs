using System.Collections.Generic;
using System.Text;

namespace HerokuAnalyzers.Tasks.Procfile
{
    /// <summary>One word of a shell command, unquoted, with where it starts in the command text.</summary>
    internal sealed class ShellWord
    {
        public ShellWord(string text, int offset, bool hasUnquotedBackslash)
        {
            Text = text;
            Offset = offset;
            HasUnquotedBackslash = hasUnquotedBackslash;
        }

        /// <summary>The word after quote removal (backslashes outside quotes kept, so Windows paths stay visible).</summary>
        public string Text { get; }

        /// <summary>0-based offset of the word's first character in the text it was read from.</summary>
        public int Offset { get; }

        public bool HasUnquotedBackslash { get; }
    }

    /// <summary>
    /// Splits the command a Procfile hands to <c>bash -c</c> into simple commands and words, enough to
    /// see which programs run and with what arguments. Not a shell: expansions are left as written, and a
    /// <c>bash -c '…'</c> / <c>sh -c "…"</c> argument is read as a command in turn.
    /// </summary>
    internal static class ShellCommand
    {
        private const int MaxNesting = 4;

        /// <summary>The simple commands (words without leading VAR=value assignments and exec/env/nohup wrappers).</summary>
        public static List<List<ShellWord>> Split(string command) => Split(command, 0, 0);

        private static List<List<ShellWord>> Split(string command, int baseOffset, int depth)
        {
            var commands = new List<List<ShellWord>>();
            var current = new List<ShellWord>();
            var i = 0;
            while (i < command.Length)
            {
                var c = command[i];
                if (c == ' ' || c == '\t')
                {
                    i++;
                    continue;
                }

                if (c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')')
                {
                    Flush(commands, current, baseOffset, depth);
                    current = new List<ShellWord>();
                    i++;
                    continue;
                }

                if (c == '#' && current.Count == 0)
                {
                    break;
                }

                var start = i;
                var word = new StringBuilder();
                var backslash = false;
                while (i < command.Length)
                {
                    c = command[i];
                    if (c == ' ' || c == '\t' || c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')')
                    {
                        break;
                    }

                    if (c == '\'' || c == '"')
                    {
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

                current.Add(new ShellWord(word.ToString(), baseOffset + start, backslash));
            }

            Flush(commands, current, baseOffset, depth);
            return commands;
        }

        private static void Flush(List<List<ShellWord>> commands, List<ShellWord> words, int baseOffset, int depth)
        {
            var first = 0;
            while (first < words.Count && IsWrapper(words, first))
            {
                first++;
            }

            if (first >= words.Count)
            {
                return;
            }

            var simple = words.GetRange(first, words.Count - first);
            var program = ProgramName(simple[0].Text);
            if ((program == "bash" || program == "sh") && simple.Count >= 3 && simple[1].Text == "-c" && depth < MaxNesting)
            {
                // The inner command's words keep offsets into the outer text only approximately (quotes
                // removed): point at the argument's start, which is where the reader looks.
                foreach (var inner in Split(simple[2].Text, 0, depth + 1))
                {
                    var shifted = new List<ShellWord>();
                    foreach (var word in inner)
                    {
                        shifted.Add(new ShellWord(word.Text, simple[2].Offset, word.HasUnquotedBackslash));
                    }

                    commands.Add(shifted);
                }

                return;
            }

            commands.Add(simple);
        }

        private static bool IsWrapper(List<ShellWord> words, int index)
        {
            var text = words[index].Text;
            if (text == "exec" || text == "env" || text == "nohup" || text == "time" || text == "command")
            {
                return true;
            }

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

        /// <summary>The file name of a program path: "/usr/bin/dotnet" and "dotnet" are both "dotnet".</summary>
        public static string ProgramName(string word)
        {
            var slash = word.LastIndexOf('/');
            return slash >= 0 ? word.Substring(slash + 1) : word;
        }
    }
}
