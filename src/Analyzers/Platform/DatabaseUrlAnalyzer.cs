using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// HK8004: Heroku Postgres' DATABASE_URL handed to Npgsql as a connection string, TLS turned off
    /// for it, and copies of the regular expression that takes the URL apart by hand.
    /// A connection-string sink is any string parameter named <c>connectionString</c> of an Npgsql
    /// assembly (NpgsqlConnection, NpgsqlDataSource(Builder), NpgsqlConnectionStringBuilder, EF Core's
    /// UseNpgsql, AddNpgsqlDataSource) and the ConnectionString property of its types.
    /// TLS turned off is also found in the appsettings files a dyno reads (appsettings.json and
    /// appsettings.Production.json, handed over as AdditionalFiles): an additional-file action, so it shows
    /// in the open JSON file as in the build.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DatabaseUrlAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property value: wrap the argument in a Uri-based conversion.</summary>
        public const string FixConvertUrl = "ConvertDatabaseUrl";

        /// <summary>
        /// Diagnostic property value: replace a regular-expression split of DATABASE_URL by the Uri-based conversion.
        /// Additional locations: the statement declaring the match, the interpolated connection string, the URL expression.
        /// </summary>
        public const string FixRegexSplit = "RewriteRegexSplit";

        /// <summary>Diagnostic property: constant Key=Value pairs of the hand-built string the rewrite keeps (";Pooling=true").</summary>
        public const string KeptSettingsProperty = "KeptSettings";

        /// <summary>The five-group split copied from samples: user, password, host, port, database.</summary>
        private static readonly Regex FiveGroupSplit = new Regex(
            @"^\^?postgres://\(\.[*+]\):\(\.[*+]\)@\(\.[*+]\):\(\.[*+]\)/\(\.[*+]\)\$?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

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

                start.RegisterAdditionalFileAction(AnalyzeAppSettings);
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

        /// <summary>
        /// Connection strings in the appsettings files Heroku's Production environment reads that name a server other
        /// than this machine and set <c>SSL Mode=Disable</c> in any spelling Npgsql accepts; reported at the setting.
        /// </summary>
        private static void AnalyzeAppSettings(AdditionalFileAnalysisContext context)
        {
            var file = context.AdditionalFile;
            if (!HerokuFiles.IsKind(context.Options, file, HerokuFiles.AppSettings)
                || Path.GetFileName(file.Path).IndexOf(".Development.", StringComparison.OrdinalIgnoreCase) >= 0
                || !(file.GetText(context.CancellationToken) is SourceText text))
            {
                return;
            }

            if (HerokuFiles.ParseJson(text) is JsonNode root)
            {
                WalkAppSettings(context, text, root, "", 0);
            }
        }

        private static void WalkAppSettings(AdditionalFileAnalysisContext context, SourceText text, JsonNode node, string key, int depth)
        {
            if (depth > JsonParser.MaxDepth)
            {
                return;
            }

            switch (node.Kind)
            {
                case JsonKind.Object:
                    foreach (var member in node.Members)
                    {
                        WalkAppSettings(context, text, member.Value, key.Length == 0 ? member.Name : key + ":" + member.Name, depth + 1);
                    }

                    break;
                case JsonKind.Array:
                    for (var i = 0; i < node.Items.Count; i++)
                    {
                        WalkAppSettings(context, text, node.Items[i], key + ":" + i, depth + 1);
                    }

                    break;
                case JsonKind.String when node.Text != null && SslDisabledSetting(node.Text) is (int start, int length):
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.HK8004_SslDisabled,
                        SettingLocation(context.AdditionalFile, text, node, start, length),
                        "'" + key + "' in " + Path.GetFileName(context.AdditionalFile.Path),
                        node.Text.Substring(start, length).Trim()));
                    break;
            }
        }

        /// <summary>
        /// Where a Key=Value connection string to a remote host turns TLS off: the span of its SSL Mode setting in the
        /// decoded string, or null. Keys as Npgsql reads them: case-insensitive "SSL Mode" or "SslMode", value Disable
        /// (any case, quoted or not) or 0. A string without Host/Server, or whose hosts are all this machine, is left alone.
        /// </summary>
        private static (int Start, int Length)? SslDisabledSetting(string value)
        {
            if (value.Length > 4096 || value.IndexOf('=') < 0)
            {
                return null;
            }

            (int, int)? setting = null;
            var remote = false;
            var position = 0;
            foreach (var pair in value.Split(';'))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0)
                {
                    var name = pair.Substring(0, equals).Trim().ToLowerInvariant();
                    var setValue = pair.Substring(equals + 1).Trim().Trim('\'', '"').Trim();
                    if ((name == "ssl mode" || name == "sslmode")
                        && (string.Equals(setValue, "disable", StringComparison.OrdinalIgnoreCase) || setValue == "0"))
                    {
                        var leading = pair.Length - pair.TrimStart().Length;
                        setting = (position + leading, pair.Trim().Length);
                    }
                    else if (name == "host" || name == "server")
                    {
                        remote |= !IsThisMachine(setValue);
                    }
                }

                position += pair.Length + 1;
            }

            return remote ? setting : null;
        }

        /// <summary>A comma-separated host list whose every entry is localhost, a loopback address or a Unix socket directory (or that names none).</summary>
        private static bool IsThisMachine(string hosts)
        {
            foreach (var entry in hosts.Split(','))
            {
                var host = entry.Trim();
                if (host.Length == 0)
                {
                    continue;
                }

                var colon = host.LastIndexOf(':');
                if (colon > 0 && !host.EndsWith("]", StringComparison.Ordinal) && host.IndexOf(':') == colon)
                {
                    host = host.Substring(0, colon);
                }

                host = host.Trim('[', ']');
                if (!(string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
                      || host.StartsWith("127.", StringComparison.Ordinal)
                      || host == "::1"
                      || host.StartsWith("/", StringComparison.Ordinal)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The setting's own span when the JSON string holds no escapes before its end; else the whole string value as written.</summary>
        private static Location SettingLocation(AdditionalText file, SourceText text, JsonNode node, int start, int length)
        {
            var lineIndex = node.Position.Line - 1;
            var quote = node.Position.Column - 1;
            if (lineIndex < 0 || lineIndex >= text.Lines.Count || quote < 0)
            {
                return HerokuFiles.Location(file, text, node.Position.Line, node.Position.Column, node.Text!.Length + 2);
            }

            var line = text.Lines[lineIndex].ToString();
            if (quote + 1 + start + length <= line.Length && string.CompareOrdinal(line, quote + 1, node.Text, 0, start + length) == 0)
            {
                return HerokuFiles.Location(file, text, node.Position.Line, node.Position.Column + 1 + start, length);
            }

            // Escapes shift the raw text: span the string up to its closing quote as written.
            var end = quote + 1;
            while (end < line.Length && line[end] != '"')
            {
                end += line[end] == '\\' ? 2 : 1;
            }

            return HerokuFiles.Location(file, text, node.Position.Line, node.Position.Column, Math.Min(end, line.Length - 1) - quote + 1);
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

            if (Match(FiveGroupSplit, pattern) != null && RegexSplitRewrite(argument) is (ImmutableArray<Location> locations, string kept))
            {
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(Descriptors.FixKindProperty, FixRegexSplit)
                    .Add(KeptSettingsProperty, kept);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK8004_HandParsedUrl, argument.Value.Syntax.GetLocation(), locations, properties, pattern));
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK8004_HandParsedUrl, argument.Value.Syntax.GetLocation(), pattern));
        }

        /// <summary>
        /// Whether the split can be replaced by the Uri-based conversion without changing what the code means:
        /// <c>var match = Regex.Match(DATABASE_URL read, pattern);</c> whose only uses are <c>match.Groups[n]</c> holes of one
        /// interpolated Key=Value string, later in the same block, that is given to Npgsql as its connection string, each
        /// hole under the key of its group (user 1, password 2, host 3, port 4, database 5). Returns the locations the fix
        /// needs and the constant pairs it keeps (TLS settings are dropped: the conversion requires TLS); else null.
        /// </summary>
        private static (ImmutableArray<Location>, string)? RegexSplitRewrite(IArgumentOperation patternArgument)
        {
            if (!(patternArgument.Parent is IInvocationOperation { TargetMethod: { Name: "Match", IsStatic: true } } call)
                || call.Arguments.Length != 2
                || !(call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "input") is { } input)
                || ConfigVarRead.Find(input.Value, IsDatabaseUrlName) == null
                || !(call.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                || !(declarator.Parent is IVariableDeclarationOperation { Declarators.Length: 1 } declaration)
                || !(declaration.Parent is IVariableDeclarationGroupOperation { Declarations.Length: 1 } group)
                || !(group.Parent is IBlockOperation block))
            {
                return null;
            }

            var match = declarator.Symbol;
            IInterpolatedStringOperation? target = null;
            foreach (var reference in block.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Local, match))
                {
                    continue;
                }

                // match.Groups[n] or match.Groups[n].Value, as the whole expression of a hole.
                if (!(reference.Parent is IPropertyReferenceOperation { Property.Name: "Groups" } groups)
                    || !(groups.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } indexer)
                    || !(HoleOf(indexer) is { Parent: IInterpolatedStringOperation interpolated }))
                {
                    return null;
                }

                if (target != null && !ReferenceEquals(target, interpolated))
                {
                    return null;
                }

                target = interpolated;
            }

            if (target == null || !IsNpgsqlConnectionString(target) || !InSameBlockAfter(target, block, group))
            {
                return null;
            }

            var kept = KeptSettings(target);
            if (kept == null)
            {
                return null;
            }

            // The argument as written: a trailing '!' has no operation of its own.
            var url = input.Value.Syntax;
            while (url.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.PostfixUnaryExpressionSyntax suppressed
                   && suppressed.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression))
            {
                url = suppressed;
            }

            return (ImmutableArray.Create(group.Syntax.GetLocation(), target.Syntax.GetLocation(), url.GetLocation()), kept);
        }

        /// <summary>The hole whose whole expression is <c>match.Groups[n]</c> (or its <c>.Value</c>), without alignment or format.</summary>
        private static IInterpolationOperation? HoleOf(IPropertyReferenceOperation indexer)
        {
            IOperation expression = indexer;
            if (expression.Parent is IPropertyReferenceOperation { Property.Name: "Value" } value)
            {
                expression = value;
            }

            while (expression.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                expression = conversion;
            }

            return expression.Parent is IInterpolationOperation { Alignment: null, FormatString: null } hole && ReferenceEquals(hole.Expression, expression)
                ? hole
                : null;
        }

        private static bool IsNpgsqlConnectionString(IInterpolatedStringOperation value)
        {
            IOperation node = value;
            while (node.Parent is IConversionOperation)
            {
                node = node.Parent;
            }

            return node.Parent switch
            {
                IArgumentOperation { Parameter: { Name: "connectionString" } parameter } => IsNpgsql(parameter.ContainingSymbol),
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "ConnectionString" } property } } assignment
                    => ReferenceEquals(assignment.Value, node) && IsNpgsql(property),
                _ => false,
            };
        }

        /// <summary>The string is used in a later statement of the block that declares the match, not in a nested function.</summary>
        private static bool InSameBlockAfter(IOperation value, IBlockOperation block, IOperation declaration)
        {
            for (var node = value; node.Parent != null; node = node.Parent)
            {
                if (node.Parent is IAnonymousFunctionOperation || node.Parent is ILocalFunctionOperation)
                {
                    return false;
                }

                if (ReferenceEquals(node.Parent, block))
                {
                    return node.Syntax.SpanStart > declaration.Syntax.Span.End;
                }
            }

            return false;
        }

        /// <summary>
        /// The constant pairs of the hand-built string that the conversion does not produce, as ";Key=Value" text, when
        /// every hole is a group under its own key and user, password, host and database are all there; else null.
        /// </summary>
        private static string? KeptSettings(IInterpolatedStringOperation value)
        {
            var text = new System.Text.StringBuilder();
            var groups = new System.Collections.Generic.List<int>();
            foreach (var part in value.Parts)
            {
                if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string constant } })
                {
                    if (constant.IndexOf('\u0001') >= 0)
                    {
                        return null;
                    }

                    text.Append(constant);
                }
                else if (part is IInterpolationOperation hole && GroupNumber(hole.Expression) is int number)
                {
                    text.Append('\u0001');
                    groups.Add(number);
                }
                else
                {
                    return null;
                }
            }

            var seen = new System.Collections.Generic.HashSet<int>();
            var holeIndex = 0;
            var kept = new System.Text.StringBuilder();
            foreach (var pair in text.ToString().Split(';'))
            {
                var holes = pair.Split('\u0001').Length - 1;
                var equals = pair.IndexOf('=');
                if (holes == 0)
                {
                    if (pair.Trim().Length == 0)
                    {
                        continue;
                    }

                    if (equals <= 0)
                    {
                        return null;
                    }

                    var name = pair.Substring(0, equals).Trim().ToLowerInvariant();
                    if (name != "ssl mode" && name != "sslmode" && name != "trust server certificate" && name != "trustservercertificate")
                    {
                        kept.Append(';').Append(pair.Trim());
                    }

                    continue;
                }

                if (holes != 1 || equals <= 0 || pair.Substring(equals + 1).Trim() != "\u0001")
                {
                    return null;
                }

                var group = groups[holeIndex++];
                if (ExpectedGroup(pair.Substring(0, equals).Trim().ToLowerInvariant()) != group || !seen.Add(group))
                {
                    return null;
                }
            }

            return seen.Contains(1) && seen.Contains(2) && seen.Contains(3) && seen.Contains(5) ? kept.ToString() : null;
        }

        private static int? GroupNumber(IOperation expression)
        {
            expression = Operations.WithoutConversions(expression);
            if (expression is IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance })
            {
                expression = instance;
            }

            return expression is IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                   && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: int number }
                ? number
                : (int?)null;
        }

        /// <summary>The group of the five-group split that holds a setting, by Npgsql's key names and aliases.</summary>
        private static int ExpectedGroup(string key) => key switch
        {
            "user id" or "userid" or "username" or "user name" or "uid" => 1,
            "password" or "pwd" or "psw" => 2,
            "host" or "server" => 3,
            "port" => 4,
            "database" or "db" => 5,
            _ => 0,
        };

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
                    foreach (var assigned in Infrastructure.Operations.AssignedValues(local))
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
