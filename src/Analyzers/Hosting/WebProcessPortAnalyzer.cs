using System;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.Procfile;
using HerokuAnalyzers.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// HK3004: the command Heroku runs as the web process must bind $PORT, because with a Procfile
    /// the .NET buildpack adds no <c>--urls</c> and a container listens on its image's port
    /// (docs/heroku-facts.md#herokuyml, #buildpack-web-process, #kestrel-binding). Reported in the Procfile or heroku.yml once the whole
    /// compilation is seen, since code that reads PORT binds it itself.
    /// </summary>
    /// <remarks>
    /// Which project a web command runs: the one whose AssemblyName the command names as a program
    /// (<c>./App</c>, <c>…/bin/publish/App</c>, <c>App.dll</c>). A command that names no program of
    /// this project — a shell script, another project — is left alone: its binding cannot be seen.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WebProcessPortAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.HK3004_WebProcessPort,
            Descriptors.HK3004_NoWebProcess,
            Descriptors.HK3005_IPv4OnlyWebCommand);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = BindingSymbols.TryCreate(start.Compilation);
                var project = WebProject.TryCreate(start.Options, start.Compilation);
                if (symbols == null || project == null)
                {
                    return;
                }

                var codeReadsPort = new CodeEvidence();
                start.RegisterOperationAction(
                    c =>
                    {
                        if (!codeReadsPort.ReadsPort && PortVariable.IsRead(c.Operation, symbols))
                        {
                            codeReadsPort.ReadsPort = true;
                        }
                    },
                    OperationKind.Invocation,
                    OperationKind.PropertyReference);
                start.RegisterCompilationEndAction(end => Analyze(end, project, codeReadsPort.ReadsPort));
            });
        }

        private static void Analyze(CompilationAnalysisContext context, WebProject project, bool codeReadsPort)
        {
            var herokuYml = HerokuFiles.Find(context.Options, HerokuFiles.HerokuYml, context.CancellationToken);
            var procfile = HerokuFiles.Find(context.Options, HerokuFiles.Procfile, context.CancellationToken);
            if (procfile is (AdditionalText procfileFile, SourceText procfileText))
            {
                var document = HerokuFiles.ParseProcfile(procfileText);
                var web = ProcfileDocument.Find(document.CnbEntries, HerokuFacts.WebProcessType);
                if (web != null)
                {
                    var length = web.CommandPosition.Column - web.KeyPosition.Column + web.Command.Length;
                    CheckCommand(
                        context,
                        project,
                        codeReadsPort,
                        web.Command,
                        HerokuFiles.Location(procfileFile, procfileText, web.KeyPosition.Line, web.KeyPosition.Column, length),
                        "The Procfile's web process",
                        "with a Procfile the .NET buildpack passes no --urls and Kestrel falls back to " + HerokuFacts.KestrelDefaultAddress,
                        "append --urls http://*:$PORT to the web command, or read PORT in code");
                }
                else if (document.CnbAccepts && herokuYml == null)
                {
                    // A heroku.yml app (container stack) need not list its web process in a Procfile (docs/heroku-facts.md#process-types).
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.HK3004_NoWebProcess,
                        HerokuFiles.Location(procfileFile, procfileText, 1, 1, procfileText.Lines.Count > 0 ? procfileText.Lines[0].End : 0),
                        project.AssemblyName,
                        project.PublishDirectoryFrom(procfileFile.Path)));
                }
            }

            if (herokuYml is (AdditionalText ymlFile, SourceText ymlText) && HerokuYmlRun.FindWeb(ymlText.ToString()) is (string command, TextPosition position))
            {
                CheckCommand(
                    context,
                    project,
                    codeReadsPort,
                    command,
                    HerokuFiles.Location(ymlFile, ymlText, position.Line, position.Column, int.MaxValue),
                    "heroku.yml's run.web",
                    "the container listens on its image's port (ASPNETCORE_HTTP_PORTS in the official .NET images), not on $PORT",
                    "start it with ASPNETCORE_URLS=http://*:$PORT or --urls http://*:$PORT in a shell-form command, or read PORT in code");
            }
        }

        private static void CheckCommand(
            CompilationAnalysisContext context,
            WebProject project,
            bool codeReadsPort,
            string commandText,
            Location location,
            string source,
            string reason,
            string fix)
        {
            var command = WebCommand.Read(commandText);
            if (!command.Runs(project.AssemblyName))
            {
                return;
            }

            if (command.PortUrl is ServerUrl url && url.HostKind == HostKind.AnyIPv4)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK3005_IPv4OnlyWebCommand, location, source, url.Host));
                return;
            }

            if (command.PortUrl is ServerUrl loopback && loopback.HostKind == HostKind.Loopback && !codeReadsPort)
            {
                reason = "it binds $PORT on the loopback address '" + loopback.Host + "' only, which the router cannot reach";
            }
            else if (command.BindsPort || codeReadsPort)
            {
                return;
            }
            else if (command.OtherUrls != null)
            {
                reason = "its urls setting '" + command.OtherUrls + "' is not a URL with $PORT such as http://*:$PORT";
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK3004_WebProcessPort, location, source, project.AssemblyName, reason, fix));
        }

        /// <summary>Written from operation callbacks that may run concurrently; any writer sets it to true.</summary>
        private sealed class CodeEvidence
        {
            private volatile bool _readsPort;

            public bool ReadsPort
            {
                get => _readsPort;
                set => _readsPort = value;
            }
        }

        /// <summary>The MSBuild facts the package makes visible (build/HerokuAnalyzers.props).</summary>
        private sealed class WebProject
        {
            private WebProject(string assemblyName, string? directory)
            {
                AssemblyName = assemblyName;
                Directory = directory;
            }

            public string AssemblyName { get; }

            public string? Directory { get; }

            /// <summary>A Web SDK project Heroku would deploy (the targets set HerokuIsDeployable false for tests); null otherwise.</summary>
            public static WebProject? TryCreate(AnalyzerOptions options, Compilation compilation)
            {
                var global = HerokuOptions.Global(options);
                if (!string.Equals(global.GetBuildProperty("UsingMicrosoftNETSdkWeb"), "true", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(global.GetBuildProperty("HerokuIsDeployable"), "false", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                var assemblyName = global.GetBuildProperty("AssemblyName") ?? compilation.AssemblyName;
                return string.IsNullOrEmpty(assemblyName) ? null : new WebProject(assemblyName!, global.GetBuildProperty("MSBuildProjectDirectory"));
            }

            /// <summary>Where the buildpack publishes this project, relative to the Procfile's directory (docs/heroku-facts.md#buildpack-publish).</summary>
            public string PublishDirectoryFrom(string procfilePath)
            {
                var procfileDirectory = Normalize(Path.GetDirectoryName(procfilePath) ?? "");
                var projectDirectory = Normalize(Directory ?? "");
                if (projectDirectory.Length > 0 && string.Equals(projectDirectory, procfileDirectory, StringComparison.Ordinal))
                {
                    return HerokuFacts.BuildpackPublishDirectory;
                }

                if (projectDirectory.Length > 0 && projectDirectory.StartsWith(procfileDirectory + "/", StringComparison.Ordinal))
                {
                    return projectDirectory.Substring(procfileDirectory.Length + 1) + "/" + HerokuFacts.BuildpackPublishDirectory;
                }

                return "<project dir>/" + HerokuFacts.BuildpackPublishDirectory;
            }

            private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');
        }
    }
}
