using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Infrastructure
{
    /// <summary>
    /// What is known of a string expression at compile time: constant text with holes where the value
    /// is only known at run time — "http://localhost:{port}" is loopback whatever the port. Follows
    /// constants, concatenation, interpolation and locals initialised once.
    /// </summary>
    internal sealed class StringShape
    {
        /// <summary>Stands for a hole in <see cref="Rendered"/>; a private-use character no URL contains.</summary>
        public const char HoleMarker = Hosting.ServerUrl.HoleMarker;

        private const int MaxDepth = 8;

        private StringShape(List<object> parts)
        {
            Parts = parts;
            var builder = new StringBuilder();
            foreach (var part in parts)
            {
                if (part is string text)
                {
                    builder.Append(text);
                }
                else
                {
                    builder.Append(HoleMarker);
                }
            }

            Rendered = builder.ToString();
        }

        /// <summary>Strings and <see cref="IOperation"/> holes, in order.</summary>
        public IReadOnlyList<object> Parts { get; }

        /// <summary>The text with each hole replaced by <see cref="HoleMarker"/>.</summary>
        public string Rendered { get; }

        public bool IsConstant => Rendered.IndexOf(HoleMarker) < 0;

        public static StringShape Of(IOperation operation)
        {
            var parts = new List<object>();
            Append(operation, parts, 0);
            return new StringShape(parts);
        }

        private static void Append(IOperation operation, List<object> parts, int depth)
        {
            operation = Operations.WithoutImplicitConversions(operation);
            if (operation.ConstantValue.HasValue)
            {
                if (operation.ConstantValue.Value is string constant)
                {
                    parts.Add(constant);
                }
                else if (operation.ConstantValue.Value is object value)
                {
                    parts.Add(System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
                else
                {
                    parts.Add(operation);
                }

                return;
            }

            if (depth >= MaxDepth)
            {
                parts.Add(operation);
                return;
            }

            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var content in interpolated.Parts)
                    {
                        if (content is IInterpolatedStringTextOperation text)
                        {
                            Append(text.Text, parts, depth + 1);
                        }
                        else if (content is IInterpolationOperation hole && hole.Alignment == null && hole.FormatString == null)
                        {
                            Append(hole.Expression, parts, depth + 1);
                        }
                        else
                        {
                            parts.Add(content);
                        }
                    }

                    return;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    Append(binary.LeftOperand, parts, depth + 1);
                    Append(binary.RightOperand, parts, depth + 1);
                    return;

                case ILocalReferenceOperation local when Operations.SingleInitializer(local) is IOperation initializer:
                    Append(initializer, parts, depth + 1);
                    return;

                default:
                    parts.Add(operation);
                    return;
            }
        }
    }
}
