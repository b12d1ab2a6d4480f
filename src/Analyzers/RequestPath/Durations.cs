using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// Durations known at compile time: integer constants (milliseconds or seconds, by API), TimeSpan.From*(constant),
    /// new TimeSpan(constants), TimeSpan.Zero/MaxValue, Timeout.Infinite and Timeout.InfiniteTimeSpan.
    /// </summary>
    internal static class Durations
    {
        public enum Unit
        {
            Milliseconds,
            Seconds,
        }

        /// <summary>Seconds, <see cref="double.PositiveInfinity"/> for "no limit", or null when not a constant.</summary>
        public static double? Seconds(IOperation value, Unit unit)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value.ConstantValue.HasValue && value.ConstantValue.Value is object constant && IsNumber(constant))
            {
                var number = System.Convert.ToDouble(constant, CultureInfo.InvariantCulture);
                if (number < 0)
                {
                    return double.PositiveInfinity;
                }

                return unit == Unit.Milliseconds ? number / 1000 : number;
            }

            switch (value)
            {
                case IFieldReferenceOperation { Field: { IsStatic: true } field }:
                    switch (field.ContainingType?.Name + "." + field.Name)
                    {
                        case "TimeSpan.Zero":
                            return 0;
                        case "TimeSpan.MaxValue":
                        case "Timeout.InfiniteTimeSpan":
                            return double.PositiveInfinity;
                    }

                    return null;

                case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation
                    when method.ContainingType?.Name == "TimeSpan" && invocation.Arguments.Length >= 1:
                    var amount = Constant(invocation.Arguments[0].Value);
                    if (amount == null || invocation.Arguments.Length > 1 && invocation.Arguments[1].ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        return null;
                    }

                    switch (method.Name)
                    {
                        case "FromMilliseconds": return amount / 1000;
                        case "FromSeconds": return amount;
                        case "FromMinutes": return amount * 60;
                        case "FromHours": return amount * 3600;
                        case "FromDays": return amount * 86400;
                        case "FromTicks": return amount / 10_000_000;
                        default: return null;
                    }

                case IObjectCreationOperation creation when creation.Type?.Name == "TimeSpan" && creation.Type.ContainingNamespace?.ToDisplayString() == "System":
                    return FromConstructor(creation);

                default:
                    return null;
            }
        }

        /// <summary>
        /// A zero duration (<c>Wait(0)</c>, <c>WaitOne(TimeSpan.Zero)</c>): written there, or read from a constant,
        /// a readonly field initialized to zero, or a local the body assigns once.
        /// </summary>
        public static bool IsZero(IOperation value)
        {
            for (var depth = 0; depth < 8; depth++)
            {
                value = Infrastructure.Operations.WithoutConversions(value);
                if (Seconds(value, Unit.Milliseconds) == 0)
                {
                    return true;
                }

                switch (value)
                {
                    case IDefaultValueOperation _:
                    case IObjectCreationOperation { Arguments: { Length: 0 }, Type: { Name: "TimeSpan" } }:
                        // default(TimeSpan), default, new TimeSpan()
                        return true;
                    case ILocalReferenceOperation local when Infrastructure.Operations.SingleInitializer(local) is IOperation initializer:
                        value = initializer;
                        continue;
                    case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                        return IsZeroInitializer(field);
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary><c>static readonly TimeSpan NoWait = TimeSpan.Zero;</c>, <c>readonly int _poll = 0;</c> (no semantic model for other files: read the syntax).</summary>
        private static bool IsZeroInitializer(IFieldSymbol field)
        {
            if (field.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { } initializer }))
            {
                return false;
            }

            switch (initializer.Value)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal:
                    return literal.Token.Value is int number && number == 0;
                case Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member:
                    return member.Name.Identifier.ValueText == "Zero" && member.Expression.ToString().EndsWith("TimeSpan", System.StringComparison.Ordinal);
                case Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call:
                    return call.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax from
                           && from.Name.Identifier.ValueText.StartsWith("From", System.StringComparison.Ordinal)
                           && from.Expression.ToString().EndsWith("TimeSpan", System.StringComparison.Ordinal)
                           && call.ArgumentList.Arguments.Count == 1
                           && call.ArgumentList.Arguments[0].Expression is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax { Token: { Value: int amount } } && amount == 0;
                default:
                    return false;
            }
        }

        /// <summary>"45 s", "5 min", "without any limit".</summary>
        public static string Describe(double seconds)
        {
            if (double.IsPositiveInfinity(seconds))
            {
                return "without any limit";
            }

            return seconds >= 120 && seconds % 60 == 0
                ? (seconds / 60).ToString("0", CultureInfo.InvariantCulture) + " min"
                : seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        }

        private static double? FromConstructor(IObjectCreationOperation creation)
        {
            var values = new double[creation.Arguments.Length];
            for (var i = 0; i < values.Length; i++)
            {
                if (!(Constant(creation.Arguments[i].Value) is double number))
                {
                    return null;
                }

                values[i] = number;
            }

            switch (values.Length)
            {
                case 1: return values[0] / 10_000_000;
                case 3: return values[0] * 3600 + values[1] * 60 + values[2];
                case 4: return values[0] * 86400 + values[1] * 3600 + values[2] * 60 + values[3];
                case 5: return values[0] * 86400 + values[1] * 3600 + values[2] * 60 + values[3] + values[4] / 1000;
                default: return null;
            }
        }

        private static double? Constant(IOperation operation)
            => operation.ConstantValue.HasValue && operation.ConstantValue.Value is object value && IsNumber(value)
                ? System.Convert.ToDouble(value, CultureInfo.InvariantCulture)
                : (double?)null;

        private static bool IsNumber(object value)
            => value is int || value is long || value is double || value is float || value is short || value is uint || value is ulong || value is decimal;
    }
}
