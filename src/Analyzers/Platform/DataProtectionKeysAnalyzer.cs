using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// HK8002: features that encrypt cookies or tokens with Data Protection, in an app that keeps the
    /// key ring where ASP.NET Core puts it by default — the dyno's ephemeral disk. A key repository
    /// anywhere in the compilation (a PersistKeysTo… other than the file system, an IXmlRepository)
    /// silences the rule; it is found by one syntax pass, so the editor sees it from any open file.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DataProtectionKeysAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Features whose loss is users signed out: a warning.</summary>
        private static readonly ImmutableDictionary<string, (string What, string Consequence)> SignIn = ImmutableDictionary.CreateRange(new[]
        {
            Entry("AddCookie", "its authentication cookie", "users are signed out after every restart and when a request reaches another dyno"),
            Entry("AddIdentity", "its sign-in cookie and e-mail and password-reset tokens", "users are signed out after every restart and on other dynos, and links in e-mails stop working"),
            Entry("AddDefaultIdentity", "its sign-in cookie and e-mail and password-reset tokens", "users are signed out after every restart and on other dynos, and links in e-mails stop working"),
            Entry("AddBearerToken", "its bearer and refresh tokens", "users are signed out after every restart and when a request reaches another dyno"),
            Entry("AddSession", "the session cookie", "sessions are lost after every restart and when a request reaches another dyno"),
        });

        /// <summary>Features whose loss is a failed form post or a lost message: reported as a suggestion.</summary>
        private static readonly ImmutableDictionary<string, (string What, string Consequence)> Forms = ImmutableDictionary.CreateRange(new[]
        {
            Entry("AddControllersWithViews", "antiforgery tokens and the TempData cookie", "forms opened before a restart, or served by another dyno, fail with 400 Bad Request"),
            Entry("AddMvc", "antiforgery tokens and the TempData cookie", "forms opened before a restart, or served by another dyno, fail with 400 Bad Request"),
            Entry("AddRazorPages", "antiforgery tokens and the TempData cookie", "forms opened before a restart, or served by another dyno, fail with 400 Bad Request"),
            Entry("AddAntiforgery", "antiforgery tokens", "forms opened before a restart, or served by another dyno, fail with 400 Bad Request"),
        });

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HK8002_DataProtectionKeys);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.DataProtection.IDataProtectionProvider") == null)
                {
                    return;
                }

                var compilation = start.Compilation;
                var keyStore = new Lazy<KeyStore>(() => KeyStore.Scan(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, keyStore), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, Lazy<KeyStore> keyStore)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var isSignIn = SignIn.TryGetValue(method.Name, out var feature);
            if ((!isSignIn && !Forms.TryGetValue(method.Name, out feature))
                || !(method.ContainingAssembly?.Name is string assembly && assembly.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
                || !(invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } syntax)
                || keyStore.Value.IsShared
                || (!isSignIn && method.Name != "AddAntiforgery" && !keyStore.Value.ValidatesFormsOrUsesTempData)
                || (method.Name == "AddSession" && !keyStore.Value.AddsSessionMiddleware))
            {
                return;
            }

            var location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(member.Name.SpanStart, syntax.Span.End));
            var onDisk = keyStore.Value.PersistsToFileSystem ? ", kept with PersistKeysToFileSystem," : ", with no PersistKeysTo… store,";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.HK8002_DataProtectionKeys,
                location,
                isSignIn ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info,
                additionalLocations: null,
                properties: null,
                method.Name,
                feature.What,
                onDisk,
                feature.Consequence));
        }

        private static KeyValuePair<string, (string, string)> Entry(string method, string what, string consequence)
            => new KeyValuePair<string, (string, string)>(method, (what, consequence));

        /// <summary>Where the compilation keeps its key ring, from the names it uses.</summary>
        private sealed class KeyStore
        {
            private KeyStore(bool isShared, bool persistsToFileSystem, bool validatesFormsOrUsesTempData, bool addsSessionMiddleware)
            {
                IsShared = isShared;
                PersistsToFileSystem = persistsToFileSystem;
                ValidatesFormsOrUsesTempData = validatesFormsOrUsesTempData;
                AddsSessionMiddleware = addsSessionMiddleware;
            }

            /// <summary>A repository other than the file system: PersistKeysToDbContext, …StackExchangeRedis, …AzureBlobStorage, an IXmlRepository.</summary>
            public bool IsShared { get; }

            public bool PersistsToFileSystem { get; }

            /// <summary>
            /// Something an old key ring breaks in an MVC or Razor Pages app: a Razor Pages handler for a
            /// non-GET verb (validated automatically), an antiforgery validation attribute or filter, or TempData.
            /// An app whose pages only answer GET, with no validation and no TempData, loses nothing when the keys change.
            /// </summary>
            public bool ValidatesFormsOrUsesTempData { get; }

            /// <summary>
            /// The app adds the session middleware (UseSession). Without it no session cookie is ever
            /// issued (and HttpContext.Session throws), so AddSession alone loses nothing when the keys change.
            /// </summary>
            public bool AddsSessionMiddleware { get; }

            /// <summary>The compilation's answer, from each tree's part (kept with the tree, so an edit rescans one file).</summary>
            public static KeyStore Scan(Compilation compilation)
            {
                bool shared = false, fileSystem = false, forms = false, session = false;
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var part = ByTree.GetValue(tree, ScanTree);
                    shared |= part.IsShared;
                    fileSystem |= part.PersistsToFileSystem;
                    forms |= part.ValidatesFormsOrUsesTempData;
                    session |= part.AddsSessionMiddleware;
                }

                return new KeyStore(shared, fileSystem, forms, session);
            }

            private static KeyStore ScanTree(SyntaxTree tree)
            {
                bool shared = false, fileSystem = false, forms = false, session = false;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is MethodDeclarationSyntax declaration)
                    {
                        forms |= IsPageHandlerForPostedForms(declaration.Identifier.ValueText);
                        continue;
                    }

                    if (!(node is SimpleNameSyntax name))
                    {
                        continue;
                    }

                    var text = name.Identifier.ValueText;
                    if (FormEvidence.Contains(text))
                    {
                        forms = true;
                    }
                    else if (text == "UseSession")
                    {
                        session = true;
                    }
                    else if (text == "PersistKeysToFileSystem")
                    {
                        fileSystem = true;
                    }
                    else if (text.StartsWith("PersistKeysTo", StringComparison.Ordinal) || text == "IXmlRepository" || text == "XmlRepository")
                    {
                        shared = true;
                    }
                }

                return new KeyStore(shared, fileSystem, forms, session);
            }

            private static readonly ConditionalWeakTable<SyntaxTree, KeyStore> ByTree = new ConditionalWeakTable<SyntaxTree, KeyStore>();

            private static readonly ImmutableHashSet<string> FormEvidence = ImmutableHashSet.Create(
                StringComparer.Ordinal,
                "ValidateAntiForgeryToken",
                "ValidateAntiForgeryTokenAttribute",
                "AutoValidateAntiforgeryToken",
                "AutoValidateAntiforgeryTokenAttribute",
                "TempData",
                "TempDataAttribute");

            /// <summary>Razor Pages handler names for verbs other than GET and HEAD (OnPost, OnPostAsync, OnPostDelete …).</summary>
            private static bool IsPageHandlerForPostedForms(string name)
                => name.StartsWith("OnPost", StringComparison.Ordinal)
                    || name.StartsWith("OnPut", StringComparison.Ordinal)
                    || name.StartsWith("OnDelete", StringComparison.Ordinal)
                    || name.StartsWith("OnPatch", StringComparison.Ordinal);
        }
    }
}
