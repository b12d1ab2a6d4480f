using HerokuAnalyzers.Infrastructure;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Memory
{
    /// <summary>How a known collection type grows and how its entries are told apart.</summary>
    internal sealed class CollectionShape
    {
        public CollectionShape(bool isKeyed, bool indexerAdds, bool isInterface)
        {
            IsKeyed = isKeyed;
            IndexerAdds = indexerAdds;
            IsInterface = isInterface;
        }

        /// <summary>A dictionary or a set: adding an existing key does not grow it.</summary>
        public bool IsKeyed { get; }

        /// <summary><c>map[key] = value</c> adds a new key (dictionaries), rather than replacing an element (lists).</summary>
        public bool IndexerAdds { get; }

        /// <summary>An interface: what it holds is only known from the instances code creates for it.</summary>
        public bool IsInterface { get; }
    }

    /// <summary>The mutable collection types and the DI registration APIs HK2001 reads, resolved once per compilation.</summary>
    internal sealed class CollectionSymbols
    {
        private readonly Dictionary<INamedTypeSymbol, CollectionShape> _shapes;

        private CollectionSymbols(Compilation compilation, INamedTypeSymbol serviceCollection)
        {
            ServiceCollection = serviceCollection;
            _shapes = new Dictionary<INamedTypeSymbol, CollectionShape>(SymbolEqualityComparer.Default);
            var list = new CollectionShape(isKeyed: false, indexerAdds: false, isInterface: false);
            var dictionary = new CollectionShape(isKeyed: true, indexerAdds: true, isInterface: false);
            var set = new CollectionShape(isKeyed: true, indexerAdds: false, isInterface: false);
            Add(compilation, "System.Collections.Generic.List`1", list);
            Add(compilation, "System.Collections.Generic.Queue`1", list);
            Add(compilation, "System.Collections.Generic.Stack`1", list);
            Add(compilation, "System.Collections.Generic.LinkedList`1", list);
            Add(compilation, "System.Collections.Generic.Dictionary`2", dictionary);
            Add(compilation, "System.Collections.Generic.SortedDictionary`2", dictionary);
            Add(compilation, "System.Collections.Generic.SortedList`2", dictionary);
            Add(compilation, "System.Collections.Generic.HashSet`1", set);
            Add(compilation, "System.Collections.Generic.SortedSet`1", set);
            Add(compilation, "System.Collections.Concurrent.ConcurrentDictionary`2", dictionary);
            Add(compilation, "System.Collections.Concurrent.ConcurrentQueue`1", list);
            Add(compilation, "System.Collections.Concurrent.ConcurrentStack`1", list);
            Add(compilation, "System.Collections.Concurrent.ConcurrentBag`1", list);
            Add(compilation, "System.Collections.Concurrent.BlockingCollection`1", list);
            Add(compilation, "System.Collections.ArrayList", list);
            Add(compilation, "System.Collections.Hashtable", dictionary);
            Add(compilation, "System.Collections.Generic.IList`1", new CollectionShape(isKeyed: false, indexerAdds: false, isInterface: true));
            Add(compilation, "System.Collections.Generic.ICollection`1", new CollectionShape(isKeyed: false, indexerAdds: false, isInterface: true));
            Add(compilation, "System.Collections.Generic.IDictionary`2", new CollectionShape(isKeyed: true, indexerAdds: true, isInterface: true));
            Add(compilation, "System.Collections.Generic.ISet`1", new CollectionShape(isKeyed: true, indexerAdds: false, isInterface: true));

            var mutableViews = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in new[] { "System.Collections.IList", "System.Collections.IDictionary", "System.Collections.Concurrent.IProducerConsumerCollection`1" })
            {
                if (KnownTypes.Get(compilation, name) is INamedTypeSymbol type)
                {
                    mutableViews.Add(type);
                }
            }

            MutableViews = mutableViews.ToImmutable();

            var boundedKeys = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in new[] { "System.Type", "System.Reflection.MemberInfo", "System.Reflection.ParameterInfo", "System.Reflection.Assembly", "System.Reflection.Module" })
            {
                if (KnownTypes.Get(compilation, name) is INamedTypeSymbol type)
                {
                    boundedKeys.Add(type);
                }
            }

            BoundedKeyTypes = boundedKeys.ToImmutable();
            ThreadStaticAttribute = KnownTypes.Get(compilation, "System.ThreadStaticAttribute");
        }

        public INamedTypeSymbol ServiceCollection { get; }

        public INamedTypeSymbol? ThreadStaticAttribute { get; }

        /// <summary>Non-generic and producer/consumer interfaces through which a callee could remove entries.</summary>
        public ImmutableHashSet<INamedTypeSymbol> MutableViews { get; }

        /// <summary>Key types with a finite set of values in a process (types, members, assemblies): a map keyed by them stops growing.</summary>
        public ImmutableHashSet<INamedTypeSymbol> BoundedKeyTypes { get; }

        /// <summary>Null when the compilation has no dependency injection: not an app HK2001 knows how to read.</summary>
        public static CollectionSymbols? TryCreate(Compilation compilation)
        {
            var serviceCollection = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.IServiceCollection");
            return serviceCollection == null ? null : new CollectionSymbols(compilation, serviceCollection);
        }

        public CollectionShape? ShapeOf(ITypeSymbol? type)
            => type is INamedTypeSymbol named && _shapes.TryGetValue(named.OriginalDefinition, out var shape) ? shape : null;

        /// <summary>Whether code holding a value of this type could remove entries from the collection.</summary>
        public bool IsMutableView(ITypeSymbol? type)
        {
            if (!(type is INamedTypeSymbol named))
            {
                return false;
            }

            if (ShapeOf(named) != null || MutableViews.Contains(named.OriginalDefinition))
            {
                return true;
            }

            foreach (var @interface in named.AllInterfaces)
            {
                if (ShapeOf(@interface) != null || MutableViews.Contains(@interface.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Keys drawn from a finite set: enums, bool, byte, and reflection objects.</summary>
        public bool IsBoundedKey(ITypeSymbol key)
        {
            switch (key.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                    return true;
            }

            if (key.TypeKind == TypeKind.Enum)
            {
                return true;
            }

            for (var type = key as INamedTypeSymbol; type != null; type = type.BaseType)
            {
                if (BoundedKeyTypes.Contains(type))
                {
                    return true;
                }
            }

            return false;
        }

        private void Add(Compilation compilation, string metadataName, CollectionShape shape)
        {
            if (KnownTypes.Get(compilation, metadataName) is INamedTypeSymbol type)
            {
                _shapes[type] = shape;
            }
        }
    }
}
