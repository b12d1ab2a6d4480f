using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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
    /// (docs/heroku-facts.md#herokuyml, #buildpack-web-process, #kestrel-binding); HK3005 when it binds $PORT on IPv4 only. The evaluation is
    /// <see cref="WebProcessCheck"/>, shared with the HerokuCheck gate. Reported from an
    /// additional-file action, so the editor shows it in an open Procfile, heroku.yml or Dockerfile,
    /// not only in builds.
    /// </summary>
    /// <remarks>
    /// Which project a web command runs: the one whose AssemblyName the command names as a program
    /// (<c>./App</c>, <c>…/bin/publish/App</c>, <c>App.dll</c>). A command that names no program of
    /// this project — a shell script, another project — is left alone unless it binds a fixed port.
    /// Code that reads PORT binds it itself: that is looked up once per compilation, in the syntax
    /// trees holding a "PORT" literal only (<see cref="PortLiteral"/>), with their semantic model.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WebProcessPortAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.HK3004_WebProcessPort,
            Descriptors.HK3004_NoWebProcess,
            Descriptors.HK3005_IPv4OnlyBinding);

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

                var evidence = new CodeEvidence(start.Compilation, symbols);
                start.RegisterAdditionalFileAction(c => AnalyzeFile(c, project, evidence));
            });
        }

        private static void AnalyzeFile(AdditionalFileAnalysisContext context, WebProject project, CodeEvidence evidence)
        {
            var file = context.AdditionalFile;
            if (!HerokuFiles.IsKind(context.Options, file, HerokuFiles.Procfile)
                && !HerokuFiles.IsKind(context.Options, file, HerokuFiles.HerokuYml)
                && !HerokuFiles.IsKind(context.Options, file, HerokuFiles.Dockerfile))
            {
                return;
            }

            var files = new Dictionary<string, (AdditionalText File, SourceText Text)>(StringComparer.Ordinal);
            var procfile = Read(context, HerokuFiles.Procfile, files);
            var herokuYml = Read(context, HerokuFiles.HerokuYml, files);
            var dockerfile = Read(context, HerokuFiles.Dockerfile, files);
            if (!files.ContainsKey(file.Path))
            {
                // Not the file of its kind the build uses (a second one of the same kind).
                return;
            }

            var inputs = new WebProcessInputs(project.AssemblyName, project.Directory, WebProject.IsContainer(context.Options, context.CancellationToken), evidence.ReadsPort(context.CancellationToken))
            {
                Procfile = procfile,
                HerokuYml = herokuYml,
                Dockerfile = dockerfile,
                DockerTarget = dockerfile == null ? null : HerokuFiles.Metadata(context.Options, files[dockerfile.Path].File, "HerokuDockerTarget"),
            };
            foreach (var finding in WebProcessCheck.Run(inputs))
            {
                if (!string.Equals(finding.Path, file.Path, StringComparison.Ordinal))
                {
                    continue;
                }

                var (_, text) = files[finding.Path];
                var location = HerokuFiles.Location(file, text, finding.Line, finding.Column, finding.Length);
                var descriptor = finding.Problem == WebProcessProblem.PortNotBound ? Descriptors.HK3004_WebProcessPort
                    : finding.Problem == WebProcessProblem.NoWebProcess ? Descriptors.HK3004_NoWebProcess
                    : Descriptors.HK3005_IPv4OnlyBinding;
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, finding.Arguments));
            }
        }

        private static WebProcessFile? Read(AdditionalFileAnalysisContext context, string kind, Dictionary<string, (AdditionalText File, SourceText Text)> files)
        {
            if (!(HerokuFiles.Find(context.Options, kind, context.CancellationToken) is (AdditionalText file, SourceText text)))
            {
                return null;
            }

            files[file.Path] = (file, text);
            return new WebProcessFile(file.Path, text.ToString());
        }

        /// <summary>
        /// Whether the project's code reads PORT (<see cref="PortVariable"/>), computed once per
        /// compilation on first use. Only trees whose text has a "PORT" literal get a semantic model.
        /// </summary>
        private sealed class CodeEvidence
        {
            private readonly Compilation _compilation;
            private readonly BindingSymbols _symbols;
            private readonly object _gate = new object();
            private bool? _readsPort;

            public CodeEvidence(Compilation compilation, BindingSymbols symbols)
            {
                _compilation = compilation;
                _symbols = symbols;
            }

            public bool ReadsPort(CancellationToken cancellationToken)
            {
                lock (_gate)
                {
                    _readsPort ??= Find(cancellationToken);
                    return _readsPort.Value;
                }
            }

            /// <summary>Whether a tree's text holds a "PORT" literal, kept with the tree (an edit re-reads one file).</summary>
            private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<bool>> MentionsPort = new ConditionalWeakTable<SyntaxTree, StrongBox<bool>>();

            private bool Find(CancellationToken cancellationToken)
            {
                foreach (var tree in _compilation.SyntaxTrees)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!MentionsPort.GetValue(tree, t => new StrongBox<bool>(PortLiteral.In(t.GetText().ToString()))).Value)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // One model per tree that mentions "PORT", once per compilation: the reads are in other documents than the Procfile analyzed.
                    var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                    {
                        if ((node is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax || node is Microsoft.CodeAnalysis.CSharp.Syntax.ElementAccessExpressionSyntax)
                            && model.GetOperation(node, cancellationToken) is IOperation operation
                            && PortVariable.IsRead(operation, _symbols))
                        {
                            return true;
                        }
                    }
                }

                return false;
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

            public static bool IsContainer(AnalyzerOptions options, CancellationToken cancellationToken)
                => HerokuFiles.IsContainerDeploy(options, cancellationToken);
        }
    }
}
