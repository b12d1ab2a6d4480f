using System;
using System.Text;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// The <c>run.web</c> command of a heroku.yml (docs/heroku-facts.md#herokuyml): <c>web: cmd</c>, or
    /// <c>web: {command: [cmd], image: …}</c> in block style. Only this much YAML is read — no YAML
    /// library may ship in the analyzer; anything else (flow style, anchors) yields no command.
    /// </summary>
    internal static class HerokuYmlRun
    {
        public static (string Command, TextPosition Position)? FindWeb(string text)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var inRun = false;
            var webIndent = -1;
            var childIndent = -1;
            TextPosition webPosition = default;
            var command = new StringBuilder();
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var indent = Indent(line);
                var content = line.Trim();
                if (content.Length == 0 || content.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                if (indent == 0)
                {
                    if (webIndent >= 0)
                    {
                        break;
                    }

                    inRun = content == "run:";
                    continue;
                }

                if (!inRun)
                {
                    continue;
                }

                if (webIndent < 0)
                {
                    if (content.StartsWith("web:", StringComparison.Ordinal) && (childIndent < 0 || indent == childIndent))
                    {
                        webIndent = indent;
                        webPosition = new TextPosition(i + 1, indent + 1);
                        var inline = Unquote(content.Substring("web:".Length).Trim());
                        if (inline.Length > 0)
                        {
                            return (inline, webPosition);
                        }
                    }

                    childIndent = childIndent < 0 ? indent : childIndent;
                    continue;
                }

                if (indent <= webIndent)
                {
                    break;
                }

                if (content.StartsWith("command:", StringComparison.Ordinal))
                {
                    var inline = Unquote(content.Substring("command:".Length).Trim());
                    if (inline.Length > 0 && inline != "|" && inline != ">")
                    {
                        Append(command, inline.TrimStart('[').TrimEnd(']'));
                    }
                }
                else if (content.StartsWith("- ", StringComparison.Ordinal))
                {
                    Append(command, Unquote(content.Substring(2).Trim()));
                }
            }

            return command.Length > 0 ? (command.ToString(), webPosition) : ((string, TextPosition)?)null;
        }

        private static void Append(StringBuilder command, string part)
        {
            if (command.Length > 0)
            {
                command.Append(' ');
            }

            command.Append(part);
        }

        private static string Unquote(string value)
        {
            if (value.Length >= 2 && ((value[0] == '"' && value[value.Length - 1] == '"') || (value[0] == '\'' && value[value.Length - 1] == '\'')))
            {
                return value.Substring(1, value.Length - 2);
            }

            return value;
        }

        private static int Indent(string line)
        {
            var i = 0;
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            return i;
        }
    }
}
