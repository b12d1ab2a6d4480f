using System.Collections.Generic;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Procfile
{
    /// <summary>
    /// Reads a Procfile the way both Heroku parsers do (docs/heroku-facts.md#procfile-parsers, #procfile-cnb-grammar), in one linear pass.
    /// The CNB parser stops at its first error; this one reports every line the CNB would reject so
    /// that a user fixes them all in one go, and otherwise gives exactly the CNB's result.
    /// </summary>
    internal static class ProcfileParser
    {
        public static ProcfileDocument Parse(string text)
        {
            var cnbEntries = new List<ProcfileEntry>();
            var cnbProblems = new List<ProcfileProblem>();
            var cedarEntries = new List<ProcfileEntry>();

            if (text.Length == 0)
            {
                cnbProblems.Add(new ProcfileProblem(ProcfileProblemKind.CnbEmptyFile, new TextPosition(1, 1), "defines no process (empty file)"));
                return new ProcfileDocument(cnbEntries, cnbProblems, cedarEntries, 0);
            }

            var lineNumber = 0;
            var start = 0;
            while (start < text.Length)
            {
                lineNumber++;
                var newline = text.IndexOf('\n', start);
                var hasLineEnding = newline >= 0;
                var end = hasLineEnding ? newline : text.Length;
                var content = end;
                if (hasLineEnding && content > start && text[content - 1] == '\r')
                {
                    content--;
                }

                var line = text.Substring(start, content - start);
                ReadCnbLine(line, lineNumber, hasLineEnding, cnbEntries, cnbProblems);
                ReadCedarLine(line, lineNumber, cedarEntries);
                start = hasLineEnding ? newline + 1 : text.Length;
            }

            if (cnbEntries.Count == 0 && !HasSyntaxError(cnbProblems))
            {
                // docs/heroku-facts.md#procfile-cnb-grammar (derived): after skipping comments and blank lines the CNB demands a key/value line.
                cnbProblems.Add(new ProcfileProblem(
                    ProcfileProblemKind.CnbSyntaxError,
                    new TextPosition(lineNumber, 1),
                    "finds only comments or blank lines and no 'type: command' line"));
            }

            return new ProcfileDocument(cnbEntries, cnbProblems, cedarEntries, lineNumber);
        }

        private static bool HasSyntaxError(List<ProcfileProblem> problems)
        {
            foreach (var problem in problems)
            {
                if (problem.Kind == ProcfileProblemKind.CnbSyntaxError)
                {
                    return true;
                }
            }

            return false;
        }

        private static void ReadCnbLine(string line, int lineNumber, bool hasLineEnding, List<ProcfileEntry> entries, List<ProcfileProblem> problems)
        {
            var loneCr = line.IndexOf('\r');
            if (loneCr >= 0)
            {
                problems.Add(Error(lineNumber, loneCr + 1, "cannot read a lone carriage return (CR) line ending; use LF or CRLF"));
                return;
            }

            var indent = SkipBlanks(line, 0);
            if (indent == line.Length)
            {
                if (!hasLineEnding)
                {
                    problems.Add(Error(lineNumber, 1, "cannot read a last line of only spaces with no line ending"));
                }

                return;
            }

            if (line[indent] == '#')
            {
                return;
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                problems.Add(Error(lineNumber, indent + 1, "finds no ':' between process type and command"));
                return;
            }

            var valueStart = SkipBlanks(line, colon + 1);
            var value = line.Substring(valueStart);
            if (IsStrictKey(line, 0, colon))
            {
                var key = line.Substring(0, colon);
                if (value.Length == 0)
                {
                    problems.Add(Error(lineNumber, colon + 2, "rejects process type '" + key + "' with an empty command"));
                    return;
                }

                entries.Add(new ProcfileEntry(key, key, new TextPosition(lineNumber, 1), value, new TextPosition(lineNumber, valueStart + 1)));
                return;
            }

            // docs/heroku-facts.md#procfile-cnb-grammar: the permissive fallback drops leading blanks, turns '_' into '-' and lowercases ASCII.
            var written = line.Substring(indent, colon - indent);
            var fixedKey = Normalize(written);
            var badOffset = FirstInvalidKeyOffset(fixedKey);
            if (badOffset >= 0)
            {
                problems.Add(Error(lineNumber, indent + badOffset + 1, DescribeInvalidKey(written, badOffset)));
                return;
            }

            if (fixedKey.Length > HerokuFacts.ProcessTypeMaxLength)
            {
                problems.Add(Error(lineNumber, indent + 1, "rejects process type '" + written + "': longer than " + HerokuFacts.ProcessTypeMaxLength + " characters"));
                return;
            }

            if (value.Length == 0)
            {
                problems.Add(Error(lineNumber, colon + 2, "rejects process type '" + written + "' with an empty command"));
                return;
            }

            problems.Add(new ProcfileProblem(
                ProcfileProblemKind.CnbKeyCorrected,
                new TextPosition(lineNumber, 1),
                "renames process type '" + line.Substring(0, colon) + "' to '" + fixedKey + "'"));
            entries.Add(new ProcfileEntry(fixedKey, written, new TextPosition(lineNumber, indent + 1), value, new TextPosition(lineNumber, valueStart + 1)));
        }

        /// <summary>
        /// The Cedar slug compiler's rule (docs/heroku-facts.md#procfile-parsers): <c>^[[:space:]]*([a-zA-Z0-9_-]+):?\s+(.*)</c> per line,
        /// after every CR became a line break; lines that do not match are silently ignored.
        /// </summary>
        private static void ReadCedarLine(string line, int lineNumber, List<ProcfileEntry> entries)
        {
            // Cedar turns a lone CR into a line break; such a line holds several Cedar lines.
            var segmentStart = 0;
            while (true)
            {
                var cr = line.IndexOf('\r', segmentStart);
                var segmentEnd = cr < 0 ? line.Length : cr;
                ReadCedarSegment(line, segmentStart, segmentEnd, lineNumber, entries);
                if (cr < 0)
                {
                    return;
                }

                segmentStart = cr + 1;
            }
        }

        private static void ReadCedarSegment(string line, int start, int end, int lineNumber, List<ProcfileEntry> entries)
        {
            var i = start;
            while (i < end && IsPosixSpace(line[i]))
            {
                i++;
            }

            var nameStart = i;
            while (i < end && IsCedarNameChar(line[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                return;
            }

            var name = line.Substring(nameStart, i - nameStart);
            if (i < end && line[i] == ':')
            {
                i++;
            }

            if (i >= end || !IsPosixSpace(line[i]))
            {
                return;
            }

            while (i < end && IsPosixSpace(line[i]))
            {
                i++;
            }

            var command = line.Substring(i, end - i);
            entries.Add(new ProcfileEntry(name, name, new TextPosition(lineNumber, nameStart + 1), command, new TextPosition(lineNumber, i + 1)));
        }

        /// <summary>docs/heroku-facts.md#procfile-cnb-grammar: <c>[a-z0-9]([a-z0-9-]*[a-z0-9])?</c>, 1 to 63 characters.</summary>
        public static bool IsStrictKey(string text, int start, int end)
        {
            var length = end - start;
            if (length < 1 || length > HerokuFacts.ProcessTypeMaxLength)
            {
                return false;
            }

            for (var i = start; i < end; i++)
            {
                var c = text[i];
                var edge = i == start || i == end - 1;
                if (!IsLowerAlphanumeric(c) && (edge || c != '-'))
                {
                    return false;
                }
            }

            return true;
        }

        private static int FirstInvalidKeyOffset(string key)
        {
            if (key.Length == 0)
            {
                return 0;
            }

            for (var i = 0; i < key.Length; i++)
            {
                var c = key[i];
                if (IsLowerAlphanumeric(c))
                {
                    continue;
                }

                if (c == '-' && i != 0 && i != key.Length - 1)
                {
                    continue;
                }

                return i;
            }

            return -1;
        }

        private static string DescribeInvalidKey(string written, int badOffset)
        {
            if (written.Length == 0)
            {
                return "finds no process type before ':'";
            }

            var c = written[badOffset];
            if (c == '-')
            {
                return "rejects process type '" + written + "': it must start and end with a letter or digit";
            }

            if (c == ' ' || c == '\t')
            {
                return "rejects process type '" + written + "': no blank is allowed between the type and ':'";
            }

            return "rejects process type '" + written + "': character '" + c + "' is not allowed (only a-z, 0-9 and '-')";
        }

        private static string Normalize(string written)
        {
            var chars = written.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                var c = chars[i];
                if (c == '_')
                {
                    chars[i] = '-';
                }
                else if (c >= 'A' && c <= 'Z')
                {
                    chars[i] = (char)(c + ('a' - 'A'));
                }
            }

            return new string(chars);
        }

        private static ProcfileProblem Error(int line, int column, string detail)
            => new ProcfileProblem(ProcfileProblemKind.CnbSyntaxError, new TextPosition(line, column), detail);

        private static int SkipBlanks(string line, int index)
        {
            while (index < line.Length && (line[index] == ' ' || line[index] == '\t'))
            {
                index++;
            }

            return index;
        }

        private static bool IsLowerAlphanumeric(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

        private static bool IsCedarNameChar(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';

        private static bool IsPosixSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
    }
}
