using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Memory
{
    /// <summary>
    /// HK2002–HK2004: MemoryCache instances and their entries. Each entry call is traced to the cache it
    /// goes into — a <c>new MemoryCache(…)</c> (through locals, fields and properties) or the DI cache
    /// registered with AddMemoryCache (constructor injection, minimal-API parameters, GetService) —
    /// and judged against that cache's SizeLimit once the whole compilation has been seen.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MemoryCacheAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>.editorconfig option: minutes of AbsoluteExpirationRelativeToNow the HK2004 fix writes.</summary>
        public const string ExpirationMinutesOption = "cache_entry_expiration_minutes";

        public const int DefaultExpirationMinutes = 10;

        /// <summary>Diagnostic property (HK2004): the expiration the fix writes, in minutes.</summary>
        public const string ExpirationMinutesProperty = "HerokuExpirationMinutes";

        /// <summary>Diagnostic property (HK2002): present when the fix can size every entry; one entry fix kind per additional location, comma-separated.</summary>
        public const string EntryFixesProperty = "HerokuEntryFixes";

        public const string FixCreation = "Creation";
        public const string FixRegistration = "Registration";

        private const int MaxResolveDepth = 8;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.HK2002_MemoryCacheWithoutSizeLimit,
            Descriptors.HK2003_EntryWithoutSize,
            Descriptors.HK2004_EntryWithoutExpiration);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = CacheSymbols.TryCreate(start.Compilation);
                if (symbols?.MemoryCacheOptions == null)
                {
                    return;
                }

                var state = new CompilationState(symbols);
                start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(state.AnalyzeObjectCreation, OperationKind.ObjectCreation);
                start.RegisterOperationAction(state.AnalyzeMemberInitializer, OperationKind.FieldInitializer, OperationKind.PropertyInitializer);
                start.RegisterOperationAction(state.AnalyzeAssignment, OperationKind.SimpleAssignment);
                start.RegisterSymbolAction(state.AnalyzeNamedType, SymbolKind.NamedType);
                start.RegisterCompilationEndAction(state.Report);
            });
        }

        private enum CacheKind
        {
            Unknown,
            Injected,
            Created,
            Member,
        }

        /// <summary>Where an expression's cache comes from, as far as one operation shows.</summary>
        private sealed class CacheRef
        {
            public static readonly CacheRef Unknown = new CacheRef(CacheKind.Unknown, null, null);
            public static readonly CacheRef Injected = new CacheRef(CacheKind.Injected, null, null);

            public CacheRef(CacheKind kind, CacheOrigin? origin, ISymbol? member)
            {
                Kind = kind;
                Origin = origin;
                Member = member;
            }

            public CacheKind Kind { get; }

            public CacheOrigin? Origin { get; }

            public ISymbol? Member { get; }
        }

        /// <summary>A <c>new MemoryCache(…)</c> or an <c>AddMemoryCache(…)</c> call, with the SizeLimit it sets.</summary>
        private sealed class CacheOrigin
        {
            public CacheOrigin(string api, Location location, Knowledge sizeLimit, string? fixKind)
            {
                Api = api;
                Location = location;
                SizeLimit = sizeLimit;
                FixKind = fixKind;
            }

            public string Api { get; }

            public Location Location { get; }

            public Knowledge SizeLimit { get; }

            /// <summary>How a fix can set SizeLimit here, or null.</summary>
            public string? FixKind { get; }

            public string Describe()
            {
                var line = Location.GetLineSpan();
                return Api + " at " + System.IO.Path.GetFileName(line.Path) + " line " + (line.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
            }
        }

        private sealed class CompilationState
        {
            private readonly CacheSymbols _symbols;
            private readonly ConcurrentDictionary<SyntaxNode, CacheOrigin> _creations = new ConcurrentDictionary<SyntaxNode, CacheOrigin>();
            private readonly ConcurrentQueue<CacheOrigin> _registrations = new ConcurrentQueue<CacheOrigin>();
            private readonly ConcurrentDictionary<ISymbol, ConcurrentQueue<CacheRef>> _memberSources = new ConcurrentDictionary<ISymbol, ConcurrentQueue<CacheRef>>(SymbolEqualityComparer.Default);
            private readonly ConcurrentQueue<(CacheEntrySite Site, CacheRef Cache, int ExpirationMinutes)> _sites = new ConcurrentQueue<(CacheEntrySite, CacheRef, int)>();
            private int _configuredElsewhere;

            public CompilationState(CacheSymbols symbols) => _symbols = symbols;

            public void AnalyzeObjectCreation(OperationAnalysisContext context)
            {
                var creation = (IObjectCreationOperation)context.Operation;
                if (CacheSymbols.Is(creation.Type, _symbols.MemoryCache))
                {
                    Creation(creation);
                }
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;
                if (method.Name == "AddMemoryCache" && CacheSymbols.Is(method.ContainingType, _symbols.RegistrationExtensions))
                {
                    _registrations.Enqueue(Registration(invocation));
                    return;
                }

                if (method.TypeArguments.Any(t => CacheSymbols.Is(t, _symbols.MemoryCacheOptions)))
                {
                    // Configure<MemoryCacheOptions>, AddOptions<MemoryCacheOptions>().Bind(…): the DI cache's limit is set where we cannot read it.
                    System.Threading.Interlocked.Exchange(ref _configuredElsewhere, 1);
                    return;
                }

                if (CacheEntrySite.TryCreate(invocation, _symbols) is CacheEntrySite site)
                {
                    var options = HerokuOptions.For(context.Options, invocation.Syntax.SyntaxTree);
                    var minutes = options.GetInt32(ExpirationMinutesOption, DefaultExpirationMinutes);
                    _sites.Enqueue((site, Resolve(site.Receiver, 0), minutes > 0 ? minutes : DefaultExpirationMinutes));
                }
            }

            public void AnalyzeMemberInitializer(OperationAnalysisContext context)
            {
                var initializer = (ISymbolInitializerOperation)context.Operation;
                var members = initializer switch
                {
                    IFieldInitializerOperation field => field.InitializedFields.Cast<ISymbol>(),
                    IPropertyInitializerOperation property => property.InitializedProperties.Cast<ISymbol>(),
                    _ => Enumerable.Empty<ISymbol>(),
                };
                foreach (var member in members)
                {
                    RecordSource(member, initializer.Value);
                }
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                switch (assignment.Target)
                {
                    case IFieldReferenceOperation field:
                        RecordSource(field.Field, assignment.Value);
                        break;
                    case IPropertyReferenceOperation { Property: { IsIndexer: false } } property:
                        RecordSource(property.Property, assignment.Value);
                        break;
                }
            }

            public void AnalyzeNamedType(SymbolAnalysisContext context)
            {
                var type = (INamedTypeSymbol)context.Symbol;
                foreach (var @interface in type.AllInterfaces)
                {
                    if (@interface.TypeArguments.Any(t => CacheSymbols.Is(t, _symbols.MemoryCacheOptions)))
                    {
                        // An IConfigureOptions<MemoryCacheOptions> of the app's own.
                        System.Threading.Interlocked.Exchange(ref _configuredElsewhere, 1);
                    }
                }
            }

            public void Report(CompilationAnalysisContext context)
            {
                var registrations = _registrations.ToList();
                var injectedLimit = InjectedLimit(registrations);
                var sites = _sites.Select(s => (s.Site, Origin: Final(s.Cache, new HashSet<ISymbol>(SymbolEqualityComparer.Default), out var injected), Injected: injected, s.ExpirationMinutes)).ToList();
                var anyUntraced = sites.Any(s => s.Origin == null && !s.Injected);

                foreach (var (site, origin, injected, minutes) in sites)
                {
                    var limit = injected ? injectedLimit : origin?.SizeLimit ?? Knowledge.Unknown;
                    var limitSource = injected ? registrations.FirstOrDefault(r => r.SizeLimit != Knowledge.No) : origin;
                    if (limit == Knowledge.Yes && site.Settings.Size == Knowledge.No && limitSource != null)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK2003_EntryWithoutSize, site.Invocation.Syntax.GetLocation(), site.Api, limitSource.Describe()));
                    }
                    else if (limit == Knowledge.No && site.Settings.Size == Knowledge.No && site.Settings.Expiration == Knowledge.No)
                    {
                        var properties = ImmutableDictionary<string, string?>.Empty
                            .Add(Descriptors.FixKindProperty, site.FixKind)
                            .Add(ExpirationMinutesProperty, minutes.ToString(CultureInfo.InvariantCulture));
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK2004_EntryWithoutExpiration, site.Invocation.Syntax.GetLocation(), properties, site.Api));
                    }
                }

                foreach (var origin in _creations.Values)
                {
                    if (origin.SizeLimit == Knowledge.No)
                    {
                        var own = sites.Where(s => !s.Injected && s.Origin == origin).Select(s => s.Site);
                        ReportUnbounded(context, origin, own, fixable: !anyUntraced);
                    }
                }

                if (injectedLimit == Knowledge.No)
                {
                    var own = sites.Where(s => s.Injected).Select(s => s.Site).ToList();
                    foreach (var registration in registrations)
                    {
                        ReportUnbounded(context, registration, own, fixable: !anyUntraced && registrations.Count == 1);
                    }
                }
            }

            private static void ReportUnbounded(CompilationAnalysisContext context, CacheOrigin origin, IEnumerable<CacheEntrySite> entries, bool fixable)
            {
                var unsized = entries.Where(e => e.Settings.Size != Knowledge.Yes).OrderBy(e => e.Invocation.Syntax.SyntaxTree.FilePath, System.StringComparer.Ordinal)
                    .ThenBy(e => e.Invocation.Syntax.SpanStart).ToList();
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (fixable && origin.FixKind != null && unsized.All(e => e.FixKind != null))
                {
                    properties = properties
                        .Add(Descriptors.FixKindProperty, origin.FixKind)
                        .Add(EntryFixesProperty, string.Join(",", unsized.Select(e => e.FixKind)));
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK2002_MemoryCacheWithoutSizeLimit,
                    origin.Location,
                    unsized.Select(e => e.Invocation.Syntax.GetLocation()),
                    properties,
                    origin.Api));
            }

            /// <summary>All AddMemoryCache calls configure the one DI cache; with none, the cache comes from elsewhere.</summary>
            private Knowledge InjectedLimit(List<CacheOrigin> registrations)
            {
                if (registrations.Count == 0 || System.Threading.Volatile.Read(ref _configuredElsewhere) == 1)
                {
                    return Knowledge.Unknown;
                }

                return registrations.Aggregate(Knowledge.No, (limit, registration) => OperationFacts.Merge(limit, registration.SizeLimit));
            }

            /// <summary>The cache a reference ends at: a created one, the injected one, or null when unknown.</summary>
            private CacheOrigin? Final(CacheRef cache, HashSet<ISymbol> visiting, out bool injected)
            {
                injected = false;
                switch (cache.Kind)
                {
                    case CacheKind.Injected:
                        injected = true;
                        return null;
                    case CacheKind.Created:
                        return cache.Origin;
                    case CacheKind.Member when cache.Member != null && visiting.Add(cache.Member)
                                               && _memberSources.TryGetValue(cache.Member, out var sources):
                        CacheOrigin? result = null;
                        var first = true;
                        foreach (var source in sources)
                        {
                            var origin = Final(source, visiting, out var sourceInjected);
                            if (origin == null && !sourceInjected)
                            {
                                return null;
                            }

                            if (!first && (sourceInjected != injected || origin != result))
                            {
                                injected = false;
                                return null;
                            }

                            first = false;
                            injected = sourceInjected;
                            result = origin;
                        }

                        return result;
                    default:
                        return null;
                }
            }

            private void RecordSource(ISymbol member, IOperation value)
            {
                var type = member is IFieldSymbol field ? field.Type : (member as IPropertySymbol)?.Type;
                if (_symbols.IsCache(type))
                {
                    _memberSources.GetOrAdd(member.OriginalDefinition, _ => new ConcurrentQueue<CacheRef>()).Enqueue(Resolve(value, 0));
                }
            }

            private CacheRef Resolve(IOperation operation, int depth)
            {
                operation = Operations.WithoutConversions(operation);
                if (depth > MaxResolveDepth)
                {
                    return CacheRef.Unknown;
                }

                switch (operation)
                {
                    case IObjectCreationOperation creation when CacheSymbols.Is(creation.Type, _symbols.MemoryCache):
                        return new CacheRef(CacheKind.Created, Creation(creation), null);

                    case ILocalReferenceOperation local:
                        return Operations.SingleInitializer(local) is IOperation initializer ? Resolve(initializer, depth + 1) : CacheRef.Unknown;

                    case IParameterReferenceOperation parameter:
                        return IsInjected(parameter.Parameter, parameter) ? CacheRef.Injected : CacheRef.Unknown;

                    case IFieldReferenceOperation field:
                        return new CacheRef(CacheKind.Member, null, field.Field.OriginalDefinition);

                    case IPropertyReferenceOperation { Property: { IsIndexer: false } } property:
                        return new CacheRef(CacheKind.Member, null, property.Property.OriginalDefinition);

                    case IInvocationOperation { TargetMethod: { Name: "GetService" or "GetRequiredService" } } get
                        when get.TargetMethod.TypeArguments.Length == 1 && SymbolEqualityComparer.Default.Equals(get.TargetMethod.TypeArguments[0], _symbols.IMemoryCache):
                        return CacheRef.Injected;

                    default:
                        return CacheRef.Unknown;
                }
            }

            /// <summary>A constructor parameter (DI constructs the class) or a minimal-API handler parameter.</summary>
            private static bool IsInjected(IParameterSymbol parameter, IOperation reference)
            {
                if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor })
                {
                    return true;
                }

                if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
                {
                    for (var parent = reference.Parent; parent != null; parent = parent.Parent)
                    {
                        if (parent is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                        {
                            var owner = lambda.Parent;
                            while (owner is IDelegateCreationOperation || owner is IConversionOperation)
                            {
                                owner = owner.Parent;
                            }

                            return owner is IArgumentOperation { Parent: IInvocationOperation call }
                                   && call.TargetMethod.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.AspNetCore", System.StringComparison.Ordinal) == true;
                        }
                    }
                }

                return false;
            }

            private CacheOrigin Creation(IObjectCreationOperation creation)
                => _creations.GetOrAdd(creation.Syntax, _ =>
                {
                    IOperation? options = null;
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.Parameter?.Ordinal == 0)
                        {
                            options = argument.Value;
                        }
                    }

                    var limit = options == null ? Knowledge.Unknown : CacheSettings.Of(options).SizeLimit;
                    var fixable = options != null && Operations.WithoutConversions(options) is IObjectCreationOperation optionsCreation
                                  && CacheSymbols.Is(optionsCreation.Type, _symbols.MemoryCacheOptions);
                    return new CacheOrigin("new MemoryCache(…)", creation.Syntax.GetLocation(), limit, fixable ? FixCreation : null);
                });

            private CacheOrigin Registration(IInvocationOperation invocation)
            {
                IOperation? configure = null;
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 1)
                    {
                        configure = argument.Value;
                    }
                }

                if (configure == null)
                {
                    return new CacheOrigin("AddMemoryCache()", invocation.Syntax.GetLocation(), Knowledge.No, FixRegistration);
                }

                if (Operations.WithoutConversions(configure) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } && lambda.Symbol.Parameters.Length == 1)
                {
                    var limit = CacheSettings.AppliedThrough(lambda.Body, lambda.Symbol.Parameters[0], CacheSettings.None).SizeLimit;
                    return new CacheOrigin("AddMemoryCache(…)", invocation.Syntax.GetLocation(), limit, FixRegistration);
                }

                return new CacheOrigin("AddMemoryCache(…)", invocation.Syntax.GetLocation(), Knowledge.Unknown, null);
            }
        }
    }
}
