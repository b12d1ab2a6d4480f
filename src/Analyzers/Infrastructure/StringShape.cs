using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
        public const char HoleMarker = '\uE000';

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

        public static StringShape Of(IOperation operation, CancellationToken cancellationToken)
        {
            var parts = new List<object>();
            Append(operation, parts, 0, cancellationToken);
            return new StringShape(parts);
        }

        private static void Append(IOperation operation, List<object> parts, int depth, CancellationToken cancellationToken)
        {
            operation = Unwrap(operation);
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
                            Append(text.Text, parts, depth + 1, cancellationToken);
                        }
                        else if (content is IInterpolationOperation hole && hole.Alignment == null && hole.FormatString == null)
                        {
                            Append(hole.Expression, parts, depth + 1, cancellationToken);
                        }
                        else
                        {
                            parts.Add(content);
                        }
                    }

                    return;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    Append(binary.LeftOperand, parts, depth + 1, cancellationToken);
                    Append(binary.RightOperand, parts, depth + 1, cancellationToken);
                    return;

                case ILocalReferenceOperation local when SingleInitializer(local.Local, operation.SemanticModel, cancellationToken) is IOperation initializer:
                    Append(initializer, parts, depth + 1, cancellationToken);
                    return;

                default:
                    parts.Add(operation);
                    return;
            }
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// The initializer of a local that is never assigned again in its method, so that
        /// <c>var url = "http://localhost:5000"; app.Run(url);</c> is seen through.
        /// </summary>
        private static IOperation? SingleInitializer(ILocalSymbol local, SemanticModel? model, CancellationToken cancellationToken)
        {
            if (model == null || local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            if (!(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator) || declarator.Initializer == null)
            {
                return null;
            }

            if (local.IsConst)
            {
                return model.GetOperation(declarator.Initializer.Value, cancellationToken);
            }

            // A local is scoped to its block, or to the file for top-level statements.
            SyntaxNode? body = declarator.FirstAncestorOrSelf<BlockSyntax>();
            body ??= declarator.FirstAncestorOrSelf<CompilationUnitSyntax>();
            if (body == null)
            {
                return null;
            }

            foreach (var node in body.DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax assignment
                    && assignment.Left is IdentifierNameSyntax name
                    && name.Identifier.ValueText == local.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
                {
                    return null;
                }

                if (node is ArgumentSyntax argument
                    && !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
                    && argument.Expression is IdentifierNameSyntax refName
                    && refName.Identifier.ValueText == local.Name)
                {
                    return null;
                }
            }

            return model.GetOperation(declarator.Initializer.Value, cancellationToken);
        }
    }
}
