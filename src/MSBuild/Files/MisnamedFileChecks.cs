using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.Files
{
    /// <summary>HK4004 and HK6005: a Heroku file under a name Heroku never reads (docs/heroku-facts.md#procfile-name, #herokuyml).</summary>
    internal static class MisnamedFileChecks
    {
        /// <summary>
        /// A process line as any Procfile reader would take it: a name of letters, digits, '_', '-' or
        /// '.', a ':' and a command (blanks allowed around the ':' so that near-misses count too).
        /// </summary>
        private static readonly Regex ProcessLine = new Regex(@"^[ \t]*[A-Za-z0-9_][A-Za-z0-9_.-]*[ \t]*:[ \t]*[^ \t\r]", RegexOptions.CultureInvariant);

        /// <summary>Only the start of the file is looked at: a Procfile declares its processes in its first lines.</summary>
        private const int MaxLinesLookedAt = 200;

        public static IEnumerable<Finding> Check(HerokuFileKind meantAs, string path)
        {
            var name = Path.GetFileName(path);
            switch (meantAs)
            {
                case HerokuFileKind.Procfile:
                    if (!LooksLikeProcfile(path))
                    {
                        // 'procfile' may be a folder of notes or an unrelated file; only a Procfile's content makes the name a mistake.
                        break;
                    }

                    yield return new Finding(
                        TaskRules.HK4004_ProcfileMisnamed,
                        path,
                        1,
                        1,
                        "Heroku reads process types only from a file named exactly 'Procfile': '" + name + "' is ignored, so the buildpack's default processes run instead or, with none, the app has no web process (H14 no web dynos). Rename it to 'Procfile'.");
                    break;
                case HerokuFileKind.HerokuYml:
                    yield return new Finding(
                        TaskRules.HK6005_HerokuYamlMisnamed,
                        path,
                        1,
                        1,
                        "Heroku reads only '" + HerokuFacts.HerokuYmlName + "': '" + name + "' is ignored, so a container-stack push fails to build. Rename it to '" + HerokuFacts.HerokuYmlName + "'.");
                    break;
            }
        }

        /// <summary>
        /// Whether the file reads as a Procfile: at least one 'name: command' line that is not a comment.
        /// UTF-16 (Notepad's "Unicode") counts, since that is a common way a Windows Procfile goes wrong.
        /// </summary>
        internal static bool LooksLikeProcfile(string path)
        {
            if (!HerokuFileText.TryRead(path, out var file, out _))
            {
                return false;
            }

            var text = file!.StartsWithBom ? file.Text.Substring(1) : file.Text;
            var start = 0;
            for (var lines = 0; start <= text.Length && lines < MaxLinesLookedAt; lines++)
            {
                var end = text.IndexOf('\n', start);
                var line = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
                if (ProcessLine.IsMatch(line))
                {
                    return true;
                }

                if (end < 0)
                {
                    break;
                }

                start = end + 1;
            }

            return false;
        }
    }
}
