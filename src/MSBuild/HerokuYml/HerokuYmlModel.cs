using System;
using System.Collections.Generic;
using System.IO;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HerokuAnalyzers.Tasks.HerokuYml
{
    /// <summary>
    /// heroku.yml read once per build with YamlDotNet's event parser into <see cref="YamlNode"/>s.
    /// The event level never expands aliases, and the tree is bounded in depth and size, so hostile
    /// YAML (alias bombs, deep nesting) stays cheap.
    /// </summary>
    internal sealed class HerokuYmlModel
    {
        public const int MaxDepth = 64;
        public const int MaxNodes = 100000;

        private HerokuYmlModel(string path, HerokuFileText? file, string? readError, YamlNode? root, string? syntaxError, TextPosition syntaxErrorPosition)
        {
            Path = path;
            File = file;
            ReadError = readError;
            Root = root;
            SyntaxError = syntaxError;
            SyntaxErrorPosition = syntaxErrorPosition;
        }

        public string Path { get; }

        public HerokuFileText? File { get; }

        public string? ReadError { get; }

        /// <summary>The first document's root, or null (empty, unreadable, not YAML, or beyond the checker's bounds).</summary>
        public YamlNode? Root { get; }

        public string? SyntaxError { get; }

        public TextPosition SyntaxErrorPosition { get; }

        /// <summary>The process types heroku.yml builds or runs (build.docker and run keys), for app.json's formation.</summary>
        public ISet<string> ProcessTypes
        {
            get
            {
                var types = new HashSet<string>(StringComparer.Ordinal);
                foreach (var section in new[] { Root?["build"]?["docker"], Root?["run"] })
                {
                    if (section?.Kind == YamlKind.Mapping)
                    {
                        foreach (var pair in section.Pairs)
                        {
                            if (pair.Key.Kind == YamlKind.Scalar && pair.Key.Value != null)
                            {
                                types.Add(pair.Key.Value);
                            }
                        }
                    }
                }

                return types;
            }
        }

        public static HerokuYmlModel Load(string path)
        {
            if (!HerokuFileText.TryRead(path, out var file, out var readError))
            {
                return new HerokuYmlModel(path, null, readError, null, null, default);
            }

            return FromFile(file!);
        }

        public static HerokuYmlModel FromFile(HerokuFileText file)
        {
            if (file.EncodingProblem != null || file.IsTruncated)
            {
                return new HerokuYmlModel(file.Path, file, null, null, null, default);
            }

            var lastPosition = new TextPosition(1, 1);
            try
            {
                return new HerokuYmlModel(file.Path, file, null, Build(file.Text, ref lastPosition), null, default);
            }
            catch (YamlException ex)
            {
                var message = ex.InnerException != null && ex.Message.IndexOf("See inner exception", StringComparison.Ordinal) >= 0 ? ex.InnerException.Message : ex.Message;
                var position = new TextPosition(Math.Max(1, (int)ex.Start.Line), Math.Max(1, (int)ex.Start.Column));
                return new HerokuYmlModel(file.Path, file, null, null, Describe(message), position);
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet 16.3's parser fails this way on some malformed input (found by the fuzz tests).
                return new HerokuYmlModel(file.Path, file, null, null, "the YAML parser cannot continue after this point", lastPosition);
            }
        }

        private static YamlNode? Build(string text, ref TextPosition lastPosition)
        {
            var parser = new Parser(new StringReader(text));
            var stack = new Stack<YamlNode>();
            var pendingKeys = new Stack<YamlNode?>();
            YamlNode? root = null;
            var nodes = 0;
            while (parser.MoveNext())
            {
                var current = parser.Current;
                if (current is DocumentEnd && root != null)
                {
                    // Heroku reads one manifest; later documents are not part of it.
                    return root;
                }

                YamlNode? node = null;
                var start = current!.Start;
                var position = new TextPosition(Math.Max(1, (int)start.Line), Math.Max(1, (int)start.Column));
                lastPosition = position;
                switch (current)
                {
                    case MappingStart _:
                        node = new YamlNode(YamlKind.Mapping, position, null);
                        break;
                    case SequenceStart _:
                        node = new YamlNode(YamlKind.Sequence, position, null);
                        break;
                    case Scalar scalar:
                        node = new YamlNode(YamlKind.Scalar, position, scalar.Value);
                        break;
                    case AnchorAlias alias:
                        node = new YamlNode(YamlKind.Alias, position, alias.Value.Value);
                        break;
                    case MappingEnd _:
                    case SequenceEnd _:
                        stack.Pop();
                        pendingKeys.Pop();
                        continue;
                    default:
                        continue;
                }

                if (++nodes > MaxNodes || stack.Count >= MaxDepth)
                {
                    // Beyond what any manifest needs: nothing is claimed about such a file.
                    return null;
                }

                if (stack.Count == 0)
                {
                    root ??= node;
                }
                else
                {
                    Attach(stack.Peek(), pendingKeys, node);
                }

                if (node.Kind == YamlKind.Mapping || node.Kind == YamlKind.Sequence)
                {
                    stack.Push(node);
                    pendingKeys.Push(null);
                }
            }

            return root;
        }

        private static void Attach(YamlNode parent, Stack<YamlNode?> pendingKeys, YamlNode node)
        {
            if (parent.Kind == YamlKind.Sequence)
            {
                parent.Items.Add(node);
                return;
            }

            var key = pendingKeys.Pop();
            if (key == null)
            {
                pendingKeys.Push(node);
                return;
            }

            parent.Pairs.Add(new KeyValuePair<YamlNode, YamlNode>(key, node));
            pendingKeys.Push(null);
        }

        private static string Describe(string message)
        {
            // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (…): "; the finding carries the position itself.
            var dash = message.IndexOf("): ", StringComparison.Ordinal);
            return dash >= 0 ? message.Substring(dash + 3) : message;
        }
    }
}
