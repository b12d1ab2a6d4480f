using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Procfile;
using HerokuAnalyzers.Shell;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.Procfile
{
    /// <summary>The HK4xxx checks of a Procfile: every rule reads the same <see cref="ProcfileModel"/>.</summary>
    internal static class ProcfileChecks
    {
        /// <summary>SDK commands (docs/heroku-facts.md#buildpack-runtime): the dyno has the runtime's dotnet host but no sdk/ directory.</summary>
        private static readonly HashSet<string> SdkVerbs = new HashSet<string>(StringComparer.Ordinal)
        {
            "run", "watch", "build", "ef", "tool", "test", "restore", "publish", "msbuild", "pack", "new", "clean",
            "add", "remove", "list", "sln", "workload", "format", "nuget", "store", "vstest", "build-server",
        };

        private static readonly Regex WindowsVariable = new Regex(@"%[A-Za-z_][A-Za-z0-9_]+%", RegexOptions.CultureInvariant);

        private static readonly Regex BackslashPath = new Regex(@"(^|[A-Za-z0-9_.:~-])\\[A-Za-z0-9_.~-]", RegexOptions.CultureInvariant);

        public static IEnumerable<Finding> Check(string path, ProjectFacts project) => Check(ProcfileModel.Load(path), project);

        public static List<Finding> Check(ProcfileModel model, ProjectFacts project, CheckGuard? guard = null)
        {
            guard = guard ?? CheckGuard.Throwing;
            var findings = new List<Finding>();
            if (model.File == null)
            {
                findings.Add(new Finding(TaskRules.HK4001_ProcfileSyntax, model.Path, 0, 0, "Procfile cannot be read (" + model.ReadError + "): the buildpack fails the build the same way. Make it a readable UTF-8 file."));
                return findings;
            }

            var file = model.File;
            if (file.EncodingProblem != null)
            {
                findings.Add(new Finding(
                    TaskRules.HK4001_ProcfileSyntax,
                    file.Path,
                    file.EncodingProblemLine,
                    file.EncodingProblemColumn,
                    "Procfile " + file.EncodingProblem + ": the Cloud Native Buildpack fails the build. Save it as UTF-8 without a byte order mark."));
                return findings;
            }

            if (file.StartsWithBom)
            {
                findings.Add(new Finding(
                    TaskRules.HK4001_ProcfileSyntax,
                    file.Path,
                    1,
                    1,
                    "Procfile starts with a UTF-8 byte order mark: the Cloud Native Buildpack fails the build and Cedar ignores the first line. Save it as UTF-8 without a BOM."));
            }

            var document = model.Document!;
            foreach (var problem in document.CnbProblems)
            {
                if (problem.Kind == ProcfileProblemKind.CnbSyntaxError)
                {
                    findings.Add(new Finding(
                        TaskRules.HK4001_ProcfileSyntax,
                        file.Path,
                        problem.Position.Line,
                        problem.Position.Column,
                        "The Cloud Native Buildpack " + problem.Detail + " and fails the build. Write each process as 'type: command' with a lowercase type (a-z, 0-9, '-')."));
                }
            }

            // Each rule, and the command checks of each line, run on their own: one that throws does not hide the others.
            guard.Run(TaskRules.HK4002_ProcfileDialectMismatch.Id, file.Path, () => CheckDialects(file.Path, document, findings));
            guard.Run(TaskRules.HK4003_ProcfileDuplicateType.Id, file.Path, () => CheckDuplicates(file.Path, document, findings));
            foreach (var entry in model.CommandEntries)
            {
                guard.Run("the command checks of line " + entry.Line + " (HK4005-HK4008)", file.Path, () => CheckCommand(file.Path, entry, project, findings));
            }

            return findings;
        }

        /// <summary>Where Cedar and the CNB disagree (docs/heroku-facts.md#procfile-differences) and the CNB still accepts the file's line.</summary>
        private static void CheckDialects(string path, ProcfileDocument document, List<Finding> findings)
        {
            var cedarByLine = new Dictionary<int, ProcfileEntry>();
            foreach (var entry in document.CedarEntries)
            {
                if (!cedarByLine.ContainsKey(entry.Line))
                {
                    cedarByLine.Add(entry.Line, entry);
                }
            }

            var correctedLines = new HashSet<int>();
            foreach (var problem in document.CnbProblems)
            {
                if (problem.Kind == ProcfileProblemKind.CnbKeyCorrected)
                {
                    correctedLines.Add(problem.Position.Line);
                }
            }

            var cnbLines = new HashSet<int>();
            foreach (var entry in document.CnbEntries)
            {
                cnbLines.Add(entry.Line);
                if (!cedarByLine.TryGetValue(entry.Line, out var cedar))
                {
                    findings.Add(new Finding(
                        TaskRules.HK4002_ProcfileDialectMismatch,
                        path,
                        entry.Line,
                        entry.CommandPosition.Column,
                        "Cedar ignores this line because its Procfile parser needs a blank after ':', so process type '" + entry.Name + "' exists only on Fir"
                        + (entry.Name == HerokuFacts.WebProcessType ? " and a Cedar app has no web process (H14 no web dynos)" : "")
                        + ". Write '" + entry.Name + ": " + entry.Command + "'."));
                    continue;
                }

                if (cedar.Name != entry.Name)
                {
                    var web = HerokuFacts.WebProcessType;
                    var consequence = cedar.Name == web || entry.Name == web
                        ? (entry.Name == web ? "Cedar routes no traffic to '" + cedar.Name + "' (H14 no web dynos)" : "Fir routes no traffic to '" + entry.Name + "' (H14 no web dynos)")
                        : "dynos scaled under one name do not exist under the other";
                    findings.Add(new Finding(
                        TaskRules.HK4002_ProcfileDialectMismatch,
                        path,
                        entry.KeyPosition.Line,
                        entry.KeyPosition.Column,
                        "The Cloud Native Buildpack (Fir) renames process type '" + cedar.Name + "' to '" + entry.Name + "' while Cedar keeps '" + cedar.Name + "': "
                        + consequence + ". Write '" + entry.Name + "'."));
                }
                else if (correctedLines.Contains(entry.Line))
                {
                    findings.Add(new Finding(
                        TaskRules.HK4002_ProcfileDialectMismatch,
                        path,
                        entry.Line,
                        1,
                        "The Cloud Native Buildpack corrects the key '" + entry.Name + "' because of the blanks before it and warns on every build, while Cedar accepts them. Start the line with '" + entry.Name + ":'."));
                }
            }

            foreach (var cedar in document.CedarEntries)
            {
                // 'web : x': the CNB fails (HK4001); Cedar runs ': x', bash's no-op, and the process exits at once.
                if (!cnbLines.Contains(cedar.Line) && cedar.Command.StartsWith(":", StringComparison.Ordinal))
                {
                    findings.Add(new Finding(
                        TaskRules.HK4002_ProcfileDialectMismatch,
                        path,
                        cedar.Line,
                        cedar.CommandPosition.Column,
                        "Cedar reads the command of '" + cedar.Name + "' as '" + cedar.Command + "': ':' is the shell's no-op, so the process exits at once"
                        + (cedar.Name == HerokuFacts.WebProcessType ? " (H10 app crashed, H14 no web dynos)" : " (crashed dyno)")
                        + ". Remove the blank before ':'."));
                }
            }
        }

        /// <summary>HK4003: one finding per duplicated name, on its first definition, listing every line that defines it.</summary>
        private static void CheckDuplicates(string path, ProcfileDocument document, List<Finding> findings)
        {
            var byName = new Dictionary<string, List<ProcfileEntry>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var entry in document.CnbEntries)
            {
                if (!byName.TryGetValue(entry.Name, out var definitions))
                {
                    definitions = new List<ProcfileEntry>();
                    byName.Add(entry.Name, definitions);
                    order.Add(entry.Name);
                }

                definitions.Add(entry);
            }

            foreach (var name in order)
            {
                var definitions = byName[name];
                if (definitions.Count < 2)
                {
                    continue;
                }

                var first = definitions[0];
                var winner = definitions[definitions.Count - 1];
                var ignored = new List<string>();
                for (var i = 0; i < definitions.Count - 1; i++)
                {
                    ignored.Add(definitions[i].Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                findings.Add(new Finding(
                    TaskRules.HK4003_ProcfileDuplicateType,
                    path,
                    first.KeyPosition.Line,
                    first.KeyPosition.Column,
                    "Process type '" + name + "' is defined on " + definitions.Count + " lines (" + JoinLines(definitions) + "): Heroku runs only the last one, line " + winner.Line
                    + ", and silently ignores line" + (ignored.Count > 1 ? "s " : " ") + string.Join(", ", ignored) + ". Keep one line per process type."));
            }
        }

        private static string JoinLines(List<ProcfileEntry> definitions)
        {
            var lines = new List<string>();
            foreach (var definition in definitions)
            {
                lines.Add(definition.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return string.Join(", ", lines);
        }

        private static void CheckCommand(string path, ProcfileEntry entry, ProjectFacts project, List<Finding> findings)
        {
            var isRelease = entry.Name == HerokuFacts.ReleaseProcessType;
            var isWeb = entry.Name == HerokuFacts.WebProcessType;
            var commandColumn = entry.CommandPosition.Column;
            var publish = PublishLayout.For(path, project);
            string? currentDirectory = "";
            var commands = ShellCommand.Split(entry.Command);
            foreach (var words in commands)
            {
                var program = ShellCommand.ProgramName(words[0].Text);
                var column = commandColumn + words[0].Offset;
                if (program == "cd")
                {
                    currentDirectory = words.Count > 1 ? PublishLayout.ResolveDirectory(currentDirectory, words[1].Text) : "";
                    continue;
                }

                var sdkVerb = SdkCommand(words);
                if (sdkVerb != null)
                {
                    findings.Add(SdkFinding(path, entry, column, sdkVerb, publish, isRelease));
                    continue;
                }

                if (EndsWithAny(words[0].Text, ".exe", ".bat", ".cmd"))
                {
                    AddWindowsFinding(findings, new Finding(
                        TaskRules.HK4008_ProcfileWindowsSyntax,
                        path,
                        entry.Line,
                        column,
                        "'" + words[0].Text + "' is a Windows program: dynos run Linux, so '" + entry.Name + "' crashes at start (H10 app crashed). Run the published Linux apphost, e.g. './" + (project.AssemblyName ?? "MyApp") + "'."));
                    continue;
                }

                if (publish != null)
                {
                    var mismatch = publish.Check(currentDirectory, words, isWeb);
                    if (mismatch != null)
                    {
                        findings.Add(new Finding(TaskRules.HK4007_ProcfilePublishPath, path, entry.Line, column, mismatch));
                    }
                }
            }

            CheckWindowsText(path, entry, commands, findings);
        }

        private static void CheckWindowsText(string path, ProcfileEntry entry, List<List<ShellWord>> commands, List<Finding> findings)
        {
            var variable = WindowsVariable.Match(entry.Command);
            if (variable.Success)
            {
                var name = variable.Value.Trim('%');
                var port = name == HerokuFacts.PortVariable;
                AddWindowsFinding(findings, new Finding(
                    TaskRules.HK4008_ProcfileWindowsSyntax,
                    path,
                    entry.Line,
                    entry.CommandPosition.Column + variable.Index,
                    "'" + variable.Value + "' is cmd.exe syntax: bash passes it on literally"
                    + (port ? ", so the app never listens on Heroku's port (R10 boot timeout)" : "")
                    + ". Write '$" + name + "'."));
            }

            foreach (var words in commands)
            {
                foreach (var word in words)
                {
                    if (word.HasUnquotedBackslash && BackslashPath.IsMatch(word.Text))
                    {
                        AddWindowsFinding(findings, new Finding(
                            TaskRules.HK4008_ProcfileWindowsSyntax,
                            path,
                            entry.Line,
                            entry.CommandPosition.Column + word.Offset,
                            "'" + word.Text + "' is a Windows path: bash reads '\\' as an escape, so the path does not exist on the dyno and '" + entry.Name + "' crashes (H10 app crashed). Use '/'."));
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// HK4008 once per position: 'bin\App.exe' is one Windows mistake to fix, not two findings at one
        /// column. A line's command findings are the tail of the list, so only that tail is searched.
        /// </summary>
        private static void AddWindowsFinding(List<Finding> findings, Finding finding)
        {
            for (var i = findings.Count - 1; i >= 0 && findings[i].Line == finding.Line && findings[i].File == finding.File; i--)
            {
                if (findings[i].Rule == TaskRules.HK4008_ProcfileWindowsSyntax && findings[i].Column == finding.Column)
                {
                    return;
                }
            }

            findings.Add(finding);
        }

        private static string? SdkCommand(List<ShellWord> words)
        {
            var program = ShellCommand.ProgramName(words[0].Text);
            if (program == "dotnet-ef")
            {
                return "ef";
            }

            return program == "dotnet" && words.Count > 1 && SdkVerbs.Contains(words[1].Text) ? words[1].Text : null;
        }

        private static Finding SdkFinding(string path, ProcfileEntry entry, int column, string verb, PublishLayout? publish, bool isRelease)
        {
            var run = publish != null ? "'cd " + publish.Directory + "; ./" + publish.AssemblyName + "'" : "the published apphost ('cd <project dir>/bin/publish; ./<AssemblyName>')";
            var instead = verb == "ef"
                ? "Publish an EF Core migrations bundle (dotnet ef migrations bundle) and run it as 'release: " + (publish != null ? publish.Directory : "<project dir>/bin/publish") + "/efbundle'"
                : verb == "tool"
                    ? "Tools are restored only during the build; run what the tool produced at build time, or the published app " + run
                    : "Run the published app: " + run;
            if (isRelease)
            {
                return new Finding(
                    TaskRules.HK4006_ReleaseNeedsSdk,
                    path,
                    entry.Line,
                    column,
                    "'dotnet " + verb + "' needs the .NET SDK, which the release phase does not have: the release fails and Heroku keeps running the previous one. " + instead + ".");
            }

            return new Finding(
                TaskRules.HK4005_ProcfileNeedsSdk,
                path,
                entry.Line,
                column,
                "'dotnet " + verb + "' needs the .NET SDK, which dynos do not have (the buildpack keeps only the runtime): '" + entry.Name + "' crashes at start (H10 app crashed). " + instead + ".");
        }

        private static bool EndsWithAny(string text, params string[] suffixes)
        {
            foreach (var suffix in suffixes)
            {
                if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
