using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Memory
{
    /// <summary>
    /// HK2001: a collection that lives as long as the process (a static field, or a field of a DI
    /// singleton or hosted service) that code adds to after construction and nothing ever shrinks
    /// (docs/heroku-facts.md#dyno-memory: R14 above the quota, R15 restart). Reported from the field's own symbol action, so the editor
    /// shows it in the file that declares the field: the field's uses are bound on demand (inside its
    /// type when it is private, else wherever its name occurs), and singleton registrations are bound
    /// once per compilation.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GrowingCollectionAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxNamedSites = 3;

        private static readonly SymbolDisplayFormat MemberFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.HK2001_GrowingCollection);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = CollectionSymbols.TryCreate(start.Compilation);
                if (symbols == null)
                {
                    return;
                }

                var state = new CompilationState(symbols, start.Compilation);
                start.RegisterSymbolAction(state.AnalyzeField, SymbolKind.Field);
            });
        }

        private enum Use
        {
            Read,
            Grow,
            Shrink,
            Escape,
            Assign,
        }

        private sealed class GrowthSite
        {
            public GrowthSite(ISymbol member, Location location)
            {
                Member = member;
                Location = location;
            }

            /// <summary>The method (or field initializer) whose code grows the collection.</summary>
            public ISymbol Member { get; }

            public Location Location { get; }
        }

        /// <summary>What the code does with one candidate field.</summary>
        private sealed class FieldUsage
        {
            public FieldUsage(CollectionShape shape) => Shape = shape;

            public CollectionShape Shape { get; }

            public List<GrowthSite> Growths { get; } = new List<GrowthSite>();

            public bool Shrinks { get; set; }

            public bool Escapes { get; set; }

            /// <summary>For interface-typed fields: a known collection was created for it, and nothing else.</summary>
            public bool CreatesKnown { get; set; }

            public bool CreatesOther { get; set; }
        }

        /// <summary>The calls of one private method: who calls it, and whether it is also used as a delegate.</summary>
        private sealed class Callers
        {
            public List<(ISymbol Caller, bool InLambda)> Sites { get; } = new List<(ISymbol, bool)>();

            public bool UsedAsDelegate { get; set; }
        }

        private sealed class CompilationState
        {
            private readonly CollectionSymbols _symbols;
            private readonly SourceIndex _index;
            private readonly System.Lazy<HashSet<INamedTypeSymbol>> _lifetimeTypes;
            private readonly ConcurrentDictionary<IMethodSymbol, Callers> _callers = new ConcurrentDictionary<IMethodSymbol, Callers>(SymbolEqualityComparer.Default);

            public CompilationState(CollectionSymbols symbols, Compilation compilation)
            {
                _symbols = symbols;
                _index = new SourceIndex(compilation);
                _lifetimeTypes = new System.Lazy<HashSet<INamedTypeSymbol>>(FindLifetimeTypes);
            }

            public void AnalyzeField(SymbolAnalysisContext context)
            {
                var field = ((IFieldSymbol)context.Symbol).OriginalDefinition;
                if (!IsCandidate(field, out var shape) || field.Locations.Length == 0
                    || (!field.IsStatic && !_lifetimeTypes.Value.Contains(field.ContainingType.OriginalDefinition)))
                {
                    return;
                }

                var usage = new FieldUsage(shape!);
                foreach (var reference in field.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(context.CancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { } initializer }
                        && _index.Operation(initializer) is IFieldInitializerOperation initialized)
                    {
                        RecordCreation(usage, initialized.Value);
                    }
                }

                foreach (var name in SourceIndex.Names(_index.Scope(field), field.Name))
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    if (_index.Operation(name) is IFieldReferenceOperation fieldReference
                        && SymbolEqualityComparer.Default.Equals(fieldReference.Field.OriginalDefinition, field)
                        && _index.Member(name) is ISymbol member)
                    {
                        Record(usage, fieldReference, member, field);
                    }
                }

                if (usage.Shrinks || usage.Escapes || (usage.Shape.IsInterface && (!usage.CreatesKnown || usage.CreatesOther)))
                {
                    return;
                }

                var growths = usage.Growths
                    .Where(site => !IsInitializationHelper(site.Member, field, new HashSet<ISymbol>(SymbolEqualityComparer.Default)))
                    .OrderBy(site => site.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
                    .ThenBy(site => site.Location.SourceSpan.Start)
                    .ToList();
                if (growths.Count == 0)
                {
                    return;
                }

                var members = growths.Select(site => Describe(site.Member)).Distinct().ToList();
                var where = string.Join(", ", members.Take(MaxNamedSites)) + (members.Count > MaxNamedSites ? " and " + (members.Count - MaxNamedSites) + " more" : "");
                var what = field.IsStatic
                    ? "Static field '" + field.Name + "'"
                    : "Field '" + field.Name + "' of singleton '" + field.ContainingType.Name + "'";
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK2001_GrowingCollection,
                    field.Locations[0],
                    growths.Select(site => site.Location),
                    what,
                    where));
            }

            private void Record(FieldUsage usage, IFieldReferenceOperation reference, ISymbol member, IFieldSymbol field)
            {
                var use = Classify(reference, usage.Shape, out var related);
                switch (use)
                {
                    case Use.Grow:
                        if (!IsInitialization(reference, member, field) && !IsSizeGuarded(reference, field))
                        {
                            usage.Growths.Add(new GrowthSite(member, related!.Syntax.GetLocation()));
                        }

                        break;
                    case Use.Shrink:
                        usage.Shrinks = true;
                        break;
                    case Use.Escape:
                        usage.Escapes = true;
                        break;
                    case Use.Assign:
                        if (IsInitialization(reference, member, field))
                        {
                            RecordCreation(usage, related!);
                        }
                        else
                        {
                            // Replacing the instance drops every entry: a reset is an eviction path.
                            usage.Shrinks = true;
                        }

                        break;
                }
            }

            /// <summary>The classes DI keeps for the host's lifetime, with their base classes.</summary>
            private HashSet<INamedTypeSymbol> FindLifetimeTypes()
            {
                var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
                foreach (var tree in _index.Compilation.SyntaxTrees)
                {
                    foreach (var call in TreeCandidates.For(tree).Singletons)
                    {
                        if (_index.Operation(call) is IInvocationOperation invocation
                            && SingletonRegistration.ImplementationType(invocation, _symbols.ServiceCollection) is INamedTypeSymbol singleton)
                        {
                            for (var type = singleton; type != null; type = type.BaseType?.OriginalDefinition)
                            {
                                types.Add(type);
                            }
                        }
                    }
                }

                return types;
            }

            /// <summary>Who calls a private method (all in its own type), and whether it is used as a delegate.</summary>
            private Callers CallersOf(IMethodSymbol method)
                => _callers.GetOrAdd(method, m =>
                {
                    var callers = new Callers();
                    foreach (var name in SourceIndex.Names(_index.Scope(m), m.Name))
                    {
                        if (name.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call && call.Expression == name)
                        {
                            if (_index.Operation(call) is IInvocationOperation invocation
                                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, m)
                                && _index.Member(call) is ISymbol caller)
                            {
                                callers.Sites.Add((caller, IsInLambda(invocation)));
                            }
                        }
                        else if (_index.Operation(name) is IMethodReferenceOperation reference
                                 && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, m))
                        {
                            callers.UsedAsDelegate = true;
                        }
                    }

                    return callers;
                });

            private bool IsCandidate(IFieldSymbol field, out CollectionShape? shape)
            {
                shape = null;
                if (field.IsConst || !field.Locations.Any(l => l.IsInSource) || field.ContainingType == null)
                {
                    return false;
                }

                shape = _symbols.ShapeOf(field.Type);
                if (shape == null || HasBoundedKeys(field.Type, shape))
                {
                    return false;
                }

                foreach (var attribute in field.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.ThreadStaticAttribute))
                    {
                        return false;
                    }
                }

                return true;
            }

            private bool HasBoundedKeys(ITypeSymbol type, CollectionShape shape)
                => shape.IsKeyed && type is INamedTypeSymbol { TypeArguments: { Length: > 0 } arguments } && _symbols.IsBoundedKey(arguments[0]);

            private void RecordCreation(FieldUsage usage, IOperation value)
            {
                var created = Operations.WithoutConversions(value);
                var known = created is IObjectCreationOperation creation && _symbols.ShapeOf(creation.Type) is CollectionShape { IsInterface: false } shape
                            && !HasBoundedKeys(creation.Type!, shape);
                if (known)
                {
                    usage.CreatesKnown = true;
                }
                else
                {
                    usage.CreatesOther = true;
                }
            }

            /// <param name="related">For <see cref="Use.Assign"/> the value assigned; for <see cref="Use.Grow"/> the operation that adds.</param>
            private Use Classify(IFieldReferenceOperation reference, CollectionShape shape, out IOperation? related)
            {
                related = null;
                IOperation used = reference;
                while (used.Parent is IConversionOperation conversion)
                {
                    used = conversion;
                }

                switch (used.Parent)
                {
                    case ISimpleAssignmentOperation assignment when assignment.Target == used:
                        related = assignment.Value;
                        return Use.Assign;

                    case ICoalesceAssignmentOperation lazy when lazy.Target == used:
                        related = lazy.Value;
                        return Use.Assign;

                    case IInvocationOperation call when call.Instance == used:
                        related = call;
                        return ClassifyCall(call.TargetMethod.Name);

                    case IPropertyReferenceOperation { Property: { IsIndexer: true } } indexer when indexer.Instance == used:
                        related = indexer.Parent;
                        return shape.IndexerAdds && indexer.Parent is ISimpleAssignmentOperation set && set.Target == indexer ? Use.Grow : Use.Read;

                    case IArgumentOperation argument:
                        if (argument.Parameter == null || argument.Parameter.RefKind != RefKind.None)
                        {
                            return Use.Escape;
                        }

                        if (argument.Parent is IInvocationOperation extension && extension.TargetMethod.IsExtensionMethod
                            && argument.Parameter.Ordinal == 0 && ClassifyCall(extension.TargetMethod.Name) is Use known && known != Use.Read)
                        {
                            related = extension;
                            return known;
                        }

                        return _symbols.IsMutableView(argument.Parameter.Type) ? Use.Escape : Use.Read;

                    case IMemberReferenceOperation _:
                    case IForEachLoopOperation _:
                    case ILockOperation _:
                    case IBinaryOperation _:
                    case IIsPatternOperation _:
                    case IIsTypeOperation _:
                    case INameOfOperation _:
                        return Use.Read;

                    default:
                        // Stored, returned or captured somewhere a caller could clear it.
                        return _symbols.IsMutableView(used.Type) ? Use.Escape : Use.Read;
                }
            }

            private static Use ClassifyCall(string name)
            {
                switch (name)
                {
                    case "Add":
                    case "TryAdd":
                    case "GetOrAdd":
                    case "AddOrUpdate":
                    case "AddRange":
                    case "Insert":
                    case "InsertRange":
                    case "Enqueue":
                    case "Push":
                    case "PushRange":
                    case "AddFirst":
                    case "AddLast":
                    case "AddBefore":
                    case "AddAfter":
                    case "UnionWith":
                        return Use.Grow;

                    case "Remove":
                    case "TryRemove":
                    case "RemoveAt":
                    case "RemoveAll":
                    case "RemoveRange":
                    case "RemoveWhere":
                    case "RemoveFirst":
                    case "RemoveLast":
                    case "Clear":
                    case "Dequeue":
                    case "TryDequeue":
                    case "Pop":
                    case "TryPop":
                    case "PopRange":
                    case "TryPopRange":
                    case "Take":
                    case "TryTake":
                    case "ExceptWith":
                    case "IntersectWith":
                    case "SymmetricExceptWith":
                        return Use.Shrink;

                    default:
                        return Use.Read;
                }
            }

            /// <summary>
            /// Code that runs once per lifetime of the field: its initializer, a constructor of the same
            /// kind (static for static fields), or the entry point — but not a lambda created there.
            /// </summary>
            private static bool IsInitialization(IOperation operation, ISymbol member, IFieldSymbol field)
                => !IsInLambda(operation) && IsInitializer(member, field);

            private static bool IsInitializer(ISymbol member, IFieldSymbol field)
            {
                if (member is IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary } entry && (entry.Name == "Main" || entry.Name == "<Main>$"))
                {
                    return true;
                }

                if (!SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, field.ContainingType.OriginalDefinition) || member.IsStatic != field.IsStatic)
                {
                    return false;
                }

                return member is IFieldSymbol || member is IPropertySymbol
                       || member is IMethodSymbol { MethodKind: MethodKind.Constructor } || member is IMethodSymbol { MethodKind: MethodKind.StaticConstructor };
            }

            /// <summary>A private method whose every call comes from initialization (directly or through other such helpers).</summary>
            private bool IsInitializationHelper(ISymbol member, IFieldSymbol field, HashSet<ISymbol> visiting)
            {
                if (!(member is IMethodSymbol method) || !IsHelperCandidate(method.OriginalDefinition) || !visiting.Add(method))
                {
                    return false;
                }

                var callers = CallersOf(method.OriginalDefinition);
                if (callers.UsedAsDelegate || callers.Sites.Count == 0)
                {
                    return false;
                }

                foreach (var (caller, inLambda) in callers.Sites)
                {
                    if (inLambda || !(IsInitializer(caller, field) || IsInitializationHelper(caller, field, visiting)))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsHelperCandidate(IMethodSymbol method)
                => method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility == Accessibility.Private && method.Locations.Any(l => l.IsInSource);

            /// <summary>A method that compares the collection's Count before adding keeps it bounded.</summary>
            private static bool IsSizeGuarded(IOperation operation, IFieldSymbol field)
            {
                foreach (var descendant in Operations.Root(operation).Descendants())
                {
                    IOperation? counted = descendant switch
                    {
                        IPropertyReferenceOperation { Property: { Name: "Count" } } count => count.Instance,
                        IPropertyReferenceOperation { Property: { Name: "LongCount" } } count => count.Instance,
                        IInvocationOperation { TargetMethod: { Name: "Count" or "LongCount", IsExtensionMethod: true } } call when call.Arguments.Length == 1 => call.Arguments[0].Value,
                        _ => null,
                    };
                    if (counted != null && Operations.WithoutConversions(counted) is IFieldReferenceOperation counter
                        && SymbolEqualityComparer.Default.Equals(counter.Field.OriginalDefinition, field)
                        && IsCompared(descendant))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsCompared(IOperation count)
            {
                var parent = count.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                return parent is IBinaryOperation binary
                       && binary.OperatorKind is BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
                           or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                           or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals;
            }

            private static bool IsInLambda(IOperation operation)
            {
                for (var parent = operation.Parent; parent != null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static string Describe(ISymbol member)
                => member is IMethodSymbol { Name: "<Main>$" } ? "top-level statements" : member.ToDisplayString(MemberFormat);
        }
    }
}
