using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// Reads and writes that awaiting cannot improve: on an in-memory stream or reader/writer (MemoryStream,
    /// StringReader/StringWriter, Stream.Null, a StreamReader/StreamWriter/BinaryReader/BinaryWriter made over one), and on
    /// the console's writers (synchronized: their async methods run synchronously). Sees through locals the
    /// body assigns once (<c>using var ms = new MemoryStream(); using var reader = new StreamReader(ms);</c>).
    /// </summary>
    internal static class InMemoryIo
    {
        private const int MaxDepth = 8;

        /// <summary>
        /// The call works only on memory or the console: its receiver is such a stream, reader or writer and so
        /// is every stream, reader or writer it is given (<c>ms.CopyTo(Response.Body)</c> still writes to the
        /// client); or, for a static method such as <c>JsonSerializer.Serialize(ms, …)</c>, every one it is given.
        /// </summary>
        public static bool IsInMemoryCall(IInvocationOperation invocation, RequestPathSymbols symbols)
        {
            var method = invocation.TargetMethod;
            var sawIoArgument = false;
            if (invocation.Instance != null && !method.IsExtensionMethod)
            {
                if (!IsInMemory(invocation.Instance, symbols, 0))
                {
                    return false;
                }

                sawIoArgument = true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter == null || !IsIoType(argument.Parameter.Type))
                {
                    continue;
                }

                if (!IsInMemory(argument.Value, symbols, 0))
                {
                    return false;
                }

                sawIoArgument = true;
            }

            return sawIoArgument;
        }

        private static bool IsIoType(ITypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.ContainingNamespace?.ToDisplayString() == "System.IO"
                    && (current.Name == "Stream" || current.Name == "TextReader" || current.Name == "TextWriter" || current.Name == "BinaryReader" || current.Name == "BinaryWriter"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInMemory(IOperation value, RequestPathSymbols symbols, int depth)
        {
            value = Operations.WithoutConversions(value);
            if (depth > MaxDepth)
            {
                return false;
            }

            if (IsInMemoryType(value.Type, symbols))
            {
                return true;
            }

            switch (value)
            {
                case IPropertyReferenceOperation { Property: { IsStatic: true } property }:
                    return IsConsole(property.ContainingType) && (property.Name == "Out" || property.Name == "Error" || property.Name == "In");

                case IFieldReferenceOperation { Field: { IsStatic: true, Name: "Null" } field }:
                    // Stream.Null, TextWriter.Null, StreamReader.Null: sinks that do no I/O.
                    return field.ContainingType?.ContainingNamespace?.ToDisplayString() == "System.IO";

                case IInvocationOperation { TargetMethod: { IsStatic: true } method }:
                    return IsConsole(method.ContainingType) && method.Name.StartsWith("OpenStandard", System.StringComparison.Ordinal);

                case IObjectCreationOperation creation:
                    // new StreamReader(ms), new StreamWriter(new MemoryStream()), new BinaryReader(ms, encoding) …
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.Parameter != null && IsIoType(argument.Parameter.Type))
                        {
                            return IsInMemory(argument.Value, symbols, depth + 1);
                        }
                    }

                    return false;

                case ILocalReferenceOperation local:
                    return Operations.SingleInitializer(local) is IOperation initializer && IsInMemory(initializer, symbols, depth + 1);

                default:
                    return false;
            }
        }

        private static bool IsInMemoryType(ITypeSymbol? type, RequestPathSymbols symbols)
        {
            if (type == null)
            {
                return false;
            }

            if (RequestHandlers.DerivesFrom(type, symbols.MemoryStream))
            {
                return true;
            }

            return (type.Name == "StringReader" || type.Name == "StringWriter") && type.ContainingNamespace?.ToDisplayString() == "System.IO";
        }

        private static bool IsConsole(INamedTypeSymbol? type)
            => type != null && type.Name == "Console" && type.ContainingNamespace?.ToDisplayString() == "System";
    }
}
