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
            Descriptors.HK8004_HandParsedUrl);

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
