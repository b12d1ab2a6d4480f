using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// HK1001 (blocking wait on a task), HK1002 (sleeps and blocking waits), HK1003 (synchronous I/O with an
    /// async twin) and HK1005 (work for a worker dyno): classifies one call or property read.
    /// </summary>
    internal static class BlockingCallChecks
    {
        public static void CheckResult(IPropertyReferenceOperation reference, CheckScope scope)
        {
            var property = reference.Property;
            if (property.Name != "Result" || property.IsStatic)
            {
                return;
            }

            var type = property.ContainingType.OriginalDefinition;
            if (!SymbolEqualityComparer.Default.Equals(type, scope.Symbols.TaskOfT) && !SymbolEqualityComparer.Default.Equals(type, scope.Symbols.ValueTaskOfT))
            {
                return;
            }

            if (CompletedTasks.IsCompleted(reference.Instance, reference) || (property.GetMethod != null && scope.Options.IsExcluded(property.GetMethod)))
            {
                return;
            }

            scope.Add(Infrastructure.Descriptors.HK1001_BlockingTaskWait, reference, type.Name + ".Result", CheckScope.Fix(RequestPathAnalyzer.FixAwaitResult));
        }

        public static void CheckInvocation(IInvocationOperation invocation, CheckScope scope)
        {
            var method = invocation.TargetMethod;
            if (scope.Options.IsExcluded(method))
            {
                return;
            }

            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return;
            }

            // Most calls are none of these: the name for the message is only built for a finding.
            var symbols = scope.Symbols;
            switch (method.Name)
            {
                case "Wait" when IsTask(type, symbols) && !method.IsStatic:
                    if (!FirstArgumentIsZero(invocation) && !CompletedTasks.IsCompleted(invocation.Instance, invocation))
                    {
                        scope.Add(Infrastructure.Descriptors.HK1001_BlockingTaskWait, invocation, Name(type, method),
                            invocation.Arguments.Length == 0 ? CheckScope.Fix(RequestPathAnalyzer.FixAwaitWait) : null);
                    }

                    return;

                case "WaitAll" when IsTask(type, symbols) && !ArgumentIsZero(invocation, 1):
                    scope.Add(Infrastructure.Descriptors.HK1001_BlockingTaskWait, invocation, Name(type, method),
                        IsParamsOnly(invocation) ? CheckScope.Fix(RequestPathAnalyzer.FixAwaitWhenAll) : null);
                    return;

                case "WaitAny" when IsTask(type, symbols) && !ArgumentIsZero(invocation, 1):
                    scope.Add(Infrastructure.Descriptors.HK1001_BlockingTaskWait, invocation, Name(type, method));
                    return;

                case "GetResult" when method.Parameters.Length == 0 && type.Name.EndsWith("Awaiter", StringComparison.Ordinal)
                                      && type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices":
                    var awaited = AwaitedTask(invocation);
                    if (!CompletedTasks.IsCompleted(awaited, invocation))
                    {
                        scope.Add(Infrastructure.Descriptors.HK1001_BlockingTaskWait, invocation, "GetAwaiter().GetResult()",
                            awaited != null ? CheckScope.Fix(RequestPathAnalyzer.FixAwaitGetResult) : null);
                    }

                    return;
            }

            if (IsBlockingWait(invocation, type, symbols) || scope.Options.IsExtraBlocking(method))
            {
                var properties = method.Name == "Sleep" && invocation.Arguments.Length == 1
                    ? WithToken(CheckScope.Fix(RequestPathAnalyzer.FixDelay), scope.RequestToken(invocation))
                    : null;
                scope.Add(Infrastructure.Descriptors.HK1002_BlockingSleepOrWait, invocation, Name(type, method), properties);
                return;
            }

            if (IsWorkerDynoWork(invocation, type))
            {
                scope.Add(Infrastructure.Descriptors.HK1005_WorkForWorkerDyno, invocation, Name(type, method), null, Heroku.HerokuFacts.RouterFirstByteTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            }

            CheckSynchronousIo(invocation, scope, type);
        }

        private static void CheckSynchronousIo(IInvocationOperation invocation, CheckScope scope, INamedTypeSymbol type)
        {
            var method = invocation.TargetMethod;
            if (method.ContainingAssembly == null || method.Locations.Length == 0 || method.Locations[0].IsInSource)
            {
                return;
            }

            // The twin answer is memoized; the exclusions may look at locals' initializers, so only calls with a twin get there.
            var twin = scope.Twins.Find(invocation);
            if (twin == null || IsExcludedIo(invocation, scope.Symbols))
            {
                return;
            }

            var properties = CheckScope.Fix(RequestPathAnalyzer.FixAsyncTwin)
                .Add(RequestPathAnalyzer.TwinProperty, twin.Method.Name);
            if (twin.TakesCancellationToken)
            {
                properties = WithToken(properties, scope.RequestToken(invocation));
            }

            if (twin.Method.IsExtensionMethod)
            {
                properties = properties.Add(RequestPathAnalyzer.TwinNamespaceProperty, twin.Method.ContainingNamespace.ToDisplayString());
            }

            if (!twin.ExactParameters)
            {
                properties = properties.Remove(Infrastructure.Descriptors.FixKindProperty);
            }

            scope.Add(Infrastructure.Descriptors.HK1003_SynchronousIo, invocation, Name(type, method), properties, twin.Method.ContainingType.Name + "." + twin.Method.Name);
        }

        /// <summary>
        /// What every peer analyzer learned not to report: in-memory streams and readers, the console, EF's
        /// Add/AddRange (their async forms exist only for special value generators), IDbContextFactory,
        /// SQLite's async methods (they run synchronously), Dispose (a using statement), cancellation, and every
        /// DbContext/DbSet call when EF Core's only provider is the in-memory one.
        /// </summary>
        /// <summary>
        /// A SQLite ADO.NET object, also when it is seen through its base type: the DbDataReader that
        /// <c>await sqliteCommand.ExecuteReaderAsync()</c> returns, kept in a local. Followed through locals
        /// assigned once, awaits and the receiver of the call that produced the value.
        /// </summary>
        private static bool IsSqliteObject(IOperation? value, int depth)
        {
            while (value != null && depth++ < 6)
            {
                if (IsSqliteNamespace(value.Type?.ContainingNamespace?.ToDisplayString()))
                {
                    return true;
                }

                switch (Infrastructure.Operations.WithoutConversions(value))
                {
                    case ILocalReferenceOperation local:
                        value = Infrastructure.Operations.SingleInitializer(local);
                        break;
                    case IAwaitOperation awaited:
                        value = awaited.Operation;
                        break;
                    case IInvocationOperation call when call.Instance != null:
                        value = call.Instance;
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool IsSqliteNamespace(string? ns)
            => ns != null && (ns.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || ns.StartsWith("System.Data.SQLite", StringComparison.Ordinal));

        private static bool IsExcludedIo(IInvocationOperation invocation, RequestPathSymbols symbols)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            var type = method.ContainingType;
            var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
            // Waits on threads, tasks and synchronization primitives are HK1001/HK1002's, zero timeouts included.
            if (method.Name == "Dispose" || ns == "System.Threading" || ns == "System.Threading.Tasks"
                || type.Name == "Console" && ns == "System"
                || ns.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || ns.StartsWith("System.Data.SQLite", StringComparison.Ordinal)
                || IsSqliteObject(invocation.Instance, 0)
                || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, symbols.CancellationTokenSource))
            {
                return true;
            }

            if (InMemoryIo.IsInMemoryCall(invocation, symbols) || IsInReadRow(invocation))
            {
                return true;
            }

            if ((method.Name == "Add" || method.Name == "AddRange" || symbols.EfRunsInMemoryOnly)
                && (RequestHandlers.DerivesFrom(type, symbols.DbContext) || RequestHandlers.DerivesFrom(type, symbols.DbSet)))
            {
                return true;
            }

            return method.Name == "CreateDbContext" && RequestHandlers.IsOrImplements(type, symbols.DbContextFactory);
        }

        /// <summary>
        /// <c>while (reader.Read()) { reader.IsDBNull(0) … reader.GetFieldValue&lt;T&gt;(1) }</c>: the Read fetched the
        /// row (the finding is there; with <c>await reader.ReadAsync()</c> there is none); reading its columns
        /// does not wait for the database again.
        /// </summary>
        private static bool IsInReadRow(IInvocationOperation invocation)
        {
            var name = invocation.TargetMethod.Name;
            if (invocation.Instance == null || name == "Read" || name == "NextResult" || !IsDataReader(invocation.Instance.Type))
            {
                return false;
            }

            var reader = CompletedTasks.Referenced(invocation.Instance);
            if (reader == null)
            {
                return false;
            }

            for (var parent = invocation.Parent; parent != null; parent = parent.Parent)
            {
                var condition = parent switch
                {
                    IWhileLoopOperation loop => loop.Condition,
                    IForLoopOperation loop => loop.Condition,
                    IConditionalOperation conditional => conditional.Condition,
                    _ => null,
                };
                if (condition == null)
                {
                    continue;
                }

                foreach (var operation in condition.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation { TargetMethod.Name: "Read" or "ReadAsync", Instance: { } instance }
                        && SymbolEqualityComparer.Default.Equals(CompletedTasks.Referenced(instance), reader))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsDataReader(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.Name == "DbDataReader" && current.ContainingNamespace?.ToDisplayString() == "System.Data.Common")
                {
                    return true;
                }
            }

            if (type != null)
            {
                foreach (var @interface in type.AllInterfaces)
                {
                    if (@interface.Name == "IDataReader" && @interface.ContainingNamespace?.ToDisplayString() == "System.Data")
                    {
                        return true;
                    }
                }
            }

            return type?.Name == "IDataReader";
        }

        private static bool IsBlockingWait(IInvocationOperation invocation, INamedTypeSymbol type, RequestPathSymbols symbols)
        {
            var method = invocation.TargetMethod;
            var ns = type.ContainingNamespace?.ToDisplayString();
            if (ns != "System.Threading")
            {
                return false;
            }

            switch (type.Name)
            {
                case "Thread":
                    return (method.Name == "Sleep" || method.Name == "Join") && !FirstArgumentIsZero(invocation) || method.Name == "SpinWait";
                case "SpinWait":
                    return method.Name == "SpinUntil" && !ArgumentIsZero(invocation, 1) || method.Name == "SpinOnce";
                case "SemaphoreSlim":
                case "ManualResetEventSlim":
                case "CountdownEvent":
                    return method.Name == "Wait" && !FirstArgumentIsZero(invocation);
                case "Barrier":
                    return method.Name == "SignalAndWait" && !FirstArgumentIsZero(invocation);
                case "Monitor":
                    return method.Name == "Wait" && !ArgumentIsZero(invocation, 1);
                case "WaitHandle":
                    return (method.Name == "WaitOne" || method.Name == "WaitAll" || method.Name == "WaitAny") && !ArgumentIsZero(invocation, method.IsStatic ? 1 : 0);
                default:
                    return false;
            }
        }

        private static bool IsWorkerDynoWork(IInvocationOperation invocation, INamedTypeSymbol type)
        {
            var name = invocation.TargetMethod.Name;
            var ns = type.ContainingNamespace?.ToDisplayString();
            if (type.Name == "Process" && ns == "System.Diagnostics")
            {
                return name == "WaitForExit" && !FirstArgumentIsZero(invocation);
            }

            return type.Name == "Parallel" && ns == "System.Threading.Tasks" && (name == "For" || name == "ForEach" || name == "Invoke");
        }

        private static string Name(INamedTypeSymbol type, IMethodSymbol method) => type.Name + "." + method.Name;

        private static bool IsTask(INamedTypeSymbol type, RequestPathSymbols symbols)
            => SymbolEqualityComparer.Default.Equals(type, symbols.Task) || SymbolEqualityComparer.Default.Equals(type, symbols.TaskOfT);

        /// <summary>The task behind <c>task.GetAwaiter().GetResult()</c> or <c>task.ConfigureAwait(false).GetAwaiter().GetResult()</c>.</summary>
        private static IOperation? AwaitedTask(IInvocationOperation getResult)
        {
            if (getResult.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter)
            {
                var task = getAwaiter.Instance;
                if (task is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure)
                {
                    task = configure.Instance;
                }

                return task;
            }

            return null;
        }

        private static bool IsParamsOnly(IInvocationOperation invocation)
            => invocation.Arguments.Length == 1 && invocation.Arguments[0].Parameter?.IsParams == true;

        private static bool FirstArgumentIsZero(IInvocationOperation invocation) => ArgumentIsZero(invocation, 0);

        /// <summary>Wait(0), Sleep(0), WaitOne(TimeSpan.Zero): a check of the state, not a wait.</summary>
        private static bool ArgumentIsZero(IInvocationOperation invocation, int index)
        {
            if (invocation.Arguments.Length <= index || invocation.Arguments[index].ArgumentKind == ArgumentKind.DefaultValue)
            {
                return false;
            }

            return Durations.IsZero(invocation.Arguments[index].Value);
        }

        private static System.Collections.Immutable.ImmutableDictionary<string, string?> WithToken(System.Collections.Immutable.ImmutableDictionary<string, string?> properties, string? token)
            => token == null ? properties : properties.Add(RequestPathAnalyzer.TokenProperty, token);
    }
}
