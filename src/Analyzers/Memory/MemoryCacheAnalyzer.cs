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
    /// and judged against that cache's SizeLimit where the entry is written. Every finding is reported
    /// from the operation it sits on, so it shows in the open file as it does in the build.
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

                var state = new CompilationState(symbols, start.Compilation);
                start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(state.AnalyzeObjectCreation, OperationKind.ObjectCreation);
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

        /// <summary>What the whole app says about the DI cache: its registrations and whether anything else configures or names it.</summary>
        private sealed class DiCache
        {
            public DiCache(List<CacheOrigin> registrations, bool configuredElsewhere, bool named)
            {
                Registrations = registrations;
                ConfiguredElsewhere = configuredElsewhere;
                Named = named;
            }

            public List<CacheOrigin> Registrations { get; }

            public bool ConfiguredElsewhere { get; }

            /// <summary>The app's code names IMemoryCache outside using directives (it injects or resolves the cache).</summary>
            public bool Named { get; }
        }

        private sealed class TracedSite
        {
            public TracedSite(CacheEntrySite site, CacheOrigin? origin, bool injected)
            {
                Site = site;
                Origin = origin;
                Injected = injected;
            }

            public CacheEntrySite Site { get; }

            public CacheOrigin? Origin { get; }

            public bool Injected { get; }
        }

        /// <summary>
        /// One compilation. Each finding is reported from the operation it sits on (the entry call, the
        /// creation, the registration), so the editor reports it for the open file; what lies in other
        /// files (registrations, member assignments, the app's other entries) is bound on demand through
        /// <see cref="SourceIndex"/> and kept for the compilation.
        /// </summary>
        private sealed class CompilationState
        {
            private readonly CacheSymbols _symbols;
            private readonly SourceIndex _index;
            private readonly ConcurrentDictionary<SyntaxNode, CacheOrigin> _creations = new ConcurrentDictionary<SyntaxNode, CacheOrigin>();
            private readonly ConcurrentDictionary<ISymbol, ImmutableArray<CacheRef>> _memberSources = new ConcurrentDictionary<ISymbol, ImmutableArray<CacheRef>>(SymbolEqualityComparer.Default);
            private readonly System.Lazy<DiCache> _diCache;
            private readonly System.Lazy<List<TracedSite>> _allSites;

            public CompilationState(CacheSymbols symbols, Compilation compilation)
            {
                _symbols = symbols;
                _index = new SourceIndex(compilation);
                _diCache = new System.Lazy<DiCache>(FindDiCache);
                _allSites = new System.Lazy<List<TracedSite>>(FindAllSites);
            }

            public void AnalyzeObjectCreation(OperationAnalysisContext context)
            {
                var creation = (IObjectCreationOperation)context.Operation;
                if (!CacheSymbols.Is(creation.Type, _symbols.MemoryCache))
                {
                    return;
                }

                var origin = Creation(creation);
                if (origin.SizeLimit == Knowledge.No)
                {
                    var sites = _allSites.Value;
                    var own = sites.Where(s => !s.Injected && s.Origin == origin).Select(s => s.Site);
                    ReportUnbounded(context, origin, own, fixable: !sites.Any(s => s.Origin == null && !s.Injected));
                }
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;
                if (method.Name == "AddMemoryCache" && CacheSymbols.Is(method.ContainingType, _symbols.RegistrationExtensions))
                {
                    var di = _diCache.Value;
                    if (di.Named && InjectedLimit(di) == Knowledge.No)
                    {
                        var sites = _allSites.Value;
                        var own = sites.Where(s => s.Injected).Select(s => s.Site).ToList();
                        var anyUntraced = sites.Any(s => s.Origin == null && !s.Injected);
                        ReportUnbounded(context, Registration(invocation), own, fixable: !anyUntraced && di.Registrations.Count == 1);
                    }

                    return;
                }

                if (IsOptionsCall(method) || !(CacheEntrySite.TryCreate(invocation, _symbols) is CacheEntrySite site))
                {
                    return;
                }

                var options = HerokuOptions.For(context.Options, invocation.Syntax.SyntaxTree);
                var minutes = options.GetInt32(ExpirationMinutesOption, DefaultExpirationMinutes);
                minutes = minutes > 0 ? minutes : DefaultExpirationMinutes;
                var origin = Final(Resolve(site.Receiver, 0), new HashSet<ISymbol>(SymbolEqualityComparer.Default), out var injected);
                Knowledge limit;
                CacheOrigin? limitSource;
                if (injected)
                {
                    var di = _diCache.Value;
                    limit = InjectedLimit(di);
                    limitSource = di.Registrations.FirstOrDefault(r => r.SizeLimit != Knowledge.No);
                }
                else
                {
                    limit = origin?.SizeLimit ?? Knowledge.Unknown;
                    limitSource = origin;
                }

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

            private bool IsOptionsCall(IMethodSymbol method) => method.TypeArguments.Any(t => CacheSymbols.Is(t, _symbols.MemoryCacheOptions));

            private DiCache FindDiCache()
            {
                var registrations = new List<CacheOrigin>();
                var configuredElsewhere = false;
                var named = false;
                foreach (var tree in _index.Compilation.SyntaxTrees)
                {
                    var candidates = TreeCandidates.For(tree);
                    foreach (var call in candidates.CacheRegistrations)
                    {
                        if (_index.Operation(call) is IInvocationOperation invocation && invocation.TargetMethod.Name == "AddMemoryCache"
                            && CacheSymbols.Is(invocation.TargetMethod.ContainingType, _symbols.RegistrationExtensions))
                        {
                            registrations.Add(Registration(invocation));
                        }
                    }

                    // Configure<MemoryCacheOptions>, AddOptions<MemoryCacheOptions>().Bind(…): the DI cache's limit is set where we cannot read it.
                    configuredElsewhere |= candidates.CacheOptionsCalls.Any(call => _index.Operation(call) is IInvocationOperation invocation && IsOptionsCall(invocation.TargetMethod));

                    // An IConfigureOptions<MemoryCacheOptions> of the app's own.
                    configuredElsewhere |= candidates.OptionsTypes.Any(type => _index.Model(tree).GetDeclaredSymbol(type) is INamedTypeSymbol symbol
                                                                               && symbol.AllInterfaces.Any(i => i.TypeArguments.Any(t => CacheSymbols.Is(t, _symbols.MemoryCacheOptions))));

                    named |= candidates.CacheNames.Any(name => !name.Ancestors().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.UsingDirectiveSyntax>().Any()
                                                               && SymbolEqualityComparer.Default.Equals(_index.Model(tree).GetSymbolInfo(name).Symbol, _symbols.IMemoryCache));
                }

                return new DiCache(registrations, configuredElsewhere, named);
            }

            /// <summary>Every entry call of the app and the cache it goes into: the entries an HK2002 fix must size.</summary>
            private List<TracedSite> FindAllSites()
            {
                var sites = new List<TracedSite>();
                foreach (var tree in _index.Compilation.SyntaxTrees)
                {
                    foreach (var call in TreeCandidates.For(tree).Entries)
                    {
                        if (_index.Operation(call) is IInvocationOperation invocation && !IsOptionsCall(invocation.TargetMethod)
                            && CacheEntrySite.TryCreate(invocation, _symbols) is CacheEntrySite site)
                        {
                            var origin = Final(Resolve(site.Receiver, 0), new HashSet<ISymbol>(SymbolEqualityComparer.Default), out var injected);
                            sites.Add(new TracedSite(site, origin, injected));
                        }
                    }
                }

                return sites;
            }

            private static void ReportUnbounded(OperationAnalysisContext context, CacheOrigin origin, IEnumerable<CacheEntrySite> entries, bool fixable)
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
            private static Knowledge InjectedLimit(DiCache di)
            {
                if (di.Registrations.Count == 0 || di.ConfiguredElsewhere)
                {
                    return Knowledge.Unknown;
                }

                return di.Registrations.Aggregate(Knowledge.No, (limit, registration) => OperationFacts.Merge(limit, registration.SizeLimit));
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
                    case CacheKind.Member when cache.Member != null && visiting.Add(cache.Member):
                        var sources = Sources(cache.Member);
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

            /// <summary>Every value code stores into a cache-typed field or property: its initializer and its assignments.</summary>
            private ImmutableArray<CacheRef> Sources(ISymbol member)
                => _memberSources.GetOrAdd(member, m =>
                {
                    var type = m is IFieldSymbol field ? field.Type : (m as IPropertySymbol)?.Type;
                    if (!_symbols.IsCache(type))
                    {
                        return ImmutableArray<CacheRef>.Empty;
                    }

                    var sources = ImmutableArray.CreateBuilder<CacheRef>();
                    foreach (var reference in m.DeclaringSyntaxReferences)
                    {
                        var initializer = reference.GetSyntax() switch
                        {
                            Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator => declarator.Initializer,
                            Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer,
                            _ => null,
                        };
                        if (initializer != null && _index.Operation(initializer) is ISymbolInitializerOperation initialized)
                        {
                            sources.Add(Resolve(initialized.Value, 0));
                        }
                    }

                    foreach (var name in SourceIndex.Names(_index.Scope(m), m.Name))
                    {
                        if (name.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax assignment && assignment.Left == name
                            && assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression)
                            && _index.Operation(assignment) is ISimpleAssignmentOperation simple)
                        {
                            var target = simple.Target switch
                            {
                                IFieldReferenceOperation f => f.Field,
                                IPropertyReferenceOperation { Property: { IsIndexer: false } } p => (ISymbol)p.Property,
                                _ => null,
                            };
                            if (SymbolEqualityComparer.Default.Equals(target?.OriginalDefinition, m))
                            {
                                sources.Add(Resolve(simple.Value, 0));
                            }
                        }
                    }

                    return sources.ToImmutable();
                });

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
