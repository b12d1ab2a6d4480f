using System.Globalization;
using System.Text;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>
    /// Just enough of a JSON writer for the SARIF log and the slug report: System.Text.Json is not part
    /// of the .NET Framework MSBuild that Visual Studio runs, and the task must not ship its own copy.
    /// </summary>
    internal sealed class JsonText
    {
        private readonly StringBuilder _text = new StringBuilder();
        private bool _needsComma;
        private int _depth;

        /// <summary>The value as a JSON string literal, quotes included.</summary>
        public static string Quote(string value) => AppendString(new StringBuilder(value.Length + 2), value).ToString();

        public JsonText BeginObject(string? name = null) => Open(name, '{');

        public JsonText EndObject() => Close('}');

        public JsonText BeginArray(string name) => Open(name, '[');

        public JsonText EndArray() => Close(']');

        public JsonText Property(string name, string value)
        {
            Name(name);
            AppendString(_text, value);
            _needsComma = true;
            return this;
        }

        public JsonText Property(string name, long value)
        {
            Name(name);
            _text.Append(value.ToString(CultureInfo.InvariantCulture));
            _needsComma = true;
            return this;
        }

        public JsonText Property(string name, double value)
        {
            Name(name);
            _text.Append(value.ToString("0.###", CultureInfo.InvariantCulture));
            _needsComma = true;
            return this;
        }

        public JsonText Property(string name, bool value)
        {
            Name(name);
            _text.Append(value ? "true" : "false");
            _needsComma = true;
            return this;
        }

        /// <summary>A string item of the array being written.</summary>
        public JsonText Item(string value)
        {
            Separate();
            AppendString(_text, value);
            _needsComma = true;
            return this;
        }

        public override string ToString() => _text.ToString();

        private JsonText Open(string? name, char bracket)
        {
            if (name != null)
            {
                Name(name);
            }
            else
            {
                Separate();
            }

            _text.Append(bracket);
            _depth++;
            _needsComma = false;
            return this;
        }

        private JsonText Close(char bracket)
        {
            _depth--;
            NewLine();
            _text.Append(bracket);
            _needsComma = true;
            return this;
        }

        private void Name(string name)
        {
            Separate();
            AppendString(_text, name);
            _text.Append(": ");
        }

        private void Separate()
        {
            if (_needsComma)
            {
                _text.Append(',');
            }

            if (_depth > 0)
            {
                NewLine();
            }
        }

        private void NewLine() => _text.Append('\n').Append(' ', _depth * 2);

        private static StringBuilder AppendString(StringBuilder builder, string value)
        {
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"');
        }
    }
}
