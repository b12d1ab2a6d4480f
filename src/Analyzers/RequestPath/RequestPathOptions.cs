using System;
using System.Collections.Generic;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// The .editorconfig options of the request-path rules, read once per syntax tree:
    /// <c>heroku_analyzers.router_timeout_seconds</c>, <c>heroku_analyzers.extra_blocking_apis</c>,
    /// <c>heroku_analyzers.request_path_excluded_apis</c>, <c>heroku_analyzers.request_path_reachability</c>.
    /// </summary>
    internal sealed class RequestPathOptions
    {
        public const string RouterTimeoutSeconds = "router_timeout_seconds";
        public const string ExtraBlockingApis = "extra_blocking_apis";
        public const string ExcludedApis = "request_path_excluded_apis";
        public const string Reachability = "request_path_reachability";

        private readonly ApiList _extraBlocking;
        private readonly ApiList _excluded;

        private RequestPathOptions(HerokuOptions options)
        {
            var limit = options.GetInt32(RouterTimeoutSeconds, HerokuFacts.RouterFirstByteTimeoutSeconds);
            RouterLimitSeconds = limit > 0 ? limit : HerokuFacts.RouterFirstByteTimeoutSeconds;
            FollowCalls = options.GetBoolean(Reachability, true);
            _extraBlocking = ApiList.Parse(options.GetString(ExtraBlockingApis));
            _excluded = ApiList.Parse(options.GetString(ExcludedApis));
        }

        public int RouterLimitSeconds { get; }

        /// <summary>False: only handler bodies are checked, not the methods they call.</summary>
        public bool FollowCalls { get; }

        public static RequestPathOptions Read(HerokuOptions options) => new RequestPathOptions(options);

        public bool IsExtraBlocking(IMethodSymbol method) => _extraBlocking.Contains(method);

        public bool IsExcluded(IMethodSymbol method) => _excluded.Contains(method);

        /// <summary>A list of <c>Namespace.Type:Method</c> entries (Method may be <c>*</c>), comma separated.</summary>
        private sealed class ApiList
        {
            private static readonly ApiList Empty = new ApiList(new Dictionary<string, HashSet<string>>());

            private readonly Dictionary<string, HashSet<string>> _methodsByType;

            private ApiList(Dictionary<string, HashSet<string>> methodsByType) => _methodsByType = methodsByType;

            public static ApiList Parse(string? text)
            {
                if (text == null)
                {
                    return Empty;
                }

                var methodsByType = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                foreach (var entry in text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var colon = entry.LastIndexOf(':');
                    if (colon <= 0 || colon == entry.Length - 1)
                    {
                        continue;
                    }

                    var type = entry.Substring(0, colon).Trim();
                    if (!methodsByType.TryGetValue(type, out var methods))
                    {
                        methods = new HashSet<string>(StringComparer.Ordinal);
                        methodsByType.Add(type, methods);
                    }

                    methods.Add(entry.Substring(colon + 1).Trim());
                }

                return new ApiList(methodsByType);
            }

            public bool Contains(IMethodSymbol method)
            {
                if (_methodsByType.Count == 0)
                {
                    return false;
                }

                var definition = (method.ReducedFrom ?? method).OriginalDefinition;
                var type = definition.ContainingType;
                if (type == null)
                {
                    return false;
                }

                var typeName = type.ContainingNamespace is { IsGlobalNamespace: false } ns
                    ? ns.ToDisplayString() + "." + type.MetadataName
                    : type.MetadataName;
                // A property is listed by its name (Task`1:Result), not by its accessor (get_Result).
                var name = definition.AssociatedSymbol is IPropertySymbol property ? property.Name : definition.Name;
                return _methodsByType.TryGetValue(typeName, out var methods) && (methods.Contains(name) || methods.Contains("*"));
            }
        }
    }
}
