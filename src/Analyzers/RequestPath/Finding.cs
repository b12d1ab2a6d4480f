using System.Collections.Immutable;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// Something a rule would report if its method is on the request path. Findings are collected while a
    /// method body is analyzed and reported from the same action once the body is known to be a handler
    /// or reached from one (<see cref="CallGraph"/>).
    /// </summary>
    internal sealed class Finding
    {
        public Finding(DiagnosticDescriptor descriptor, Location location, string what, ImmutableDictionary<string, string?> properties, params string[] extra)
        {
            Descriptor = descriptor;
            Location = location;
            What = what;
            Properties = properties;
            Extra = extra;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public Location Location { get; }

        /// <summary>Message argument {0}: the call as written, e.g. "task.Result".</summary>
        public string What { get; }

        public ImmutableDictionary<string, string?> Properties { get; }

        /// <summary>Message arguments from {2} on.</summary>
        public string[] Extra { get; }

        /// <summary>The same finding with no code fix offered (where an await cannot go, e.g. a field initializer).</summary>
        public Finding WithoutFix()
            => new Finding(Descriptor, Location, What, Properties.Remove(Descriptors.FixKindProperty).Remove(RequestPathAnalyzer.InHandlerProperty), Extra);

        /// <param name="reachedFrom">The handler that reaches this code, or null when the code is a handler itself.</param>
        public Diagnostic ToDiagnostic(string? reachedFrom)
        {
            var arguments = new object[2 + Extra.Length];
            arguments[0] = What;
            arguments[1] = reachedFrom == null ? "" : " (reached from " + reachedFrom + ")";
            Extra.CopyTo(arguments, 2);
            var properties = reachedFrom == null ? Properties : Properties.Remove(RequestPathAnalyzer.InHandlerProperty);
            return Diagnostic.Create(Descriptor, Location, properties, arguments);
        }
    }
}
