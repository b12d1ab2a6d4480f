using System;
using System.Collections.Immutable;
using System.Linq;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.RequestPath;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// HK8006: data kept on the dyno's ephemeral, per-dyno filesystem — uploads saved to files, files
    /// written by request handlers (controller and Razor Page actions, minimal-API delegates) or by code they
    /// call (the request-path rules' backward search, shared through <see cref="RequestReach"/>), Serilog's
    /// file sink, and a SQLite database used as the app's store. Everything is decided from the operation, its own
    /// body and the call graph's cached backward search, so the rule runs live in the editor; writes under
    /// Path.GetTempPath() are scratch and fine.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EphemeralFilesystemAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> FileWrites = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "WriteAllText", "WriteAllTextAsync", "WriteAllBytes", "WriteAllBytesAsync", "WriteAllLines", "WriteAllLinesAsync",
            "AppendAllText", "AppendAllTextAsync", "AppendAllLines", "AppendAllLinesAsync", "AppendText", "Create", "CreateText", "OpenWrite");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HK8006_EphemeralFilesystem);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = FileSymbols.TryCreate(start.Compilation);
                if (symbols == null)
                {
                    return;
                }

                var reach = RequestReach.For(start.Compilation, start.Options);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols, reach), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, symbols, reach), OperationKind.ObjectCreation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, FileSymbols symbols, RequestReach? reach)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            var type = method.ContainingType;
            if ((method.Name == "CopyTo" || method.Name == "CopyToAsync") && Is(type, symbols.FormFile) && invocation.Arguments.Length > 0
                && FilePathOf(invocation.Arguments[0].Value, symbols) is IOperation uploadPath && !IsTemporary(uploadPath, symbols))
            {
                Report(context, invocation, "'" + method.Name + "' saves", "an upload", "the file is gone after the next restart and other dynos never see it", "Store uploads in object storage (an S3 bucket through an add-on) or in the database");
            }
            else if (FileWrites.Contains(method.Name) && Is(type, symbols.File) && invocation.Arguments.Length > 0
                     && !IsTemporary(invocation.Arguments[0].Value, symbols) && LoggerImplementation(invocation, symbols) is string logger
                     && !IsDevelopmentOnly(invocation, symbols))
            {
                ReportLogFile(context, invocation.Syntax.GetLocation(), "'File." + method.Name + "' in the logger '" + logger + "' keeps");
            }
            else if (FileWrites.Contains(method.Name) && Is(type, symbols.File) && invocation.Arguments.Length > 0
                     && !IsTemporary(invocation.Arguments[0].Value, symbols) && OnRequestPath(invocation, reach, context.CancellationToken) is string where)
            {
                Report(context, invocation, "'File." + method.Name + "' " + where + " writes", "app data", "what it writes is lost at the next restart and other dynos never see it", "Keep app data in Heroku Postgres or object storage; use Path.GetTempPath() only for scratch files");
            }
            else if (method.Name == "LogTo" && method.ContainingAssembly?.Name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true
                     && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "action") is { } action
                     && FileWriterBehind(action.Value, symbols, context.Compilation) != null
                     && !IsDevelopmentOnly(invocation, symbols))
            {
                ReportLogFile(context, MemberCallLocation(invocation), "'LogTo' writes EF Core's log to a file and keeps");
            }
            else if (method.Name == "File" && type?.ToDisplayString() == "Serilog.FileLoggerConfigurationExtensions"
                     && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "path") is { } logPath && !IsTemporary(logPath.Value, symbols))
            {
                // Sinks are configured in one chain: point at the File(…) call, not the whole chain.
                ReportLogFile(context, MemberCallLocation(invocation), "'WriteTo.File' keeps");
            }
            else if ((method.Name == "UseSqlite" || method.Name == "AddSqlite") && method.ContainingAssembly?.Name.IndexOf("Sqlite", StringComparison.Ordinal) >= 0
                     && IsFileDatabase(invocation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String)?.Value)
                     && !IsDevelopmentOnly(invocation, symbols))
            {
                Report(context, invocation, "'" + method.Name + "' keeps", "the app's database", "all its data is lost at the next restart (at least daily) and each dyno has its own copy", "Use Heroku Postgres (DATABASE_URL) for data that must last");
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, FileSymbols symbols, RequestReach? reach)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is not INamedTypeSymbol type || creation.Arguments.Length == 0)
            {
                return;
            }

            if ((Is(type, symbols.SqliteConnection) || Is(type, symbols.SystemDataSqliteConnection))
                && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String
                && IsFileDatabase(creation.Arguments[0].Value) && !IsDevelopmentOnly(creation, symbols))
            {
                Report(context, creation, "'new " + type.Name + "' keeps", "the app's database", "all its data is lost at the next restart (at least daily) and each dyno has its own copy", "Use Heroku Postgres (DATABASE_URL) for data that must last");
            }
            else if (IsFileWriter(creation, symbols) && LoggerImplementation(creation, symbols) is string logger && !IsDevelopmentOnly(creation, symbols))
            {
                ReportLogFile(context, creation.Syntax.GetLocation(), "'new " + type.Name + "' in the logger '" + logger + "' keeps");
            }
            else if (IsFileWriter(creation, symbols)
                     && !IsUploadTarget(creation, symbols)
                     && OnRequestPath(creation, reach, context.CancellationToken) is string where)
            {
                Report(context, creation, "'new " + type.Name + "' " + where + " writes", "app data", "what it writes is lost at the next restart and other dynos never see it", "Keep app data in Heroku Postgres or object storage; use Path.GetTempPath() only for scratch files");
            }
        }

        /// <summary>A FileStream opened for writing or a StreamWriter on a path, outside the temp folder.</summary>
        private static bool IsFileWriter(IObjectCreationOperation creation, FileSymbols symbols)
            => creation.Arguments.Length > 0
               && (Is(creation.Type as INamedTypeSymbol, symbols.FileStream) && OpensForWriting(creation)
                   || Is(creation.Type as INamedTypeSymbol, symbols.StreamWriter) && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
               && !IsTemporary(creation.Arguments[0].Value, symbols);

        /// <summary>
        /// The file writer behind a log callback: <c>writer.WriteLine</c> (or a lambda calling it) where the writer is a
        /// local or field initialised with <c>new StreamWriter(path)</c> in the same file. Null otherwise.
        /// </summary>
        private static IObjectCreationOperation? FileWriterBehind(IOperation callback, FileSymbols symbols, Compilation compilation)
        {
            callback = Operations.WithoutConversions(callback);
            if (callback is IDelegateCreationOperation delegateCreation)
            {
                callback = delegateCreation.Target;
            }

            var instance = callback switch
            {
                IMethodReferenceOperation reference => reference.Instance,
                IAnonymousFunctionOperation lambda => lambda.Body.Descendants().OfType<IInvocationOperation>()
                    .FirstOrDefault(i => i.Instance != null && Is(i.Instance.Type as INamedTypeSymbol, symbols.StreamWriter))?.Instance,
                _ => null,
            };
            if (instance == null)
            {
                return null;
            }

            instance = Operations.WithoutConversions(instance);
            IOperation? initializer = instance switch
            {
                ILocalReferenceOperation local => Operations.SingleInitializer(local),
                IFieldReferenceOperation field => FieldInitializer(field, compilation),
                _ => null,
            };
            return initializer != null && Operations.WithoutConversions(initializer) is IObjectCreationOperation creation && IsFileWriter(creation, symbols)
                ? creation
                : null;
        }

        /// <summary>The initializer of a field declared in the same file as the reference (so the editor decides alike).</summary>
        private static IOperation? FieldInitializer(IFieldReferenceOperation reference, Compilation compilation)
        {
            var tree = reference.Syntax.SyntaxTree;
            SemanticModel? model = null;
            foreach (var syntax in reference.Field.DeclaringSyntaxReferences)
            {
                if (syntax.SyntaxTree != tree)
                {
                    continue;
                }

                // The initializer is another member of this file: the model the operation came with may only bind its
                // own member (open-file analysis), so bind it with a model of the whole tree.
#pragma warning disable RS1030 // One model of this tree, only for a LogTo callback on a StreamWriter field.
                model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (syntax.SyntaxTree == model.SyntaxTree
                    && syntax.GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer }
                    && model.GetOperation(initializer.Value) is IOperation value)
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>The name of the ILogger / ILoggerProvider implementation the operation sits in (its members and field initializers), or null.</summary>
        private static string? LoggerImplementation(IOperation operation, FileSymbols symbols)
        {
            if (symbols.Logger == null && symbols.LoggerProvider == null)
            {
                return null;
            }

            var member = Operations.Root(operation).SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart);
            for (var type = member as INamedTypeSymbol ?? member?.ContainingType; type != null; type = type.ContainingType)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (Is(implemented, symbols.Logger) || Is(implemented, symbols.LoggerProvider))
                    {
                        return type.Name;
                    }
                }
            }

            return null;
        }

        /// <summary>From the called member's name to the end of the call: one link of a configuration chain.</summary>
        private static Location MemberCallLocation(IInvocationOperation invocation)
            => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call
                ? Location.Create(call.SyntaxTree, TextSpan.FromBounds(member.Name.SpanStart, call.Span.End))
                : invocation.Syntax.GetLocation();

        private static void ReportLogFile(OperationAnalysisContext context, Location location, string what)
            => context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.HK8006_EphemeralFilesystem,
                location,
                what,
                "the app's logs",
                "they are lost at every restart, each dyno has its own, and Heroku's log router never sees them",
                "Write logs to the console (standard output), which Heroku collects for heroku logs and log drains"));

        private static void Report(OperationAnalysisContext context, IOperation operation, string what, string data, string consequence, string fix)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK8006_EphemeralFilesystem, operation.Syntax.GetLocation(), what, data, consequence, fix));

        /// <summary>The path of a stream opened on a file: <c>new FileStream(path, …)</c>, <c>File.Create(path)</c>, through a local assigned once.</summary>
        private static IOperation? FilePathOf(IOperation stream, FileSymbols symbols)
        {
            stream = Operations.WithoutConversions(stream);
            if (stream is ILocalReferenceOperation local)
            {
                stream = Operations.SingleInitializer(local) is IOperation initializer ? Operations.WithoutConversions(initializer) : stream;
            }

            return stream switch
            {
                IObjectCreationOperation creation when Is(creation.Type as INamedTypeSymbol, symbols.FileStream) && creation.Arguments.Length > 0 => creation.Arguments[0].Value,
                IInvocationOperation invocation when Is(invocation.TargetMethod.ContainingType, symbols.File) && invocation.Arguments.Length > 0 => invocation.Arguments[0].Value,
                _ => null,
            };
        }

        /// <summary>A FileStream that a form file is copied into is reported as the upload, not twice.</summary>
        private static bool IsUploadTarget(IObjectCreationOperation creation, FileSymbols symbols)
            => Operations.Root(creation).Descendants().OfType<IInvocationOperation>().Any(i =>
                (i.TargetMethod.Name == "CopyTo" || i.TargetMethod.Name == "CopyToAsync") && Is(i.TargetMethod.ContainingType, symbols.FormFile));

        private static bool OpensForWriting(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "mode" && argument.Value.ConstantValue is { HasValue: true, Value: int mode })
                {
                    return mode != 3; // FileMode.Open
                }
            }

            return false;
        }

        /// <summary>Scratch space: the path is built from Path.GetTempPath() / GetTempFileName().</summary>
        private static bool IsTemporary(IOperation path, FileSymbols symbols)
        {
            path = Operations.WithoutConversions(path);
            if (path is ILocalReferenceOperation local && Operations.SingleInitializer(local) is IOperation initializer)
            {
                path = initializer;
            }

            return path.DescendantsAndSelf().OfType<IInvocationOperation>().Any(i =>
                (i.TargetMethod.Name == "GetTempPath" || i.TargetMethod.Name == "GetTempFileName") && Is(i.TargetMethod.ContainingType, symbols.Path));
        }

        /// <summary>A SQLite connection string that names a file (anything but :memory: or Mode=Memory), or one only known at run time.</summary>
        private static bool IsFileDatabase(IOperation? connectionString)
        {
            if (connectionString == null)
            {
                return false;
            }

            var text = StringShape.Of(connectionString).Rendered;
            return text.IndexOf(":memory:", StringComparison.OrdinalIgnoreCase) < 0
                   && text.IndexOf("Mode=Memory", StringComparison.OrdinalIgnoreCase) < 0;
        }

        /// <summary>Inside <c>if (….IsDevelopment())</c>: a local database for development only.</summary>
        private static bool IsDevelopmentOnly(IOperation operation, FileSymbols symbols)
        {
            for (var node = operation; node.Parent != null; node = node.Parent)
            {
                if (node.Parent is IConditionalOperation conditional && conditional.WhenTrue == node
                    && conditional.Condition.DescendantsAndSelf().OfType<IInvocationOperation>().Any(i => i.TargetMethod.Name == "IsDevelopment"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Where the write runs for a request: "in a request handler" (an action, a page handler, a Map* delegate,
        /// or any other entry the request-path rules know), "on the request path (reached from X)" for code a
        /// handler calls (the request-path rules' backward search, <see cref="CallGraph"/>), or null.
        /// </summary>
        private static string? OnRequestPath(IOperation operation, RequestReach? reach, System.Threading.CancellationToken cancellationToken)
        {
            if (reach == null)
            {
                return null;
            }

            // A lambda given to Map*, Use, Run … is a handler of its own (the request-path rules' registrations).
            for (var node = operation.Parent; node != null; node = node.Parent)
            {
                if (node is IAnonymousFunctionOperation lambda && CallGraph.HandlerRegistration(lambda, reach.Symbols) != null)
                {
                    return "in a request handler";
                }
            }

            if (!(Operations.Root(operation).SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart, cancellationToken) is IMethodSymbol method))
            {
                return null;
            }

            // Any other lambda belongs to the body it is written in (as for the request-path rules).
            while (method.MethodKind == MethodKind.AnonymousFunction && method.ContainingSymbol is IMethodSymbol outer)
            {
                method = outer;
            }

            var reached = reach.Graph.Reach(method, cancellationToken);
            return reached == null ? null : reached.From == null ? "in a request handler" : "on the request path (reached from " + reached.From + ")";
        }

        private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected)
            => expected != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

        private sealed class FileSymbols
        {
            public INamedTypeSymbol? File { get; private set; }

            public INamedTypeSymbol? Path { get; private set; }

            public INamedTypeSymbol? FileStream { get; private set; }

            public INamedTypeSymbol? StreamWriter { get; private set; }

            public INamedTypeSymbol? FormFile { get; private set; }

            public INamedTypeSymbol? SqliteConnection { get; private set; }

            public INamedTypeSymbol? SystemDataSqliteConnection { get; private set; }

            public INamedTypeSymbol? Logger { get; private set; }

            public INamedTypeSymbol? LoggerProvider { get; private set; }

            /// <summary>Null without ASP.NET Core: a console tool's files are its own business.</summary>
            public static FileSymbols? TryCreate(Compilation compilation)
            {
                var formFile = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.IFormFile");
                return formFile == null
                    ? null
                    : new FileSymbols
                    {
                        FormFile = formFile,
                        File = KnownTypes.Get(compilation, "System.IO.File"),
                        Path = KnownTypes.Get(compilation, "System.IO.Path"),
                        FileStream = KnownTypes.Get(compilation, "System.IO.FileStream"),
                        StreamWriter = KnownTypes.Get(compilation, "System.IO.StreamWriter"),
                        SqliteConnection = KnownTypes.Get(compilation, "Microsoft.Data.Sqlite.SqliteConnection"),
                        SystemDataSqliteConnection = KnownTypes.Get(compilation, "System.Data.SQLite.SQLiteConnection"),
                        Logger = KnownTypes.Get(compilation, "Microsoft.Extensions.Logging.ILogger"),
                        LoggerProvider = KnownTypes.Get(compilation, "Microsoft.Extensions.Logging.ILoggerProvider"),
                    };
            }
        }
    }
}
