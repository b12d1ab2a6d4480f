using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.CodeFixes
{
    /// <summary>
    /// Writes a type's name the way the code at a position can use it: short where a using directive
    /// (or a global using) brings it into scope, fully qualified otherwise.
    /// </summary>
    internal readonly struct TypeNames
    {
        private readonly SemanticModel _model;
        private readonly int _position;

        public TypeNames(SemanticModel model, int position)
        {
            _model = model;
            _position = position;
        }

        public string Get(string @namespace, string name)
        {
            foreach (var symbol in _model.LookupNamespacesAndTypes(_position, name: name))
            {
                if (symbol is INamedTypeSymbol type && type.ContainingNamespace?.ToDisplayString() == @namespace)
                {
                    return name;
                }
            }

            return @namespace + "." + name;
        }
    }
}
