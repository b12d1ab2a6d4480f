using System.Collections.Generic;
using System.Globalization;
using System.Text;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Json
{
    /// <summary>
    /// A small RFC 8259 reader that keeps positions. Linear in the input; nesting is capped so hostile
    /// input cannot exhaust the stack. <c>relaxed</c> accepts what .NET configuration files may contain
    /// (comments and trailing commas); app.json is read strictly.
    /// </summary>
    internal sealed class JsonParser
    {
        public const int MaxDepth = 64;

        private readonly string _text;
        private readonly bool _relaxed;
        private int _index;
        private int _line = 1;
        private int _lineStart;

        private JsonParser(string text, bool relaxed)
        {
            _text = text;
            _relaxed = relaxed;
        }

        public static JsonNode? Parse(string text, bool relaxed, out JsonSyntaxError? error)
        {
            var parser = new JsonParser(text, relaxed);
            try
            {
                parser.SkipTrivia();
                var root = parser.ReadValue(0);
                parser.SkipTrivia();
                if (parser._index < text.Length)
                {
                    throw parser.Fail("Unexpected '" + text[parser._index] + "' after the end of the JSON value");
                }

                error = null;
                return root;
            }
            catch (JsonFailure failure)
            {
                error = failure.Error;
                return null;
            }
        }

        private TextPosition Here => new TextPosition(_line, _index - _lineStart + 1);

        private JsonNode ReadValue(int depth)
        {
            if (_index >= _text.Length)
            {
                throw Fail("Unexpected end of file: a value is missing");
            }

            var position = Here;
            var c = _text[_index];
            switch (c)
            {
                case '{':
                    return ReadObject(depth + 1, position);
                case '[':
                    return ReadArray(depth + 1, position);
                case '"':
                    return new JsonNode(JsonKind.String, position, ReadString());
                case 't':
                    ExpectWord("true");
                    return new JsonNode(JsonKind.True, position);
                case 'f':
                    ExpectWord("false");
                    return new JsonNode(JsonKind.False, position);
                case 'n':
                    ExpectWord("null");
                    return new JsonNode(JsonKind.Null, position);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return new JsonNode(JsonKind.Number, position, ReadNumber());
                    }

                    throw Fail(c == '\'' ? "Strings must use double quotes" : "Unexpected '" + c + "': expected a JSON value");
            }
        }

        private JsonNode ReadObject(int depth, TextPosition position)
        {
            CheckDepth(depth);
            _index++;
            var members = new List<JsonMember>();
            SkipTrivia();
            if (TryConsume('}'))
            {
                return new JsonNode(JsonKind.Object, position, members: members);
            }

            while (true)
            {
                SkipTrivia();
                if (_index >= _text.Length || _text[_index] != '"')
                {
                    if (_relaxed && members.Count > 0 && TryConsume('}'))
                    {
                        return new JsonNode(JsonKind.Object, position, members: members);
                    }

                    throw Fail(_index >= _text.Length ? "Unexpected end of file: '}' is missing" : "Expected a property name in double quotes");
                }

                var namePosition = Here;
                var name = ReadString();
                SkipTrivia();
                if (!TryConsume(':'))
                {
                    throw Fail("Expected ':' after property name \"" + name + "\"");
                }

                SkipTrivia();
                members.Add(new JsonMember(name, namePosition, ReadValue(depth)));
                SkipTrivia();
                if (TryConsume(','))
                {
                    continue;
                }

                if (TryConsume('}'))
                {
                    return new JsonNode(JsonKind.Object, position, members: members);
                }

                throw Fail(_index >= _text.Length ? "Unexpected end of file: '}' is missing" : "Expected ',' or '}'");
            }
        }

        private JsonNode ReadArray(int depth, TextPosition position)
        {
            CheckDepth(depth);
            _index++;
            var items = new List<JsonNode>();
            SkipTrivia();
            if (TryConsume(']'))
            {
                return new JsonNode(JsonKind.Array, position, items: items);
            }

            while (true)
            {
                SkipTrivia();
                if (_relaxed && items.Count > 0 && TryConsume(']'))
                {
                    return new JsonNode(JsonKind.Array, position, items: items);
                }

                items.Add(ReadValue(depth));
                SkipTrivia();
                if (TryConsume(','))
                {
                    continue;
                }

                if (TryConsume(']'))
                {
                    return new JsonNode(JsonKind.Array, position, items: items);
                }

                throw Fail(_index >= _text.Length ? "Unexpected end of file: ']' is missing" : "Expected ',' or ']'");
            }
        }

        private string ReadString()
        {
            _index++;
            var builder = new StringBuilder();
            while (true)
            {
                if (_index >= _text.Length)
                {
                    throw Fail("Unexpected end of file inside a string");
                }

                var c = _text[_index];
                if (c == '"')
                {
                    _index++;
                    return builder.ToString();
                }

                if (c == '\n' || c == '\r')
                {
                    throw Fail("A string cannot contain a line break; write \\n");
                }

                if (c < ' ')
                {
                    throw Fail("A string cannot contain control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    _index++;
                    continue;
                }

                if (_index + 1 >= _text.Length)
                {
                    throw Fail("Unexpected end of file inside a string");
                }

                var escape = _text[_index + 1];
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_index + 6 > _text.Length
                            || !int.TryParse(_text.Substring(_index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Fail("Invalid \\u escape: four hex digits expected");
                        }

                        builder.Append((char)code);
                        _index += 4;
                        break;
                    default:
                        throw Fail("Invalid escape '\\" + escape + "'");
                }

                _index += 2;
            }
        }

        private string ReadNumber()
        {
            var start = _index;
            TryConsume('-');
            if (TryConsume('0'))
            {
                // A leading zero stands alone.
            }
            else if (!ConsumeDigits())
            {
                throw Fail("Invalid number");
            }

            if (TryConsume('.') && !ConsumeDigits())
            {
                throw Fail("Invalid number: digits expected after '.'");
            }

            if (_index < _text.Length && (_text[_index] == 'e' || _text[_index] == 'E'))
            {
                _index++;
                if (!TryConsume('+'))
                {
                    TryConsume('-');
                }

                if (!ConsumeDigits())
                {
                    throw Fail("Invalid number: digits expected in the exponent");
                }
            }

            return _text.Substring(start, _index - start);
        }

        private bool ConsumeDigits()
        {
            var start = _index;
            while (_index < _text.Length && _text[_index] >= '0' && _text[_index] <= '9')
            {
                _index++;
            }

            return _index > start;
        }

        private void ExpectWord(string word)
        {
            if (string.CompareOrdinal(_text, _index, word, 0, word.Length) != 0)
            {
                throw Fail("Unexpected '" + _text[_index] + "': expected a JSON value");
            }

            _index += word.Length;
        }

        private void SkipTrivia()
        {
            while (_index < _text.Length)
            {
                var c = _text[_index];
                if (c == '\n')
                {
                    _index++;
                    _line++;
                    _lineStart = _index;
                }
                else if (c == ' ' || c == '\t' || c == '\r' || (c == '\uFEFF' && _index == 0))
                {
                    _index++;
                }
                else if (_relaxed && c == '/' && _index + 1 < _text.Length && _text[_index + 1] == '/')
                {
                    while (_index < _text.Length && _text[_index] != '\n')
                    {
                        _index++;
                    }
                }
                else if (_relaxed && c == '/' && _index + 1 < _text.Length && _text[_index + 1] == '*')
                {
                    var start = Here;
                    _index += 2;
                    while (_index < _text.Length && !(_text[_index] == '*' && _index + 1 < _text.Length && _text[_index + 1] == '/'))
                    {
                        if (_text[_index] == '\n')
                        {
                            _line++;
                            _lineStart = _index + 1;
                        }

                        _index++;
                    }

                    if (_index >= _text.Length)
                    {
                        throw new JsonFailure(new JsonSyntaxError("Unterminated /* comment", start));
                    }

                    _index += 2;
                }
                else
                {
                    return;
                }
            }
        }

        private bool TryConsume(char c)
        {
            if (_index < _text.Length && _text[_index] == c)
            {
                _index++;
                return true;
            }

            return false;
        }

        private void CheckDepth(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Fail("Nesting deeper than " + MaxDepth + " levels");
            }
        }

        private JsonFailure Fail(string message) => new JsonFailure(new JsonSyntaxError(message, Here));

        private sealed class JsonFailure : System.Exception
        {
            public JsonFailure(JsonSyntaxError error)
                : base(error.Message)
            {
                Error = error;
            }

            public JsonSyntaxError Error { get; }
        }
    }
}
