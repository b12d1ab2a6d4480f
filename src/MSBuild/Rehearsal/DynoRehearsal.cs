#if NET
using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Procfile;
using HerokuAnalyzers.Tasks.AppJson;
using HerokuAnalyzers.Tasks.Procfile;
using HerokuAnalyzers.Tasks.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Rehearsal
{
    /// <summary>
    /// One rehearsal: resolve what Heroku would start, lay the app out as a dyno sees it, start it with
    /// Heroku's environment, and observe boot (R10), requests (H12), memory (R14) and shutdown (R12).
    /// Every process started here is killed before <see cref="Run"/> returns, whatever happens.
    /// </summary>
    internal sealed class DynoRehearsal
    {
        private const double Megabyte = 1024 * 1024;

        private readonly RehearseHerokuDyno _task;
        private readonly TaskLoggingHelper _log;
        private readonly List<Finding> _findings = new List<Finding>();
        private readonly List<string[]> _rows = new List<string[]>();
        private JsonText _json = new JsonText();

        private string _file = "";
        private int _line = 1;
        private int _column = 1;

        public DynoRehearsal(RehearseHerokuDyno task, TaskLoggingHelper log)
        {
            _task = task;
            _log = log;
        }

        public List<Finding> Run()
        {
            _file = _task.ProjectFile;
            _json.BeginObject().Property("project", _task.ProjectFile);
            try
            {
                Rehearse();
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // A machine problem (no bash, a file that cannot be linked), not a finding about the app;
                // never an MSB4018 crash. The processes are already killed (DynoProcess.Dispose).
                _log.LogError(null, null, null, _task.ProjectFile, 0, 0, 0, 0, "HerokuRehearse could not run the app: " + e.Message);
                _rows.Add(new[] { "rehearsal", "could not run: " + e.Message, "-" });

                // The report may have stopped inside an object: start it again with what is known.
                _json = new JsonText().BeginObject().Property("project", _task.ProjectFile).Property("error", e.Message);
            }
            finally
            {
                _json.BeginArray("findings");
                foreach (var finding in _findings)
                {
                    _json.BeginObject().Property("ruleId", finding.Rule.Id).Property("file", finding.File).Property("line", finding.Line)
                        .Property("column", finding.Column).Property("message", finding.Message).EndObject();
                }

                _json.EndArray().EndObject();
                WriteReport();
            }

            return _findings;
        }

        private void Rehearse()
        {
            var procfile = !string.IsNullOrEmpty(_task.ProcfilePath) && File.Exists(_task.ProcfilePath) ? ProcfileModel.Load(_task.ProcfilePath!) : null;
            var appJson = !string.IsNullOrEmpty(_task.AppJsonPath) && File.Exists(_task.AppJsonPath) ? AppJsonModel.Load(_task.AppJsonPath!) : null;

            var appRoot = procfile != null ? Path.GetDirectoryName(Path.GetFullPath(procfile.Path))! : !string.IsNullOrEmpty(_task.RepositoryRoot) ? _task.RepositoryRoot! : _task.ProjectDirectory;
            var facts = new ProjectFacts(_task.ProjectDirectory, _task.AssemblyName, _task.RepositoryRoot, _task.IsWebProject, inspectFileSystem: false);
            var layout = PublishLayout.For(Path.Combine(appRoot, HerokuFacts.ProcfileName), facts);
            if (layout == null)
            {
                _log.LogError(null, null, null, _task.ProjectFile, 0, 0, 0, 0, "HerokuRehearse: the project directory is not inside the app root " + appRoot + " (the directory of the Procfile, or the repository root), so it cannot be laid out where the .NET buildpack puts it.");
                return;
            }

            // What Heroku starts: the Procfile's web command, else the buildpack's own for a web project (docs/heroku-facts.md#buildpack-web-process).
            string command;
            if (procfile != null)
            {
                var web = Find(procfile, HerokuFacts.WebProcessType);
                if (web == null)
                {
                    _log.LogMessage(MessageImportance.High, "HerokuRehearse: " + procfile.Path + " defines no web process, so Heroku routes no traffic to this app (H14 no web dynos); nothing to rehearse.");
                    return;
                }

                command = web.Command;
                _file = procfile.Path;
                _line = web.CommandPosition.Line;
                _column = web.CommandPosition.Column;
            }
            else if (_task.IsWebProject)
            {
                command = "cd " + layout.Directory + "; ./" + layout.AssemblyName + " --urls http://*:$" + HerokuFacts.PortVariable;
            }
            else
            {
                _log.LogMessage(MessageImportance.High, "HerokuRehearse: " + Path.GetFileName(_task.ProjectFile) + " is not a web app and there is no Procfile web process; nothing to rehearse.");
                return;
            }

            _json.Property("command", command).Property("appRoot", appRoot).Property("publishLayout", layout.Directory);

            var publishDirectory = FindPublishDirectory();
            if (publishDirectory == null)
            {
                _log.LogError(null, null, null, _task.ProjectFile, 0, 0, 0, 0,
                    "HerokuRehearse: no published " + _task.AssemblyName + " found (looked in " + string.Join(", ", _task.PublishDirectories) + "). Publish first, as the buildpack does: `dotnet publish -p:PublishDir=bin/publish/`, or add -p:HerokuRehearsalPublish=true.");
                return;
            }

            _json.Property("publishDirectory", publishDirectory);

            var missing = new List<MissingConfigVar>();
            var configVars = RehearsalConfigVars.FromAppJson(appJson?.Root, RehearsalConfigVars.ParseSettings(_task.Environment), System.Environment.GetEnvironmentVariable, missing);
            if (missing.Count > 0)
            {
                ReportMissing(appJson!.Path, missing);
                return;
            }

            var stage = Path.Combine(_task.WorkDirectory, "rehearsal", "app");
            AppStage.Create(appRoot, layout.Directory, publishDirectory, stage);
            var port = FreePort();
            var environment = Environment(configVars, stage);

            _log.LogMessage(MessageImportance.High, "HerokuRehearse: starting `" + command + "` as " + HerokuFacts.FirstWebDynoName + " with PORT=" + port.ToString(CultureInfo.InvariantCulture) + " in " + stage + " (the app's output: " + LogFile("web") + ").");

            if (_task.RunRelease && procfile != null && !Release(procfile, stage, environment))
            {
                return;
            }

            environment[HerokuFacts.PortVariable] = port.ToString(CultureInfo.InvariantCulture);
            environment["DYNO"] = HerokuFacts.FirstWebDynoName;
            using (var dyno = DynoProcess.Start(command, stage, environment, LogFile("web")))
            {
                dyno.StartSampling(TimeSpan.FromMilliseconds(200));
                var booted = Boot(dyno, port);
                if (booted)
                {
                    Load(dyno, port);
                }

                dyno.Sample();
                dyno.StopSampling();
                Memory(dyno, appJson);
                if (booted)
                {
                    Shutdown(dyno);
                }
                else
                {
                    _rows.Add(new[] { "R12 SIGTERM", "not rehearsed (the app never booted)", "-" });
                }
            }
        }

        private bool Boot(DynoProcess dyno, int port)
        {
            var limit = TimeSpan.FromSeconds(Math.Max(1, _task.BootTimeout));
            var seconds = RouterLoad.WaitForPort(port, limit, () => dyno.HasExited);
            _json.BeginObject("boot").Property("port", port).Property("timeoutSeconds", limit.TotalSeconds);
            if (seconds == null)
            {
                var exited = dyno.HasExited && dyno.Tree.Snapshot().Count == 0;
                var what = exited
                    ? string.Format(CultureInfo.InvariantCulture, "The web process exited with code {0} before it accepted connections on $PORT: on Heroku the dyno crashes (H10 app crashed) instead of booting (R10).", dyno.ExitCode)
                    : string.Format(CultureInfo.InvariantCulture, "The web process did not accept connections on $PORT ({0}) within {1} s{2}: Heroku kills it with R10 boot timeout and the router answers H10.", port, limit.TotalSeconds, Limit(_task.BootTimeout, HerokuFacts.BootTimeoutSeconds, "HerokuBootTimeout"));
                Report(TaskRules.HK9001_RehearsalBootTimeout, what + " Bind all interfaces on the port Heroku gives: `--urls http://*:$PORT` in the Procfile command, or the PORT variable in code (HK3001, HK3004)." + LastOutput(dyno));
                _json.Property("accepted", false).Property("exited", exited).EndObject();
                _rows.Add(new[] { "R10 boot", exited ? "exited with code " + dyno.ExitCode.ToString(CultureInfo.InvariantCulture) + " before binding $PORT" : "no connection on $PORT within " + limit.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s", exited ? "H10 app crashed" : "R10 boot timeout, H10" });
                _rows.Add(new[] { "H12 requests", "not rehearsed (the app never booted)", "-" });
                return false;
            }

            _json.Property("accepted", true).Property("seconds", seconds.Value);
            var result = string.Format(CultureInfo.InvariantCulture, "accepted connections after {0:0.0} s (limit {1} s)", seconds.Value, limit.TotalSeconds);
            var heroku = "ok";
            var external = RouterLoad.ExternalAddress();
            if (external != null)
            {
                var reachable = RouterLoad.Accepts(external, port, TimeSpan.FromSeconds(2));
                _json.Property("externalAddress", external.ToString()).Property("acceptsOnExternalAddress", reachable);
                if (!reachable)
                {
                    Report(TaskRules.HK9001_RehearsalBootTimeout, string.Format(CultureInfo.InvariantCulture,
                        "The web process accepts connections on $PORT ({0}) only on loopback, not on this machine's address {1}: Heroku's router cannot reach a loopback address, so the dyno fails with R10 boot timeout. Bind all interfaces: `http://*:$PORT`, not localhost or 127.0.0.1 (HK3002).{2}",
                        port, external, LastOutput(dyno)));
                    result += ", on loopback only";
                    heroku = "R10 boot timeout (router cannot reach loopback)";
                }
            }

            _json.EndObject();
            _rows.Add(new[] { "R10 boot", result, heroku });
            return true;
        }

        private void Load(DynoProcess dyno, int port)
        {
            var paths = new List<string>();
            foreach (var written in (_task.Paths ?? "/").Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var path = written.Trim();
                path = path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path;
                if (path.IndexOfAny(new[] { ' ', '\t', '#', '\\' }) >= 0 || !Uri.TryCreate("http://127.0.0.1" + path, UriKind.Absolute, out _))
                {
                    _log.LogWarning(null, null, null, _task.ProjectFile, 0, 0, 0, 0, "HerokuRehearsalPaths: '" + written.Trim() + "' is not a URL path such as /health or /api/items?page=1; it was not requested.");
                    continue;
                }

                paths.Add(path);
            }

            if (paths.Count == 0)
            {
                paths.Add("/");
            }

            var limit = TimeSpan.FromSeconds(Math.Max(1, _task.RequestTimeout));
            var requests = Math.Max(1, _task.Requests);
            var concurrency = Math.Max(1, Math.Min(_task.Concurrency, 256));
            var results = RouterLoad.Run(port, paths, requests, concurrency, limit, () => dyno.HasExited && dyno.Tree.Snapshot().Count == 0);
            _json.BeginObject("requests").Property("perPath", requests).Property("concurrency", concurrency).Property("firstByteTimeoutSeconds", limit.TotalSeconds).BeginArray("paths");
            foreach (var result in results)
            {
                var parts = result.Statuses.Select(s => s.Key.ToString(CultureInfo.InvariantCulture) + " x" + s.Value.ToString(CultureInfo.InvariantCulture)).ToList();
                if (result.TimedOut > 0)
                {
                    parts.Add(result.TimedOut.ToString(CultureInfo.InvariantCulture) + " timed out");
                }

                if (result.Failed > 0)
                {
                    parts.Add(result.Failed.ToString(CultureInfo.InvariantCulture) + " failed");
                }

                var observed = (parts.Count == 0 ? "no response" : string.Join(", ", parts))
                    + (result.FirstByteMilliseconds.Count == 0 ? "" : string.Format(CultureInfo.InvariantCulture, "; first byte p50 {0:0} ms, p95 {1:0} ms", result.Percentile(50), result.Percentile(95)));
                var heroku = "ok";
                if (result.TimedOut > 0)
                {
                    heroku = "H12 request timeout (503)";
                    Report(TaskRules.HK9002_RehearsalRequestTimeout, string.Format(
                        CultureInfo.InvariantCulture,
                        "GET {0} sent no first byte within {1} s{2} in {3} of {4} requests: Heroku's router gives up, answers 503 and logs H12 request timeout, while the app keeps working on the request. Answer within the limit: await I/O instead of blocking (HK1001–HK1003), bound waits (HK1004) and move long work to a worker dyno (HK1005).",
                        result.Path, limit.TotalSeconds, Limit(_task.RequestTimeout, HerokuFacts.RouterFirstByteTimeoutSeconds, "HerokuRehearsalRequestTimeout"), result.TimedOut, result.Sent));
                }
                else if (result.Failed > 0)
                {
                    heroku = "H13/H18 (connection closed without response)";
                }
                else if (result.Statuses.Keys.Any(s => s >= 500))
                {
                    heroku = "5xx to clients";
                }

                _rows.Add(new[] { "H12 GET " + result.Path, observed, heroku });
                _json.BeginObject().Property("path", result.Path).Property("sent", result.Sent).Property("timedOut", result.TimedOut).Property("failed", result.Failed)
                    .Property("p50Milliseconds", result.Percentile(50)).Property("p95Milliseconds", result.Percentile(95)).BeginObject("statuses");
                foreach (var status in result.Statuses)
                {
                    _json.Property(status.Key.ToString(CultureInfo.InvariantCulture), status.Value);
                }

                _json.EndObject();
                if (result.FirstError != null)
                {
                    _json.Property("firstError", result.FirstError);
                }

                _json.EndObject();
            }

            _json.EndArray().EndObject();
        }

        private void Memory(DynoProcess dyno, AppJsonModel? appJson)
        {
            var (sizeName, source, file, line, column) = DynoSizeOf(appJson);
            var size = DynoSizes.Find(sizeName);
            int quota;
            string quotaSource;
            if (_task.MemoryQuota > 0)
            {
                quota = _task.MemoryQuota;
                quotaSource = "HerokuRehearsalMemoryQuota";
                file = _file;
                line = _line;
                column = _column;
            }
            else if (size?.MemoryMegabytes != null)
            {
                quota = size.MemoryMegabytes.Value;
                quotaSource = size.Name + ", from " + source;
            }
            else
            {
                quota = HerokuFacts.SmallDynoMemoryMegabytes;
                quotaSource = HerokuFacts.DefaultDynoSize + "'s; '" + sizeName + "' (" + source + ") has no documented quota";
            }

            var peak = dyno.PeakRssBytes / Megabyte;
            _json.BeginObject("memory").Property("peakMegabytes", Math.Round(peak, 1)).Property("quotaMegabytes", quota).Property("quotaSource", quotaSource).EndObject();
            var observed = string.Format(CultureInfo.InvariantCulture, "peak {0:0} MB resident of {1} MB ({2})", peak, quota, quotaSource);
            if (peak > quota)
            {
                Report(TaskRules.HK9003_RehearsalMemoryQuota, file, line, column, string.Format(
                    CultureInfo.InvariantCulture,
                    "The dyno's processes peaked at {0:0} MB resident during the rehearsal, above the {1} MB quota ({2}): Heroku logs R14 memory quota exceeded and the dyno swaps, slowing every request, and restarts it at R15 when usage grows further. Bound caches and collections (HK2001, HK2002), keep Server GC in check on small dynos (HK2005), or choose a bigger dyno size.",
                    peak, quota, quotaSource));
                _rows.Add(new[] { "R14 memory", observed, "R14 memory quota exceeded" });
            }
            else
            {
                _rows.Add(new[] { "R14 memory", observed, "ok" });
            }
        }

        private void Shutdown(DynoProcess dyno)
        {
            var limit = TimeSpan.FromSeconds(Math.Max(1, _task.ShutdownTimeout));
            var watch = Stopwatch.StartNew();
            dyno.Tree.Terminate();
            var exited = dyno.WaitForAllExited(limit);
            _json.BeginObject("shutdown").Property("timeoutSeconds", limit.TotalSeconds).Property("exited", exited);
            if (exited)
            {
                _json.Property("seconds", watch.Elapsed.TotalSeconds).EndObject();
                _rows.Add(new[] { "R12 SIGTERM", string.Format(CultureInfo.InvariantCulture, "all processes exited after {0:0.0} s (limit {1} s)", watch.Elapsed.TotalSeconds, limit.TotalSeconds), "ok" });
                return;
            }

            var running = dyno.Tree.Snapshot().Select(p => p.Pid.ToString(CultureInfo.InvariantCulture) + " " + Shorten(ProcessTree.CommandLine(p.Pid) is { Length: > 0 } line ? line : "(exiting)")).ToList();
            _json.BeginArray("stillRunning");
            foreach (var process in running)
            {
                _json.Item(process);
            }

            _json.EndArray().EndObject();
            Report(TaskRules.HK9004_RehearsalExitTimeout, string.Format(
                CultureInfo.InvariantCulture,
                "{0} process(es) still ran {1} s after SIGTERM{2}: {3}. Heroku then kills them with SIGKILL and logs R12 exit timeout, cutting off requests and background work mid-way. Let the host stop on SIGTERM (do not cancel the signal), keep HostOptions.ShutdownTimeout and IHostedService.StopAsync work below {5} s.{4}",
                running.Count, limit.TotalSeconds, Limit(_task.ShutdownTimeout, HerokuFacts.ShutdownGraceSeconds, "HerokuRehearsalShutdownTimeout"), string.Join("; ", running), LastOutput(dyno), HerokuFacts.ShutdownGraceSeconds));
            _rows.Add(new[] { "R12 SIGTERM", running.Count.ToString(CultureInfo.InvariantCulture) + " process(es) still running after " + limit.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s", "R12 exit timeout, SIGKILL" });
        }

        private bool Release(ProcfileModel procfile, string stage, Dictionary<string, string> environment)
        {
            var release = Find(procfile, HerokuFacts.ReleaseProcessType);
            if (release == null)
            {
                return true;
            }

            var limit = TimeSpan.FromSeconds(Math.Max(1, _task.ReleaseTimeout));
            var releaseEnvironment = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["DYNO"] = "release.1" };
            var watch = Stopwatch.StartNew();
            using var process = DynoProcess.Start(release.Command, stage, releaseEnvironment, LogFile("release"));
            var finished = process.WaitForAllExited(limit);
            var failed = !finished || process.ExitCode != 0;
            _json.BeginObject("release").Property("command", release.Command).Property("finished", finished).Property("exitCode", process.ExitCode).Property("seconds", watch.Elapsed.TotalSeconds).EndObject();
            if (!failed)
            {
                _rows.Add(new[] { "release", string.Format(CultureInfo.InvariantCulture, "exited 0 after {0:0.0} s", watch.Elapsed.TotalSeconds), "ok" });
                return true;
            }

            var what = finished
                ? string.Format(CultureInfo.InvariantCulture, "The release command exited with code {0}", process.ExitCode)
                : string.Format(CultureInfo.InvariantCulture, "The release command did not finish within {0} s{1}", limit.TotalSeconds, Limit(_task.ReleaseTimeout, HerokuFacts.ReleasePhaseTimeoutSeconds, "HerokuRehearsalReleaseTimeout"));
            _findings.Add(new Finding(TaskRules.HK9006_RehearsalReleaseFailed, procfile.Path, release.CommandPosition.Line, release.CommandPosition.Column,
                what + ": Heroku fails the release and keeps the previous one running, so the new code is never deployed. Make the command succeed without the .NET SDK (HK4006) and well within Heroku's one-hour release limit." + LastOutput(process)));
            _rows.Add(new[] { "release", finished ? "exit code " + process.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running after " + limit.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s", "release fails" });
            return false;
        }

        private void ReportMissing(string appJsonPath, List<MissingConfigVar> missing)
        {
            var names = string.Join(", ", missing.Select(m => m.Name));
            foreach (var variable in missing)
            {
                _findings.Add(new Finding(TaskRules.HK9005_RehearsalRequiredConfigVar, appJsonPath, variable.Position.Line, variable.Position.Column, string.Format(
                    CultureInfo.InvariantCulture,
                    "app.json requires the config var {0} and gives it no value or generator (required config vars without a value: {1}): Heroku cannot set up an app from this manifest until someone supplies it, and the rehearsal cannot start the app as Heroku would. Give it a value for the rehearsal with -p:HerokuRehearsalEnvironment={0}=… or an environment variable {0}; on Heroku, `heroku config:set {0}=…`.",
                    variable.Name,
                    names)));
            }

            _rows.Add(new[] { "config vars", "required without value: " + names, "app setup fails" });
            _json.BeginArray("missingConfigVars");
            foreach (var variable in missing)
            {
                _json.Item(variable.Name);
            }

            _json.EndArray();
        }

        private void Report(TaskRule rule, string message) => Report(rule, _file, _line, _column, message);

        private void Report(TaskRule rule, string file, int line, int column, string message) => _findings.Add(new Finding(rule, file, line, column, message));

        /// <summary>The dyno size the web process gets: app.json formation, then HerokuDynoSize, then Heroku's default (docs/heroku-facts.md#appjson-keys, #dyno-sizes).</summary>
        private (string Size, string Source, string File, int Line, int Column) DynoSizeOf(AppJsonModel? appJson)
        {
            var size = appJson?.Root?["formation"]?[HerokuFacts.WebProcessType]?["size"];
            if (size?.Kind == JsonKind.String && !string.IsNullOrWhiteSpace(size.Text))
            {
                return (size.Text!, "app.json formation.web.size", appJson!.Path, size.Position.Line, size.Position.Column);
            }

            if (!string.IsNullOrWhiteSpace(_task.DynoSize))
            {
                return (_task.DynoSize!, "HerokuDynoSize", _file, _line, _column);
            }

            return (HerokuFacts.DefaultDynoSize, "Heroku's default", _file, _line, _column);
        }

        private Dictionary<string, string> Environment(Dictionary<string, string> configVars, string stage)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            {
                var name = (string)entry.Key;
                if (Array.IndexOf(RehearsalConfigVars.NotInherited, name) < 0 && !name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) && entry.Value is string value)
                {
                    environment[name] = value;
                }
            }

            // What the .NET buildpack's runtime layer sets at launch (docs/heroku-facts.md#buildpack-env): the runtime on PATH and DOTNET_ROOT.
            var dotnetRoot = System.Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? RuntimeRoot();
            if (dotnetRoot != null)
            {
                environment["DOTNET_ROOT"] = dotnetRoot;
                environment["PATH"] = dotnetRoot + Path.PathSeparator + (environment.TryGetValue("PATH", out var path) ? path : "/usr/local/bin:/usr/bin:/bin");
            }

            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "true";
            environment["DOTNET_NOLOGO"] = "true";
            environment["DOTNET_EnableWriteXorExecute"] = "0";
            environment["DOTNET_RUNNING_IN_CONTAINER"] = "true";
            foreach (var variable in configVars)
            {
                environment[variable.Key] = variable.Value;
            }

            // $HOME is the app directory on a dyno (/app).
            environment["HOME"] = stage;
            return environment;
        }

        /// <summary>The folder of the dotnet host that runs this build, from the shared framework loaded now.</summary>
        private static string? RuntimeRoot()
        {
            var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
            var root = framework == null ? null : Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(framework)));
            return root != null && (File.Exists(Path.Combine(root, "dotnet")) || File.Exists(Path.Combine(root, "dotnet.exe"))) ? root : null;
        }

        private string? FindPublishDirectory()
        {
            string? best = null;
            var bestTime = DateTime.MinValue;
            foreach (var candidate in _task.PublishDirectories)
            {
                if (string.IsNullOrWhiteSpace(candidate))
                {
                    continue;
                }

                var directory = Path.GetFullPath(candidate);
                var dll = Path.Combine(directory, (_task.AssemblyName ?? "") + ".dll");
                if (File.Exists(dll) && File.GetLastWriteTimeUtc(dll) > bestTime)
                {
                    best = directory;
                    bestTime = File.GetLastWriteTimeUtc(dll);
                }
            }

            return best;
        }

        private static ProcfileEntry? Find(ProcfileModel procfile, string type)
        {
            if (procfile.Document == null)
            {
                return null;
            }

            // The CNB's reading where it has one (Fir and heroku/builder), else the Cedar parser's.
            return procfile.Document.CnbEntries.LastOrDefault(e => e.Name == type && e.Command.Trim().Length > 0)
                ?? procfile.Document.CedarEntries.LastOrDefault(e => e.Name == type && e.Command.Trim().Length > 0);
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private string LogFile(string process) => Path.Combine(_task.WorkDirectory, "rehearsal-" + process + ".log");

        private static string LastOutput(DynoProcess dyno)
        {
            var lines = dyno.LastLines();
            return lines.Length == 0 ? " The process wrote nothing." : " Last output: " + lines.Replace("\r", "").Replace("\n", " | ");
        }

        private static string Limit(int configured, int heroku, string property)
            => configured == heroku ? "" : string.Format(CultureInfo.InvariantCulture, " ({0}; Heroku's limit is {1} s)", property, heroku);

        private static string Shorten(string text) => text.Length > 160 ? text.Substring(0, 160) + "…" : text;

        private void WriteReport()
        {
            if (_rows.Count > 0)
            {
                var widths = new int[3];
                var header = new[] { "Check", "Observed", "Heroku would" };
                foreach (var row in _rows.Prepend(header))
                {
                    for (var i = 0; i < 3; i++)
                    {
                        widths[i] = Math.Max(widths[i], row[i].Length);
                    }
                }

                var table = new StringBuilder("Heroku dyno rehearsal of " + Path.GetFileName(_task.ProjectFile) + ":");
                foreach (var row in _rows.Prepend(header))
                {
                    table.Append('\n').Append("  ").Append(row[0].PadRight(widths[0])).Append("  ").Append(row[1].PadRight(widths[1])).Append("  ").Append(row[2]);
                }

                _log.LogMessage(MessageImportance.High, table.ToString());
            }

            try
            {
                Directory.CreateDirectory(_task.WorkDirectory);
                var path = Path.Combine(_task.WorkDirectory, "rehearsal.json");
                File.WriteAllText(path, _json.ToString() + "\n", new UTF8Encoding(false));
                _log.LogMessage(MessageImportance.Normal, "HerokuRehearse: wrote " + path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                _log.LogWarning("HerokuRehearse: could not write rehearsal.json: " + e.Message);
            }
        }
    }
}
#endif
