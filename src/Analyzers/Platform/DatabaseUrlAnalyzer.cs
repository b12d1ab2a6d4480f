using System;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// HK8004: Heroku Postgres' DATABASE_URL handed to Npgsql as a connection string, TLS turned off
    /// for it, and copies of the regular expression that takes the URL apart by hand.
    /// A connection-string sink is any string parameter named <c>connectionString</c> of an Npgsql
    /// assembly (NpgsqlConnection, NpgsqlDataSource(Builder), NpgsqlConnectionStringBuilder, EF Core's
    /// UseNpgsql, AddNpgsqlDataSource) and the ConnectionString property of its types.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DatabaseUrlAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property value: wrap the argument in a Uri-based conversion.</summary>
        public const string FixConvertUrl = "ConvertDatabaseUrl";

        private static readonly Regex SslDisabled = new Regex(
            @"\bssl\s*mode\s*=\s*disable\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        private static readonly Regex HandParsedUrl = new Regex(
            @"^\^?postgres(?:ql)?(?:\(?ql\)?\??)?:(?://|\\/\\/)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.HK8004_DatabaseUrl,
            Descriptors.HK8004_SslDisabled,
            Descriptors.HK8004_HandParsedUrl,
            Descriptors.HK8004_HandSplitUrl);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var connection = KnownTypes.Get(start.Compilation, "Npgsql.NpgsqlConnection");
                if (connection == null)
                {
                    return;
                }

                var regex = KnownTypes.Get(start.Compilation, "System.Text.RegularExpressions.Regex");
                start.RegisterOperationAction(AnalyzeArgument, OperationKind.Argument);
                start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
                if (regex != null)
                {
                    start.RegisterOperationAction(c => AnalyzePattern(c, regex), OperationKind.Argument);
                }

                start.RegisterOperationBlockAction(AnalyzeHandSplit);
            });
        }

        private static void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            var parameter = argument.Parameter;
            if (parameter == null
                || parameter.Name != "connectionString"
                || parameter.Type.SpecialType != SpecialType.System_String
                || !IsNpgsql(parameter.ContainingSymbol))
            {
                return;
            }

            var api = Api(parameter.ContainingSymbol);
            CheckValue(context, argument.Value, api, fixable: !argument.IsImplicit);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property: { } property } && IsNpgsql(property))
            {
                if (property.Name == "ConnectionString")
                {
                    CheckValue(context, assignment.Value, property.ContainingType.Name + ".ConnectionString", fixable: true);
                }
                else if (property.Name == "SslMode" && assignment.Value.ConstantValue is { HasValue: true, Value: 0 })
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK8004_SslDisabled, assignment.Syntax.GetLocation(), property.ContainingType.Name, "SslMode = SslMode.Disable"));
                }
            }
        }

        private static void CheckValue(OperationAnalysisContext context, IOperation value, string api, bool fixable)
        {
            if (ConfigVarRead.Find(value, IsDatabaseUrlName) is string variable)
            {
                var properties = fixable
                    ? ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKindProperty, FixConvertUrl)
                    : ImmutableDictionary<string, string?>.Empty;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK8004_DatabaseUrl, value.Syntax.GetLocation(), properties, api, variable));
                return;
            }

            var shape = StringShape.Of(value);
            var match = Match(SslDisabled, shape.Rendered);
            if (match != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK8004_SslDisabled, value.Syntax.GetLocation(), api, match));
            }
        }

        /// <summary>A constant pattern given to Regex that starts like a postgres:// URL.</summary>
        private static void AnalyzePattern(OperationAnalysisContext context, INamedTypeSymbol regex)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.Parameter?.Name != "pattern"
                || !SymbolEqualityComparer.Default.Equals(argument.Parameter.ContainingSymbol?.ContainingType, regex)
                || !(argument.Value.ConstantValue.Value is string pattern)
                || pattern.IndexOf('@') < 0
                || Match(HandParsedUrl, pattern) == null)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK8004_HandParsedUrl, argument.Value.Syntax.GetLocation(), pattern));
        }

        /// <summary>
        /// The first Split/IndexOf/LastIndexOf of a body applied to DATABASE_URL itself (through locals and string
        /// edits such as Replace or Substring), one finding per body. Splitting <c>uri.UserInfo</c> is the right way and
        /// is not the URL.
        /// </summary>
        private static void AnalyzeHandSplit(OperationBlockAnalysisContext context)
        {
            // One finding per function: the method, or each local function and lambda in it.
            var reported = new System.Collections.Generic.HashSet<IOperation>();
            foreach (var block in context.OperationBlocks)
            {
                foreach (var operation in block.Descendants())
                {
                    if (operation is IInvocationOperation { Instance: { } instance } call
                        && call.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
                        && (call.TargetMethod.Name == "Split" || call.TargetMethod.Name == "IndexOf" || call.TargetMethod.Name == "LastIndexOf")
                        && SplitsAtUrlDelimiter(call)
                        && !reported.Contains(FunctionOf(call, block))
                        && DerivesFromDatabaseUrl(instance, 0))
                    {
                        reported.Add(FunctionOf(call, block));
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK8004_HandSplitUrl, call.Syntax.GetLocation(), call.Syntax.ToString()));
                    }
                }
            }
        }

        private static IOperation FunctionOf(IOperation operation, IOperation block)
        {
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is ILocalFunctionOperation || parent is IAnonymousFunctionOperation)
                {
                    return parent;
                }
            }

            return block;
        }

        /// <summary>A separator argument that is a constant holding ':', '@' or '/' (a char, a string or an array of them).</summary>
        private static bool SplitsAtUrlDelimiter(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                var value = Infrastructure.Operations.WithoutConversions(argument.Value);
                if (value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        if (IsDelimiter(element.ConstantValue))
                        {
                            return true;
                        }
                    }
                }
                else if (IsDelimiter(value.ConstantValue))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDelimiter(Optional<object?> constant)
            => constant.HasValue && (constant.Value is char c ? c == ':' || c == '@' || c == '/' : constant.Value is string text && (text.IndexOf(':') >= 0 || text.IndexOf('@') >= 0 || text.IndexOf('/') >= 0));

        /// <summary>The value is DATABASE_URL, through locals (every assignment counts), string edits and conversions.</summary>
        private static bool DerivesFromDatabaseUrl(IOperation value, int depth)
        {
            if (depth > 6)
            {
                return false;
            }

            value = Infrastructure.Operations.WithoutConversions(value);
            if (ConfigVarRead.Find(value, IsDatabaseUrlName) != null)
            {
                return true;
            }

            switch (value)
            {
                case IInvocationOperation { Instance: { } receiver } edit when edit.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String && StringEdits.Contains(edit.TargetMethod.Name):
                    return DerivesFromDatabaseUrl(receiver, depth + 1);
                case ILocalReferenceOperation local:
                    foreach (var assigned in AssignedValues(local))
                    {
                        if (!(assigned is ILocalReferenceOperation self && SymbolEqualityComparer.Default.Equals(self.Local, local.Local))
                            && DerivesFromDatabaseUrl(assigned, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static readonly ImmutableHashSet<string> StringEdits = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Replace", "Trim", "TrimStart", "TrimEnd", "Substring", "Remove", "ToLower", "ToLowerInvariant", "ToUpper", "ToUpperInvariant");

        /// <summary>The initializer and every value assigned to the local in its body.</summary>
        private static System.Collections.Generic.IEnumerable<IOperation> AssignedValues(ILocalReferenceOperation reference)
        {
            var root = (IOperation)reference;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when declarator.Initializer != null && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                        yield return declarator.Initializer.Value;
                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                        yield return assignment.Value;
                        break;
                }
            }
        }

        private static bool IsDatabaseUrlName(string name)
            => string.Equals(name, HerokuFacts.DatabaseUrlVariable, StringComparison.OrdinalIgnoreCase)
               || (name.StartsWith(HerokuFacts.PostgresColourVariablePrefix, StringComparison.OrdinalIgnoreCase)
                   && name.EndsWith("_URL", StringComparison.OrdinalIgnoreCase));

        private static bool IsNpgsql(ISymbol? symbol)
            => symbol?.ContainingAssembly?.Name is string name && name.StartsWith("Npgsql", StringComparison.Ordinal);

        private static string Api(ISymbol member) => member switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => "new " + constructor.ContainingType.Name + "(…)",
            IMethodSymbol method => method.Name,
            _ => member.Name,
        };

        private static string? Match(Regex regex, string text)
        {
            try
            {
                var match = regex.Match(text);
                return match.Success ? match.Value : null;
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        }
    }
}
