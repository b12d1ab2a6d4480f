using System.Collections.Generic;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Json
{
    internal enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>
    /// A JSON value with the line and column where it starts, so that rules over app.json and
    /// appsettings.json report exact positions (System.Text.Json's DOM keeps none, and it is not
    /// available inside an analyzer).
    /// </summary>
    internal sealed class JsonNode
    {
        private static readonly IReadOnlyList<JsonMember> NoMembers = new JsonMember[0];
        private static readonly IReadOnlyList<JsonNode> NoItems = new JsonNode[0];

        public JsonNode(JsonKind kind, TextPosition position, string? text = null, IReadOnlyList<JsonMember>? members = null, IReadOnlyList<JsonNode>? items = null)
        {
            Kind = kind;
            Position = position;
            Text = text;
            Members = members ?? NoMembers;
            Items = items ?? NoItems;
        }

        public JsonKind Kind { get; }

        public TextPosition Position { get; }

        /// <summary>The decoded string of a String, the literal text of a Number; null otherwise.</summary>
        public string? Text { get; }

        /// <summary>Object members in file order, duplicates included.</summary>
        public IReadOnlyList<JsonMember> Members { get; }

        public IReadOnlyList<JsonNode> Items { get; }

        /// <summary>The value of the last member named <paramref name="name"/> (JSON readers keep the last), or null.</summary>
        public JsonNode? this[string name]
        {
            get
            {
                for (var i = Members.Count - 1; i >= 0; i--)
                {
                    if (Members[i].Name == name)
                    {
                        return Members[i].Value;
                    }
                }

                return null;
            }
        }

        public string KindName => Kind switch
        {
            JsonKind.Object => "an object",
            JsonKind.Array => "an array",
            JsonKind.String => "a string",
            JsonKind.Number => "a number",
            JsonKind.True => "a boolean",
            JsonKind.False => "a boolean",
            _ => "null",
        };
    }

    internal sealed class JsonMember
    {
        public JsonMember(string name, TextPosition namePosition, JsonNode value)
        {
            Name = name;
            NamePosition = namePosition;
            Value = value;
        }

        public string Name { get; }

        public TextPosition NamePosition { get; }

        public JsonNode Value { get; }
    }

    /// <summary>Why the text is not JSON, and where.</summary>
    internal sealed class JsonSyntaxError
    {
        public JsonSyntaxError(string message, TextPosition position)
        {
            Message = message;
            Position = position;
        }

        public string Message { get; }

        public TextPosition Position { get; }
    }
}
