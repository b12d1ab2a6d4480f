namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>One problem found in a Heroku file, at a 1-based line and column.</summary>
    internal sealed class Finding
    {
        public Finding(TaskRule rule, string file, int line, int column, string message)
        {
            Rule = rule;
            File = file;
            Line = line;
            Column = column;
            Message = message;
        }

        public TaskRule Rule { get; }

        public string File { get; }

        public int Line { get; }

        public int Column { get; }

        public string Message { get; }

        public override string ToString() => File + "(" + Line + "," + Column + "): " + Rule.Id + ": " + Message;
    }
}
