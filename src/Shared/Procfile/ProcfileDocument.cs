using System.Collections.Generic;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Procfile
{
    /// <summary>One process type as one of Heroku's two Procfile parsers reads it.</summary>
    internal sealed class ProcfileEntry
    {
        public ProcfileEntry(string name, string writtenKey, TextPosition keyPosition, string command, TextPosition commandPosition)
        {
            Name = name;
            WrittenKey = writtenKey;
            KeyPosition = keyPosition;
            Command = command;
            CommandPosition = commandPosition;
        }

        /// <summary>The process type the parser registers (after the CNB's corrections).</summary>
        public string Name { get; }

        /// <summary>The key as written in the file, leading blanks excluded.</summary>
        public string WrittenKey { get; }

        public TextPosition KeyPosition { get; }

        /// <summary>The command handed to <c>bash -c</c>; may be empty for the Cedar parser.</summary>
        public string Command { get; }

        public TextPosition CommandPosition { get; }

        public int Line => KeyPosition.Line;
    }

    internal enum ProcfileProblemKind
    {
        /// <summary>CNB: a line it cannot read fails the build.</summary>
        CnbSyntaxError,

        /// <summary>CNB: a key it renames (uppercase, '_' or leading blanks) — accepted with a warning.</summary>
        CnbKeyCorrected,

        /// <summary>CNB: a file with no bytes — accepted with a warning, no processes.</summary>
        CnbEmptyFile,
    }

    internal sealed class ProcfileProblem
    {
        public ProcfileProblem(ProcfileProblemKind kind, TextPosition position, string detail)
        {
            Kind = kind;
            Position = position;
            Detail = detail;
        }

        public ProcfileProblemKind Kind { get; }

        public TextPosition Position { get; }

        /// <summary>What exactly is wrong, in words that fit after "the Cloud Native Buildpack ...".</summary>
        public string Detail { get; }
    }

    /// <summary>
    /// A Procfile as both of Heroku's parsers read it (docs/heroku-facts.md#procfile-parsers): the Cloud Native
    /// Buildpack's strict grammar (Fir, heroku/builder) and the classic Cedar slug compiler's
    /// permissive regex. Rules compare the two to find lines that behave differently per platform.
    /// </summary>
    internal sealed class ProcfileDocument
    {
        public ProcfileDocument(
            IReadOnlyList<ProcfileEntry> cnbEntries,
            IReadOnlyList<ProcfileProblem> cnbProblems,
            IReadOnlyList<ProcfileEntry> cedarEntries,
            int lineCount)
        {
            CnbEntries = cnbEntries;
            CnbProblems = cnbProblems;
            CedarEntries = cedarEntries;
            LineCount = lineCount;
        }

        /// <summary>Every key/value line the CNB accepts, in file order, duplicates included.</summary>
        public IReadOnlyList<ProcfileEntry> CnbEntries { get; }

        public IReadOnlyList<ProcfileProblem> CnbProblems { get; }

        /// <summary>Every line the Cedar regex matches, in file order, duplicates included.</summary>
        public IReadOnlyList<ProcfileEntry> CedarEntries { get; }

        public int LineCount { get; }

        public bool CnbAccepts
        {
            get
            {
                foreach (var problem in CnbProblems)
                {
                    if (problem.Kind == ProcfileProblemKind.CnbSyntaxError)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>The process type a platform runs for <paramref name="name"/>: the last definition wins on both.</summary>
        public static ProcfileEntry? Find(IReadOnlyList<ProcfileEntry> entries, string name)
        {
            for (var i = entries.Count - 1; i >= 0; i--)
            {
                if (entries[i].Name == name)
                {
                    return entries[i];
                }
            }

            return null;
        }
    }
}
