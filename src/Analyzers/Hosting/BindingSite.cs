using System;
using System.Collections.Generic;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Hosting
{
    internal enum BindingSiteKind
    {
        /// <summary>A "urls" string: UseUrls, app.Urls.Add, app.Run(url), UseSetting("urls", …).</summary>
        Urls,

        /// <summary>ListenLocalhost(port).</summary>
        ListenLocalhost,

        /// <summary>Listen(IPAddress, port) or Listen(new IPEndPoint(IPAddress, port)).</summary>
        ListenAddress,

        /// <summary>ListenAnyIP(port).</summary>
        ListenAnyIP,
    }

    /// <summary>
    /// One place in code that decides where Kestrel listens (docs/heroku-facts.md#kestrel-binding), with the operations
    /// that give its address and port. The port rules read these; they never look for APIs themselves.
    /// </summary>
    internal sealed class BindingSite
    {
        private BindingSite(BindingSiteKind kind, string api, IInvocationOperation invocation, IOperation? value, IOperation? port, HostKind hostKind)
        {
            Kind = kind;
            Api = api;
            Invocation = invocation;
            Value = value;
            Port = port;
            EndpointHostKind = hostKind;
        }

        public BindingSiteKind Kind { get; }

        /// <summary>How the API is named in messages, e.g. "UseUrls" or "app.Urls.Add".</summary>
        public string Api { get; }

        public IInvocationOperation Invocation { get; }

        /// <summary>The urls string (Urls) or the IPAddress / IPEndPoint argument (ListenAddress).</summary>
        public IOperation? Value { get; }

        /// <summary>The port argument of a Listen* call.</summary>
        public IOperation? Port { get; }

        /// <summary>For Listen* sites: which interfaces the endpoint covers.</summary>
        public HostKind EndpointHostKind { get; }

        /// <summary>For Urls sites: each address of the value with what is known of it.</summary>
        public IReadOnlyList<ServerUrl> ParseUrls()
            => Value == null ? Array.Empty<ServerUrl>() : ServerUrl.ParseList(StringShape.Of(Value).Rendered);

        public static IEnumerable<BindingSite> Find(IInvocationOperation invocation, BindingSymbols symbols)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            switch (method.Name)
            {
                case "UseUrls" when Is(type, symbols.WebHostBuilderExtensions):
                    foreach (var url in ParamsValues(invocation))
                    {
                        yield return new BindingSite(BindingSiteKind.Urls, "UseUrls", invocation, url, null, HostKind.Unknown);
                    }

                    break;

                case "UseSetting" when Is(type, symbols.WebHostBuilder) || Implements(type, symbols.WebHostBuilder):
                    if (IsUrlsKey(Argument(invocation, "key")) && Argument(invocation, "value") is IOperation settingValue)
                    {
                        yield return new BindingSite(BindingSiteKind.Urls, "UseSetting(\"urls\")", invocation, settingValue, null, HostKind.Unknown);
                    }

                    break;

                case "Run":
                case "RunAsync":
                    if (Is(type, symbols.WebApplication) && Argument(invocation, "url") is IOperation runUrl && !IsNull(runUrl))
                    {
                        yield return new BindingSite(BindingSiteKind.Urls, "app." + method.Name + "(url)", invocation, runUrl, null, HostKind.Unknown);
                    }

                    break;

                case "Add" when invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Urls" } urls }
                                && Is(urls.ContainingType?.OriginalDefinition, symbols.WebApplication)
                                && invocation.Arguments.Length == 1:
                    yield return new BindingSite(BindingSiteKind.Urls, "app.Urls.Add", invocation, invocation.Arguments[0].Value, null, HostKind.Unknown);
                    break;

                case "ListenLocalhost" when Is(type, symbols.KestrelServerOptions):
                    yield return new BindingSite(BindingSiteKind.ListenLocalhost, "ListenLocalhost", invocation, null, Argument(invocation, "port"), HostKind.Loopback);
                    break;

                case "ListenAnyIP" when Is(type, symbols.KestrelServerOptions):
                    yield return new BindingSite(BindingSiteKind.ListenAnyIP, "ListenAnyIP", invocation, null, Argument(invocation, "port"), HostKind.AnyInterface);
                    break;

                case "Listen" when Is(type, symbols.KestrelServerOptions) && invocation.Arguments.Length > 0:
                    var first = Operations.WithoutImplicitConversions(invocation.Arguments[0].Value);
                    if (Is(first.Type, symbols.IPAddress))
                    {
                        yield return new BindingSite(BindingSiteKind.ListenAddress, "Listen", invocation, first, Argument(invocation, "port"), ClassifyAddress(first, symbols));
                    }
                    else if (first is IObjectCreationOperation creation && Is(creation.Type, symbols.IPEndPoint) && creation.Arguments.Length == 2
                             && Is(Operations.WithoutImplicitConversions(creation.Arguments[0].Value).Type, symbols.IPAddress))
                    {
                        var address = Operations.WithoutImplicitConversions(creation.Arguments[0].Value);
                        yield return new BindingSite(BindingSiteKind.ListenAddress, "Listen", invocation, address, creation.Arguments[1].Value, ClassifyAddress(address, symbols));
                    }

                    break;
            }
        }

        /// <summary>"urls", written out or as WebHostDefaults.ServerUrlsKey (a static readonly field, not a constant).</summary>
        private static bool IsUrlsKey(IOperation? key)
        {
            if (key?.ConstantValue.Value is string text)
            {
                return string.Equals(text, "urls", StringComparison.OrdinalIgnoreCase);
            }

            return key is IFieldReferenceOperation { Field: { Name: "ServerUrlsKey" } field }
                   && field.ContainingType?.ToDisplayString() == "Microsoft.AspNetCore.Hosting.WebHostDefaults";
        }

        private static HostKind ClassifyAddress(IOperation address, BindingSymbols symbols)
        {
            switch (address)
            {
                case IFieldReferenceOperation field when Is(field.Field.ContainingType, symbols.IPAddress):
                    switch (field.Field.Name)
                    {
                        case "Loopback":
                        case "IPv6Loopback":
                            return HostKind.Loopback;
                        case "Any":
                            return HostKind.AnyIPv4;
                        case "IPv6Any":
                            return HostKind.AnyInterface;
                    }

                    return HostKind.Unknown;

                case IInvocationOperation { TargetMethod: { Name: "Parse" } parse } call
                    when Is(parse.ContainingType, symbols.IPAddress) && call.Arguments.Length == 1
                         && call.Arguments[0].Value.ConstantValue.Value is string text
                         && System.Net.IPAddress.TryParse(text, out var parsed):
                    return ServerUrl.Classify(parsed);

                default:
                    return HostKind.Unknown;
            }
        }

        private static IEnumerable<IOperation> ParamsValues(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation array && array.Initializer != null)
                {
                    foreach (var element in array.Initializer.ElementValues)
                    {
                        yield return element;
                    }
                }
            }
        }

        private static IOperation? Argument(IInvocationOperation invocation, string name)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == name && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static bool IsNull(IOperation operation) => operation.ConstantValue.HasValue && operation.ConstantValue.Value == null;

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => expected != null && SymbolEqualityComparer.Default.Equals(type, expected);

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol? @interface)
        {
            if (type == null || @interface == null)
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, @interface))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
