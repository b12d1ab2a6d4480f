namespace HerokuAnalyzers.Text
{
    /// <summary>A 1-based line and column (in UTF-16 characters) inside a Heroku file.</summary>
    internal readonly struct TextPosition
    {
        public TextPosition(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }

        public override string ToString() => "(" + Line + "," + Column + ")";
    }
}
