using System.Collections.Generic;
using HerokuAnalyzers.Procfile;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.Procfile
{
    /// <summary>The HK4xxx checks of a Procfile: reads the file once, every rule reads the same model.</summary>
    internal static class ProcfileChecks
    {
        public static IEnumerable<Finding> Check(string path)
        {
            if (!HerokuFileText.TryRead(path, out var file, out var readError))
            {
                return new[] { new Finding(TaskRules.ProcfileSyntax, path, 0, 0, "Procfile cannot be read (" + readError + "): the buildpack fails the build the same way. Make it a readable UTF-8 file.") };
            }

            return Check(file!);
        }

        public static IEnumerable<Finding> Check(HerokuFileText file)
        {
            if (file.EncodingProblem != null)
            {
                yield return new Finding(
                    TaskRules.ProcfileSyntax,
                    file.Path,
                    file.EncodingProblemLine,
                    file.EncodingProblemColumn,
                    "Procfile " + file.EncodingProblem + ": the Cloud Native Buildpack fails the build. Save it as UTF-8 without a byte order mark.");
                yield break;
            }

            var text = file.Text;
            if (file.StartsWithBom)
            {
                yield return new Finding(
                    TaskRules.ProcfileSyntax,
                    file.Path,
                    1,
                    1,
                    "Procfile starts with a UTF-8 byte order mark: the Cloud Native Buildpack fails the build and Cedar ignores the first line. Save it as UTF-8 without a BOM.");

                // Editors hide the BOM: the rest is checked and positioned as the user sees it.
                text = text.Substring(1);
            }

            var document = ProcfileParser.Parse(text);
            foreach (var problem in document.CnbProblems)
            {
                if (problem.Kind == ProcfileProblemKind.CnbSyntaxError)
                {
                    yield return new Finding(
                        TaskRules.ProcfileSyntax,
                        file.Path,
                        problem.Position.Line,
                        problem.Position.Column,
                        "The Cloud Native Buildpack " + problem.Detail + " and fails the build. Write each process as 'type: command' with a lowercase type (a-z, 0-9, '-').");
                }
            }
        }
    }
}
