#if NET
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace HerokuAnalyzers.Tasks.Rehearsal
{
    /// <summary>One live process of the dyno: its parent and resident memory.</summary>
    internal readonly record struct ProcessSample(int Pid, int ParentPid, long RssBytes);

    /// <summary>
    /// The processes a dyno runs: the <c>bash -c</c> it starts and everything below it, read from /proc
    /// on Linux and from <c>ps</c> on macOS. Every process ever seen is remembered, so that one whose
    /// parent exited (and was re-parented) is still signalled, measured and finally killed.
    /// </summary>
    internal sealed class ProcessTree
    {
        private readonly int _root;
        private readonly HashSet<int> _seen = new HashSet<int>();

        public ProcessTree(int root)
        {
            _root = root;
            _seen.Add(root);
        }

        /// <summary>The live processes of the dyno now (zombies count as exited).</summary>
        public List<ProcessSample> Snapshot()
        {
            var all = OperatingSystem.IsLinux() ? ReadProc() : ReadPs();
            var children = new Dictionary<int, List<ProcessSample>>();
            var byPid = new Dictionary<int, ProcessSample>();
            foreach (var process in all)
            {
                byPid[process.Pid] = process;
                if (!children.TryGetValue(process.ParentPid, out var list))
                {
                    children[process.ParentPid] = list = new List<ProcessSample>();
                }

                list.Add(process);
            }

            var result = new List<ProcessSample>();
            var queue = new Queue<int>();
            lock (_seen)
            {
                foreach (var pid in _seen)
                {
                    queue.Enqueue(pid);
                }
            }

            var visited = new HashSet<int>();
            while (queue.Count > 0)
            {
                var pid = queue.Dequeue();
                if (!visited.Add(pid) || !byPid.TryGetValue(pid, out var process))
                {
                    continue;
                }

                result.Add(process);
                if (children.TryGetValue(pid, out var list))
                {
                    foreach (var child in list)
                    {
                        queue.Enqueue(child.Pid);
                    }
                }
            }

            lock (_seen)
            {
                foreach (var process in result)
                {
                    _seen.Add(process.Pid);
                }
            }

            return result;
        }

        /// <summary>Sends SIGTERM to every live process of the dyno, as the dyno manager does on shutdown (docs/heroku-facts.md#restarts).</summary>
        public void Terminate()
        {
            var pids = new List<string>();
            foreach (var process in Snapshot())
            {
                pids.Add(process.Pid.ToString(CultureInfo.InvariantCulture));
            }

            if (pids.Count == 0)
            {
                return;
            }

            var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
            start.ArgumentList.Add("-TERM");
            foreach (var pid in pids)
            {
                start.ArgumentList.Add(pid);
            }

            using var kill = Process.Start(start);
            kill?.StandardError.ReadToEnd();
            kill?.WaitForExit(5000);
        }

        /// <summary>SIGKILL to every live process of the dyno, repeated until none is left (bounded).</summary>
        public void KillAll()
        {
            for (var round = 0; round < 5; round++)
            {
                var live = Snapshot();
                if (live.Count == 0)
                {
                    return;
                }

                foreach (var process in live)
                {
                    try
                    {
                        using var handle = Process.GetProcessById(process.Pid);
                        handle.Kill();
                    }
                    catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is NotSupportedException)
                    {
                        // Already gone.
                    }
                }

                System.Threading.Thread.Sleep(100);
            }
        }

        /// <summary>The command line of a process, for the R12 report; empty when it is gone.</summary>
        public static string CommandLine(int pid)
        {
            try
            {
                if (OperatingSystem.IsLinux())
                {
                    var raw = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/cmdline");
                    return raw.Replace('\0', ' ').Trim();
                }

                foreach (var line in RunPs("-o", "command=", "-p", pid.ToString(CultureInfo.InvariantCulture)))
                {
                    return line.Trim();
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.ComponentModel.Win32Exception)
            {
            }

            return "";
        }

        private static List<ProcessSample> ReadProc()
        {
            var result = new List<ProcessSample>();
            var pageSize = Environment.SystemPageSize;
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                var name = Path.GetFileName(directory);
                if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                string stat;
                try
                {
                    stat = File.ReadAllText(directory + "/stat");
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    continue;
                }

                // pid (comm) state ppid … rss is the 24th field; comm may hold spaces and parentheses.
                var close = stat.LastIndexOf(')');
                if (close < 0)
                {
                    continue;
                }

                var fields = stat.Substring(close + 2).Split(' ');
                if (fields.Length < 22 || fields[0] == "Z" || fields[0] == "X")
                {
                    continue;
                }

                int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent);
                long.TryParse(fields[21], NumberStyles.None, CultureInfo.InvariantCulture, out var pages);
                result.Add(new ProcessSample(pid, parent, pages * pageSize));
            }

            return result;
        }

        private static List<ProcessSample> ReadPs()
        {
            var result = new List<ProcessSample>();
            foreach (var line in RunPs("-A", "-o", "pid=,ppid=,rss=,stat="))
            {
                var parts = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 4 || parts[3].StartsWith("Z", StringComparison.Ordinal)
                    || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
                {
                    continue;
                }

                long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes);
                result.Add(new ProcessSample(pid, parent, kilobytes * 1024));
            }

            return result;
        }

        private static List<string> RunPs(params string[] arguments)
        {
            var start = new ProcessStartInfo("ps") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var lines = new List<string>();
            using var ps = Process.Start(start);
            if (ps == null)
            {
                return lines;
            }

            string? line;
            while ((line = ps.StandardOutput.ReadLine()) != null)
            {
                lines.Add(line);
            }

            ps.WaitForExit(5000);
            return lines;
        }
    }
}
#endif
