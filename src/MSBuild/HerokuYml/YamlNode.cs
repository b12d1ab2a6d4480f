using System.Collections.Generic;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Tasks.HerokuYml
{
    internal enum YamlKind
    {
        Mapping,
        Sequence,
        Scalar,

        /// <summary>A <c>*name</c> reference, kept as written: it is never expanded, so alias bombs cost nothing.</summary>
        Alias,
    }

    /// <summary>A YAML node with the line and column where it starts.</summary>
    internal sealed class YamlNode
    {
        public YamlNode(YamlKind kind, TextPosition position, string? value)
        {
            Kind = kind;
            Position = position;
            Value = value;
        }

        public YamlKind Kind { get; }

        public TextPosition Position { get; }

        /// <summary>The scalar's text, or the alias's anchor name.</summary>
        public string? Value { get; }

        /// <summary>Mapping entries in file order.</summary>
        public List<KeyValuePair<YamlNode, YamlNode>> Pairs { get; } = new List<KeyValuePair<YamlNode, YamlNode>>();

        public List<YamlNode> Items { get; } = new List<YamlNode>();

        /// <summary>The value under scalar key <paramref name="key"/> (the last one), or null.</summary>
        public YamlNode? this[string key]
        {
            get
            {
                for (var i = Pairs.Count - 1; i >= 0; i--)
                {
                    if (Pairs[i].Key.Kind == YamlKind.Scalar && Pairs[i].Key.Value == key)
                    {
                        return Pairs[i].Value;
                    }
                }

                return null;
            }
        }

        public string KindName => Kind switch
        {
            YamlKind.Mapping => "a mapping",
            YamlKind.Sequence => "a list",
            YamlKind.Alias => "an alias",
            _ => "a scalar",
        };
    }
}
