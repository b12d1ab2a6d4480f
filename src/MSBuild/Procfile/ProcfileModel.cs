using System.Collections.Generic;
using HerokuAnalyzers.Procfile;
using HerokuAnalyzers.Tasks.Files;

namespace HerokuAnalyzers.Tasks.Procfile
{
    /// <summary>A Procfile read and parsed once per build; the Procfile and app.json checks both read it.</summary>
    internal sealed class ProcfileModel
    {
        private ProcfileModel(string path, HerokuFileText? file, string? readError, ProcfileDocument? document)
        {
            Path = path;
            File = file;
            ReadError = readError;
            Document = document;
        }

        public string Path { get; }

        public HerokuFileText? File { get; }

        /// <summary>Why the file could not be read at all, or null.</summary>
        public string? ReadError { get; }

        /// <summary>Both parsers' reading, or null when the file is unreadable or not UTF-8.</summary>
        public ProcfileDocument? Document { get; }

        public static ProcfileModel Load(string path)
        {
            if (!HerokuFileText.TryRead(path, out var file, out var readError))
            {
                return new ProcfileModel(path, null, readError, null);
            }

            return FromFile(file!);
        }

        public static ProcfileModel FromFile(HerokuFileText file)
        {
            if (file.EncodingProblem != null)
            {
                return new ProcfileModel(file.Path, file, null, null);
            }

            // Editors hide the BOM: the rest is checked and positioned as the user sees it.
            var text = file.StartsWithBom ? file.Text.Substring(1) : file.Text;
            if (file.IsTruncated)
            {
                // The cut at the size cap must not look like a broken last line.
                var lastNewline = text.LastIndexOf('\n');
                text = lastNewline >= 0 ? text.Substring(0, lastNewline + 1) : "";
            }

            return new ProcfileModel(file.Path, file, null, ProcfileParser.Parse(text));
        }

        /// <summary>
        /// One entry per line that defines a process on either platform: the CNB's reading where it has
        /// one, else Cedar's, so command checks see every command that may run.
        /// </summary>
        public IReadOnlyList<ProcfileEntry> CommandEntries
        {
            get
            {
                var entries = new List<ProcfileEntry>();
                if (Document == null)
                {
                    return entries;
                }

                var cnbLines = new HashSet<int>();
                foreach (var entry in Document.CnbEntries)
                {
                    cnbLines.Add(entry.Line);
                    entries.Add(entry);
                }

                foreach (var entry in Document.CedarEntries)
                {
                    if (!cnbLines.Contains(entry.Line))
                    {
                        cnbLines.Add(entry.Line);
                        entries.Add(entry);
                    }
                }

                entries.Sort((a, b) => a.Line.CompareTo(b.Line));
                return entries;
            }
        }

        /// <summary>Every process type either platform would run.</summary>
        public ISet<string> ProcessTypes
        {
            get
            {
                var types = new HashSet<string>(System.StringComparer.Ordinal);
                if (Document != null)
                {
                    foreach (var entry in Document.CnbEntries)
                    {
                        types.Add(entry.Name);
                    }

                    foreach (var entry in Document.CedarEntries)
                    {
                        types.Add(entry.Name);
                    }
                }

                return types;
            }
        }
    }
}
