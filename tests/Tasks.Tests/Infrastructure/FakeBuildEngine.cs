using System.Collections;
using Microsoft.Build.Framework;

namespace HerokuAnalyzers.Tasks.Tests.Infrastructure;

/// <summary>An IBuildEngine that keeps every event, so tests assert file, line, column, code and help link.</summary>
public sealed class FakeBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.csproj";

    /// <summary>Every error and warning as <c>file(line,col): severity CODE</c>, in logged order.</summary>
    public IEnumerable<string> Findings => Errors.Select(e => $"{Path.GetFileName(e.File)}({e.LineNumber},{e.ColumnNumber}): error {e.Code}")
        .Concat(Warnings.Select(w => $"{Path.GetFileName(w.File)}({w.LineNumber},{w.ColumnNumber}): warning {w.Code}"));

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();
}
