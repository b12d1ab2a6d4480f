using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// Decides which code ASP.NET Core runs for a request, the way the runtime itself decides it:
    /// MVC actions (MvcFacts / ControllerFeatureProvider), Razor Page handlers, middleware, MVC and
    /// endpoint filters, and delegates given to Map*/Use/Run on the app or on route groups.
    /// </summary>
    internal sealed class RequestHandlers
    {
        private readonly RequestPathSymbols _symbols;

        /// <summary>Source classes some controller derives from: their public methods are actions too.</summary>
        private readonly HashSet<INamedTypeSymbol> _controllerBases;

        /// <summary>Framework interfaces whose implementations ASP.NET Core calls for a request (filters aside).</summary>
        internal static readonly string[] CallbackInterfaces =
        {
            "Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck",
            "Microsoft.AspNetCore.Authorization.IAuthorizationHandler",
            "Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler",
            "Microsoft.AspNetCore.Authentication.IClaimsTransformation",
            "Microsoft.AspNetCore.Diagnostics.IExceptionHandler",
            "Microsoft.AspNetCore.Mvc.ModelBinding.IModelBinder",
            "Microsoft.AspNetCore.Mvc.ModelBinding.Validation.IModelValidator",
            "Microsoft.AspNetCore.Mvc.Formatters.IInputFormatter",
            "Microsoft.AspNetCore.Mvc.Formatters.IOutputFormatter",
            "Microsoft.AspNetCore.Razor.TagHelpers.ITagHelperComponent",
            "Microsoft.AspNetCore.Routing.IRouteConstraint",
            "Microsoft.AspNetCore.Http.IResult",
            "Microsoft.AspNetCore.Mvc.IActionResult",
            "Microsoft.AspNetCore.Http.IMiddleware",
        };

        /// <summary>Framework base classes whose overrides ASP.NET Core calls for a request.</summary>
        internal static readonly string[] CallbackBaseClasses =
        {
            "Microsoft.AspNetCore.Razor.TagHelpers.TagHelper",
            "Microsoft.AspNetCore.Authorization.AuthorizationHandler`1",
            "Microsoft.AspNetCore.Authorization.AuthorizationHandler`2",
            "Microsoft.AspNetCore.Authentication.AuthenticationHandler`1",
            "Microsoft.AspNetCore.Mvc.Formatters.InputFormatter",
            "Microsoft.AspNetCore.Mvc.Formatters.TextInputFormatter",
            "Microsoft.AspNetCore.Mvc.Formatters.OutputFormatter",
            "Microsoft.AspNetCore.Mvc.Formatters.TextOutputFormatter",
            "Microsoft.AspNetCore.Mvc.ActionResult",
            "System.ComponentModel.DataAnnotations.ValidationAttribute",
        };

        public RequestHandlers(RequestPathSymbols symbols, IEnumerable<INamedTypeSymbol> controllers)
        {
            _symbols = symbols;
            _controllerBases = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var controller in controllers)
            {
                for (var type = controller; type != null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
                {
                    _controllerBases.Add(type.OriginalDefinition);
                }
            }
        }

        /// <summary>MvcFacts.IsController: public, top-level, concrete, non-generic, "…Controller" or [Controller], not [NonController].</summary>
        public static bool IsController(INamedTypeSymbol type, RequestPathSymbols symbols)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic
                || type.DeclaredAccessibility != Accessibility.Public || type.ContainingType != null
                || type.IsGenericType || symbols.ControllerAttribute == null)
            {
                return false;
            }

            if (HasAttributeInHierarchy(type, symbols.NonControllerAttribute))
            {
                return false;
            }

            return type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase)
                   || HasAttributeInHierarchy(type, symbols.ControllerAttribute);
        }

        /// <summary>The handler name used in messages ("InvoicesController.Get"), or null when the method is not a handler.</summary>
        public string? HandlerName(IMethodSymbol method)
        {
            if (method.IsStatic || method.IsAbstract || method.ContainingType == null)
            {
                return null;
            }

            var type = method.ContainingType;
            if (method.MethodKind == MethodKind.Constructor)
            {
                // MVC creates a controller or page model for every request it handles.
                if (_controllerBases.Contains(type.OriginalDefinition) || DerivesFrom(type, _symbols.PageModel))
                {
                    return type.Name + " constructor";
                }

                // The container builds registered services inside the request that resolves them.
                return _symbols.Registrations.Lifetime(type) is ServiceLifetime lifetime ? ServiceRegistrations.Describe(lifetime, "constructor", type.Name) : null;
            }

            if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
            {
                return null;
            }

            if (method.MethodKind == MethodKind.Ordinary && (IsAction(method) || IsPageHandler(method) || IsMiddlewareInvoke(method) || IsViewComponentInvoke(method)))
            {
                return type.Name + "." + method.Name;
            }

            if (IsImplementationOf(method, @interface => IsOrImplements(@interface, _symbols.FilterMetadata) || SymbolEqualityComparer.Default.Equals(@interface, _symbols.EndpointFilter) || _symbols.CallbackInterfaces.Contains(@interface.OriginalDefinition))
                || OverridesCallback(method))
            {
                return type.Name + "." + method.Name;
            }

            return null;
        }

        /// <summary>
        /// For an argument of a call that registers request code (MapGet, MapGroup(…).MapPost, Use, Run …),
        /// a short name of the registration ("MapGet \"/invoices\""); null for any other argument.
        /// </summary>
        public static string? RegistrationName(IArgumentOperation argument, RequestPathSymbols symbols)
        {
            // services.AddScoped<IFoo>(sp => new Foo(…)): the container runs the factory inside the resolving request.
            if (argument.Parent is IInvocationOperation registration && argument.Parameter?.Name is "implementationFactory" or "factory"
                && ServiceRegistrations.LifetimeOf(registration.TargetMethod) is ServiceLifetime lifetime)
            {
                var typeArguments = registration.TargetMethod.TypeArguments;
                return ServiceRegistrations.Describe(lifetime, "factory", typeArguments.Length > 0 ? typeArguments[0].Name : "service");
            }

            if (!(argument.Parent is IInvocationOperation invocation) || argument.Parameter == null)
            {
                return null;
            }

            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            var ns = method.ContainingNamespace?.ToDisplayString() ?? "";
            if (!ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || method.Name == "MapGroup")
            {
                return null;
            }

            // .AddEndpointFilter(async (context, next) => …) on an endpoint or group: runs around the handler.
            if (method.Name == "AddEndpointFilter" && argument.Parameter.Type is INamedTypeSymbol { Name: "Func" })
            {
                return method.Name;
            }

            if (!IsHandlerParameterType(argument.Parameter.Type, symbols))
            {
                return null;
            }

            var receiver = invocation.Instance?.Type ?? (method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType);
            if (!IsOrImplements(receiver, symbols.ApplicationBuilder) && !IsOrImplements(receiver, symbols.EndpointRouteBuilder))
            {
                return null;
            }

            foreach (var other in invocation.Arguments)
            {
                if (other.Parameter?.Name == "pattern" && other.Value.ConstantValue.Value is string pattern)
                {
                    return method.Name + " \"" + pattern + "\"";
                }
            }

            return method.Name;
        }

        private static bool IsHandlerParameterType(ITypeSymbol type, RequestPathSymbols symbols)
        {
            if (SymbolEqualityComparer.Default.Equals(type, symbols.Delegate) || SymbolEqualityComparer.Default.Equals(type, symbols.RequestDelegate))
            {
                return true;
            }

            // Use(Func<HttpContext, Func<Task>, Task>), Use(Func<HttpContext, RequestDelegate, Task>), Use(Func<RequestDelegate, RequestDelegate>),
            // UseStatusCodePages(Func<StatusCodeContext, Task>): a context that carries the request's HttpContext.
            if (type is INamedTypeSymbol { IsGenericType: true } func && func.Name == "Func" && func.TypeArguments.Length > 0)
            {
                var first = func.TypeArguments[0];
                return SymbolEqualityComparer.Default.Equals(first, symbols.HttpContext) || SymbolEqualityComparer.Default.Equals(first, symbols.RequestDelegate)
                       || CarriesHttpContext(first, symbols);
            }

            return false;
        }

        private static bool CarriesHttpContext(ITypeSymbol type, RequestPathSymbols symbols)
        {
            if (type.TypeKind != TypeKind.Class || type.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) != true)
            {
                return false;
            }

            foreach (var member in type.GetMembers("HttpContext"))
            {
                if (member is IPropertySymbol property && SymbolEqualityComparer.Default.Equals(property.Type, symbols.HttpContext))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>MvcFacts.IsControllerAction, for controllers and the source classes controllers derive from.</summary>
        private bool IsAction(IMethodSymbol method)
        {
            var type = method.ContainingType.OriginalDefinition;
            if (!_controllerBases.Contains(type) || method.DeclaredAccessibility != Accessibility.Public || method.IsGenericMethod)
            {
                return false;
            }

            if (HasAttributeInOverrides(method, _symbols.NonActionAttribute) || IsDispose(method))
            {
                return false;
            }

            for (var overridden = method; overridden != null; overridden = overridden.OverriddenMethod)
            {
                if (overridden.ContainingType?.SpecialType == SpecialType.System_Object)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Razor Pages: public On{Verb}[Name][Async] methods of a PageModel subclass, not [NonHandler].</summary>
        private bool IsPageHandler(IMethodSymbol method)
        {
            if (method.DeclaredAccessibility != Accessibility.Public || method.IsGenericMethod
                || method.Name.Length <= 2 || !method.Name.StartsWith("On", StringComparison.Ordinal)
                || !(DerivesFrom(method.ContainingType, _symbols.PageModel) || DerivesFrom(method.ContainingType, _symbols.PageBase)))
            {
                return false;
            }

            // The page's own filter hooks (OnPageHandlerExecuting …) are declared by PageModel: those are filters, not handlers.
            for (var overridden = method; overridden != null; overridden = overridden.OverriddenMethod)
            {
                if (overridden.ContainingType == null || overridden.ContainingType.Locations.Length == 0 || !overridden.ContainingType.Locations[0].IsInSource)
                {
                    return false;
                }
            }

            return !HasAttributeInOverrides(method, _symbols.NonHandlerAttribute);
        }

        /// <summary>Convention middleware (public Invoke/InvokeAsync(HttpContext, …) returning Task) and IMiddleware.</summary>
        private bool IsMiddlewareInvoke(IMethodSymbol method)
        {
            if ((method.Name != "Invoke" && method.Name != "InvokeAsync") || method.DeclaredAccessibility != Accessibility.Public
                || method.Parameters.Length == 0)
            {
                return false;
            }

            return SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _symbols.HttpContext)
                   && SymbolEqualityComparer.Default.Equals(method.ReturnType, _symbols.Task);
        }

        /// <summary>
        /// View components (ViewComponent subclasses, "…ViewComponent" classes, [ViewComponent]): their public
        /// Invoke/InvokeAsync runs while the view that includes them renders the response.
        /// </summary>
        private bool IsViewComponentInvoke(IMethodSymbol method)
        {
            if (method.Name != "Invoke" && method.Name != "InvokeAsync" || method.DeclaredAccessibility != Accessibility.Public || method.IsGenericMethod)
            {
                return false;
            }

            var type = method.ContainingType;
            return _symbols.ViewComponent != null
                   && (DerivesFrom(type, _symbols.ViewComponent) || type.Name.EndsWith("ViewComponent", StringComparison.Ordinal) || HasAttributeInHierarchy(type, _symbols.ViewComponentAttribute))
                   && !HasAttributeInHierarchy(type, _symbols.NonViewComponentAttribute);
        }

        /// <summary>
        /// Overrides of framework classes the request pipeline calls (tag helpers, authorization and authentication
        /// handlers, formatters, action results, validation attributes), and of gRPC's generated service bases
        /// (marked [BindServiceMethod]): gRPC-Web calls reach a dyno as HTTP/1.1 requests under the same router limit.
        /// </summary>
        private bool OverridesCallback(IMethodSymbol method)
        {
            for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
            {
                var declaring = overridden.ContainingType;
                if (declaring == null)
                {
                    return false;
                }

                if (_symbols.CallbackBaseClasses.Contains(declaring.OriginalDefinition) || IsGrpcServiceBase(declaring))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsGrpcServiceBase(INamedTypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "BindServiceMethodAttribute" } attributeClass && attributeClass.ContainingNamespace?.ToDisplayString() == "Grpc.Core")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Implementations of the interfaces <paramref name="isCallback"/> accepts (MVC and endpoint filters, health checks …).</summary>
        private static bool IsImplementationOf(IMethodSymbol method, Func<INamedTypeSymbol, bool> isCallback)
        {
            var type = method.ContainingType;
            foreach (var @interface in type.AllInterfaces)
            {
                if (!isCallback(@interface))
                {
                    continue;
                }

                foreach (var member in @interface.GetMembers())
                {
                    var interfaceMethod = member is IPropertySymbol property ? property.GetMethod : member as IMethodSymbol;
                    if (interfaceMethod == null || !(type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation))
                    {
                        continue;
                    }

                    for (var candidate = method; candidate != null; candidate = candidate.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(candidate, implementation))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private bool IsDispose(IMethodSymbol method)
        {
            if (method.Name != "Dispose" || method.Parameters.Length != 0)
            {
                return false;
            }

            foreach (var member in _symbols.Disposable.GetMembers("Dispose"))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttributeInHierarchy(INamedTypeSymbol type, INamedTypeSymbol? attribute)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (HasAttribute(current, attribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttributeInOverrides(IMethodSymbol method, INamedTypeSymbol? attribute)
        {
            for (var current = method; current != null; current = current.OverriddenMethod)
            {
                if (HasAttribute(current, attribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
        {
            if (attribute == null)
            {
                return false;
            }

            foreach (var data in symbol.GetAttributes())
            {
                for (var type = data.AttributeClass; type != null; type = type.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(type, attribute))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType == null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsOrImplements(ITypeSymbol? type, INamedTypeSymbol? @interface)
        {
            if (type == null || @interface == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
