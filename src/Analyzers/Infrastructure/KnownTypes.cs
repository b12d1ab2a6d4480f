using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Infrastructure
{
    /// <summary>
    /// Types by metadata name, as <see cref="Compilation.GetTypeByMetadataName"/> finds them, shared by every
    /// analyzer of the package and resolved once per set of referenced assemblies rather than once per
    /// compilation. An editor makes a new compilation on every keystroke; the framework types the rules need
    /// (HttpContext, Task, IMemoryCache …) come from the same assembly symbols each time, but finding one by
    /// name searches every referenced assembly again — about 3 % of the compiler's binding of a document per
    /// name, which summed over the package's names cost more than all its rules on that document.
    /// <para>
    /// Same answer as the compiler: a name also declared in source is asked of the compilation every time
    /// (source wins there); a name from references is reused only while the compilation's referenced assembly
    /// symbols are the very same objects and its options the same. Nothing is held strongly — the
    /// reference set, its options and each type are weak references, keyed by the core library's assembly
    /// symbol, a few reference sets per core library — so no compilation or assembly is kept alive.
    /// </para>
    /// </summary>
    internal sealed class KnownTypes
    {
        /// <summary>Reference sets remembered per core library (projects of one solution share it).</summary>
        private const int MaxReferenceSets = 8;

        /// <summary>Names one reference set remembers (the package asks for about 120).</summary>
        private const int MaxNames = 1024;

        private static readonly ConditionalWeakTable<Compilation, KnownTypes> ByCompilation = new ConditionalWeakTable<Compilation, KnownTypes>();
        private static readonly ConditionalWeakTable<IAssemblySymbol, ReferenceSets> ByCoreLibrary = new ConditionalWeakTable<IAssemblySymbol, ReferenceSets>();

        private readonly Compilation _compilation;
        private readonly ReferenceSet? _references;
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);

        private KnownTypes(Compilation compilation)
        {
            _compilation = compilation;
            var referenced = compilation.SourceModule.ReferencedAssemblySymbols;
            if (compilation.ObjectType.ContainingAssembly is IAssemblySymbol coreLibrary && referenced.Length > 0)
            {
                _references = ByCoreLibrary.GetValue(coreLibrary, _ => new ReferenceSets()).For(compilation.Options, referenced);
            }
        }

        /// <summary>The type named <paramref name="metadataName"/> in <paramref name="compilation"/>, or null (missing or ambiguous).</summary>
        public static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
            => ByCompilation.GetValue(compilation, c => new KnownTypes(c)).Get(metadataName);

        private INamedTypeSymbol? Get(string metadataName)
        {
            if (_types.TryGetValue(metadataName, out var known))
            {
                return known;
            }

            var type = _references == null || DeclaredInSource(metadataName)
                ? _compilation.GetTypeByMetadataName(metadataName)
                : _references.Get(metadataName, _compilation);
            return _types.GetOrAdd(metadataName, type);
        }

        /// <summary>Whether source declares a type of that name (then the compiler's own lookup decides; a lookup in one assembly is cheap).</summary>
        private bool DeclaredInSource(string metadataName) => _compilation.Assembly.GetTypeByMetadataName(metadataName) != null;

        /// <summary>The last few reference sets of one core library.</summary>
        private sealed class ReferenceSets
        {
            private readonly object _gate = new object();
            private ReferenceSet[] _sets = Array.Empty<ReferenceSet>();

            public ReferenceSet For(CompilationOptions options, ImmutableArray<IAssemblySymbol> referenced)
            {
                var sets = _sets;
                foreach (var set in sets)
                {
                    if (set.Matches(options, referenced))
                    {
                        return set;
                    }
                }

                var created = new ReferenceSet(options, referenced);
                lock (_gate)
                {
                    var current = _sets;
                    var next = new ReferenceSet[Math.Min(current.Length + 1, MaxReferenceSets)];
                    next[0] = created;
                    Array.Copy(current, 0, next, 1, next.Length - 1);
                    _sets = next;
                }

                return created;
            }
        }

        /// <summary>Types found among one set of referenced assemblies, under one set of compilation options.</summary>
        private sealed class ReferenceSet
        {
            private static readonly WeakReference<INamedTypeSymbol> NotFound = new WeakReference<INamedTypeSymbol>(null!);

            private readonly WeakReference<CompilationOptions> _options;
            private readonly WeakReference<IAssemblySymbol>[] _assemblies;
            private readonly ConcurrentDictionary<string, WeakReference<INamedTypeSymbol>> _types = new ConcurrentDictionary<string, WeakReference<INamedTypeSymbol>>(StringComparer.Ordinal);

            public ReferenceSet(CompilationOptions options, ImmutableArray<IAssemblySymbol> referenced)
            {
                _options = new WeakReference<CompilationOptions>(options);
                _assemblies = new WeakReference<IAssemblySymbol>[referenced.Length];
                for (var i = 0; i < referenced.Length; i++)
                {
                    _assemblies[i] = new WeakReference<IAssemblySymbol>(referenced[i]);
                }
            }

            public bool Matches(CompilationOptions options, ImmutableArray<IAssemblySymbol> referenced)
            {
                if (referenced.Length != _assemblies.Length || !_options.TryGetTarget(out var own) || !ReferenceEquals(own, options))
                {
                    return false;
                }

                for (var i = 0; i < referenced.Length; i++)
                {
                    if (!_assemblies[i].TryGetTarget(out var assembly) || !ReferenceEquals(assembly, referenced[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>The type from references (no source type has its name); asked of the compilation the first time.</summary>
            public INamedTypeSymbol? Get(string metadataName, Compilation compilation)
            {
                if (_types.TryGetValue(metadataName, out var known))
                {
                    if (ReferenceEquals(known, NotFound))
                    {
                        return null;
                    }

                    if (known.TryGetTarget(out var alive))
                    {
                        return alive;
                    }
                }

                var type = compilation.GetTypeByMetadataName(metadataName);
                if (_types.Count < MaxNames)
                {
                    _types[metadataName] = type == null ? NotFound : new WeakReference<INamedTypeSymbol>(type);
                }

                return type;
            }
        }
    }
}
