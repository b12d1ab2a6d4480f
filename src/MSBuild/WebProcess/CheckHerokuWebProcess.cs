using System;
using System.Collections.Generic;
using System.IO;
using HerokuAnalyzers.Hosting;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Procfile;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Reporting;
using Microsoft.Build.Framework;

namespace HerokuAnalyzers.Tasks.WebProcess
{
    /// <summary>
    /// HK3003, HK3004 and HK3005 in the HerokuCheck gate: does the web process Heroku runs — the Procfile's web
    /// line, or heroku.yml's run.web or the Dockerfile's CMD on a container deploy — bind $PORT? The same
    /// evaluation (<see cref="WebProcessCheck"/>) as the analyzer's, which reports these in a build; this
    /// task runs only in HerokuCheck, which compiles nothing, so nothing is reported twice. Whether the
    /// code reads PORT itself comes from the source text (<see cref="PortLiteral"/>) instead of the compilation.
    /// HK3003 reads the appsettings files with <see cref="AppSettingsBindingCheck"/>, as the analyzer does.
    /// </summary>
    public sealed class CheckHerokuWebProcess : HerokuCheckTask
    {
        /// <summary>Source files larger than this are not searched for a PORT read (generated code, not startup code).</summary>
        private const long MaxSourceBytes = 2 * 1024 * 1024;

        /// <summary>Items with metadata HerokuFileKind (and HerokuDockerTarget on the Dockerfile), as ResolveHerokuFiles returns them.</summary>
        public ITaskItem[] HerokuFiles { get; set; } = new ITaskItem[0];

        /// <summary>The project's appsettings.json and appsettings.Production.json (HK3003), as the analyzer gets them.</summary>
        public ITaskItem[] AppSettingsFiles { get; set; } = new ITaskItem[0];

        /// <summary>The project's C# files (@(Compile)), searched for a read of PORT.</summary>
        public ITaskItem[] SourceFiles { get; set; } = new ITaskItem[0];

        public string? AssemblyName { get; set; }

        public string? ProjectDirectory { get; set; }

        /// <summary>"container" or "buildpack", as ResolveHerokuFiles decided.</summary>
        public string? DeployKind { get; set; }

        private protected override IEnumerable<Finding> Check()
        {
            var findings = new List<Finding>();
            if (string.IsNullOrEmpty(AssemblyName))
            {
                return findings;
            }

            var inputs = new WebProcessInputs(AssemblyName!, ProjectDirectory, DeployKind == DeployDetection.Container, CodeReadsPort());
            foreach (var item in HerokuFiles)
            {
                if (!Enum.TryParse(item.GetMetadata("HerokuFileKind"), out HerokuFileKind kind))
                {
                    continue;
                }

                var file = Read(item.GetMetadata("FullPath"));
                switch (kind)
                {
                    case HerokuFileKind.Procfile:
                        inputs.Procfile ??= file;
                        break;
                    case HerokuFileKind.HerokuYml:
                        inputs.HerokuYml ??= file;
                        break;
                    case HerokuFileKind.Dockerfile when inputs.Dockerfile == null && file != null:
                        inputs.Dockerfile = file;
                        inputs.DockerTarget = item.GetMetadata("HerokuDockerTarget");
                        break;
                }
            }

            foreach (var finding in WebProcessCheck.Run(inputs))
            {
                var rule = finding.Problem == WebProcessProblem.IPv4Only ? TaskRules.HK3005_IPv4OnlyWebCommand : TaskRules.HK3004_WebProcessPort;
                findings.Add(new Finding(rule, finding.Path, finding.Line, finding.Column, WebProcessMessages.Format(finding)));
            }

            if (AppSettingsFiles.Length > 0)
            {
                var urlsKeyApplies = AppSettingsBindingCheck.UrlsKeyApplies(inputs.IsContainer, inputs.Procfile == null ? null : ProcfileParser.Parse(inputs.Procfile.Text), inputs.HerokuYml?.Text, inputs.Dockerfile?.Text, inputs.DockerTarget);
                foreach (var item in AppSettingsFiles)
                {
                    var path = item.GetMetadata("FullPath");
                    if (Read(path) is WebProcessFile settings)
                    {
                        foreach (var finding in AppSettingsBindingCheck.Run(path, JsonParser.Parse(settings.Text, relaxed: true, out _), urlsKeyApplies))
                        {
                            findings.Add(new Finding(TaskRules.HK3003_AppSettingsBinding, finding.Path, finding.Line, finding.Column, finding.Message));
                        }
                    }
                }
            }

            return findings;
        }

        /// <summary>The file as the analyzer gets it (a UTF-8 BOM is not text); null when it cannot be read, which the file checks report.</summary>
        private static WebProcessFile? Read(string path)
        {
            if (!HerokuFileText.TryRead(path, out var file, out _) || file == null || file.EncodingProblem != null)
            {
                return null;
            }

            return new WebProcessFile(path, file.Text);
        }

        private bool CodeReadsPort()
        {
            foreach (var item in SourceFiles)
            {
                var path = item.GetMetadata("FullPath");
                try
                {
                    var info = new FileInfo(path);
                    if (info.Exists && info.Length <= MaxSourceBytes && PortLiteral.In(File.ReadAllText(path)))
                    {
                        return true;
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // An unreadable source file is the compiler's business.
                }
            }

            return false;
        }
    }
}
