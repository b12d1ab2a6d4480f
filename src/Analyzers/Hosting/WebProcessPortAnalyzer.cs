using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// HK3004: the command Heroku runs as the web process must bind $PORT, because with a Procfile
    /// the .NET buildpack adds no <c>--urls</c> and a container listens on its image's port
    /// (platform.md §3, §7.5, §9.4). Reported in the Procfile or heroku.yml once the whole
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
            var files = new Dictionary<string, (AdditionalText File, SourceText Text)>(StringComparer.Ordinal);
            var inputs = new WebProcessInputs(project.AssemblyName, project.Directory, WebProject.IsContainer(context.Options, context.CancellationToken), codeReadsPort)
            {
                Procfile = Read(context, HerokuFiles.Procfile, files),
                HerokuYml = Read(context, HerokuFiles.HerokuYml, files),
                Dockerfile = Read(context, HerokuFiles.Dockerfile, files),
            };
            if (inputs.Dockerfile != null)
            {
                inputs.DockerTarget = HerokuFiles.Metadata(context.Options, files[inputs.Dockerfile.Path].File, "HerokuDockerTarget");
            }

            foreach (var finding in WebProcessCheck.Run(inputs))
            {
                var (file, text) = files[finding.Path];
                var location = HerokuFiles.Location(file, text, finding.Line, finding.Column, finding.Length);
                var descriptor = finding.Problem == WebProcessProblem.PortNotBound ? Descriptors.HK3004_WebProcessPort
                    : finding.Problem == WebProcessProblem.NoWebProcess ? Descriptors.HK3004_NoWebProcess
                    : Descriptors.HK3005_IPv4OnlyWebCommand;
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, finding.Arguments));
            }
        }

        private static WebProcessFile? Read(CompilationAnalysisContext context, string kind, Dictionary<string, (AdditionalText File, SourceText Text)> files)
        {
            if (!(HerokuFiles.Find(context.Options, kind, context.CancellationToken) is (AdditionalText file, SourceText text)))
            {
                return null;
            }

            files[file.Path] = (file, text);
            return new WebProcessFile(file.Path, text.ToString());
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

            /// <summary>
            /// Heroku builds the app from a Dockerfile: the targets resolve HerokuDeployKind (heroku.yml
            /// build.docker, app.json stack, or the HerokuDeploy property); without it a heroku.yml says so.
            /// </summary>
            public static bool IsContainer(AnalyzerOptions options, CancellationToken cancellationToken)
            {
                var deploy = HerokuOptions.Global(options).GetBuildProperty("HerokuDeployKind");
                if (deploy != null)
                {
                    return string.Equals(deploy, HerokuFacts.ContainerStack, StringComparison.OrdinalIgnoreCase);
                }

                return HerokuFiles.Find(options, HerokuFiles.HerokuYml, cancellationToken) != null;
            }
        }
    }
}
