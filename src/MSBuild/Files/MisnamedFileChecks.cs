using System.Collections.Generic;
using System.IO;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.Files
{
    /// <summary>HK4004 and HK6005: a Heroku file under a name Heroku never reads (docs/heroku-facts.md#procfile-name, #herokuyml).</summary>
    internal static class MisnamedFileChecks
    {
        public static IEnumerable<Finding> Check(HerokuFileKind meantAs, string path)
        {
            var name = Path.GetFileName(path);
            switch (meantAs)
            {
                case HerokuFileKind.Procfile:
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
    }
}
