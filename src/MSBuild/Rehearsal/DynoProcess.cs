#if NET
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace HerokuAnalyzers.Tasks.Rehearsal
{
    /// <summary>
    /// A process type started as Heroku starts it: <c>bash -c "&lt;command&gt;"</c> in the app directory with
    /// the config vars as its whole environment on top of the machine's basics. Keeps the last lines of its
    /// output for findings and writes all of it (bounded) to a log file. Disposing kills every process of it.
    /// </summary>
    internal sealed class DynoProcess : IDisposable
    {
        private const int KeptLines = 30;
        private const long MaxLogBytes = 4 * 1024 * 1024;

        private readonly Process _process;
        private readonly Queue<string> _lastLines = new Queue<string>();
        private readonly StreamWriter? _log;
        private long _logged;
        private long _peakRss;
        private Timer? _sampler;

        private DynoProcess(Process process, StreamWriter? log)
        {
            _process = process;
            _log = log;
        }

        public ProcessTree Tree { get; private set; } = new ProcessTree(-1);

        public bool HasExited => _process.HasExited;

        public int ExitCode => _process.HasExited ? _process.ExitCode : -1;

        /// <summary>The largest sum of the resident memory of the dyno's processes seen by the sampler.</summary>
        public long PeakRssBytes => Interlocked.Read(ref _peakRss);

        public static DynoProcess Start(string command, string workingDirectory, IDictionary<string, string> environment, string? logFile)
        {
            var start = new ProcessStartInfo("bash")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command);
            start.Environment.Clear();
            foreach (var pair in environment)
            {
                start.Environment[pair.Key] = pair.Value;
            }

            StreamWriter? log = null;
            if (logFile != null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
                log = new StreamWriter(logFile, append: false, new UTF8Encoding(false)) { AutoFlush = true };
            }

            var process = new Process { StartInfo = start };
            var dyno = new DynoProcess(process, log);
            process.OutputDataReceived += (_, e) => dyno.Append(e.Data);
            process.ErrorDataReceived += (_, e) => dyno.Append(e.Data);
            process.Start();
            dyno.Tree = new ProcessTree(process.Id);
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return dyno;
        }

        /// <summary>Samples the memory of the dyno's processes every <paramref name="interval"/> until disposed or stopped.</summary>
        public void StartSampling(TimeSpan interval)
        {
            _sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, interval);
        }

        public void StopSampling()
        {
            _sampler?.Dispose();
            _sampler = null;
        }

        /// <summary>Samples once now; returns the live processes.</summary>
        public List<ProcessSample> Sample()
        {
            try
            {
                var live = Tree.Snapshot();
                long total = 0;
                foreach (var process in live)
                {
                    total += process.RssBytes;
                }

                long peak;
                while (total > (peak = Interlocked.Read(ref _peakRss)) && Interlocked.CompareExchange(ref _peakRss, total, peak) != peak)
                {
                }

                return live;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.ComponentModel.Win32Exception || e is InvalidOperationException)
            {
                return new List<ProcessSample>();
            }
        }

        /// <summary>The last lines the processes wrote, for a finding's message.</summary>
        public string LastLines()
        {
            lock (_lastLines)
            {
                return string.Join("\n", _lastLines);
            }
        }

        /// <summary>Waits up to <paramref name="timeout"/> for every process of the dyno to exit.</summary>
        public bool WaitForAllExited(TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (_process.HasExited && Tree.Snapshot().Count == 0)
                {
                    return true;
                }

                if (watch.Elapsed >= timeout)
                {
                    return false;
                }

                Thread.Sleep(50);
            }
        }

        public void Dispose()
        {
            StopSampling();
            try
            {
                Tree.KillAll();
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                _process.WaitForExit(5000);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is IOException)
            {
                // Already gone.
            }

            _process.Dispose();
            lock (_lastLines)
            {
                _log?.Dispose();
            }
        }

        private void Append(string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (_lastLines)
            {
                _lastLines.Enqueue(line.Length > 500 ? line.Substring(0, 500) + "…" : line);
                if (_lastLines.Count > KeptLines)
                {
                    _lastLines.Dequeue();
                }

                if (_log != null && _logged < MaxLogBytes)
                {
                    _logged += line.Length + 1;
                    try
                    {
                        _log.WriteLine(line);
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            }
        }
    }
}
#endif
