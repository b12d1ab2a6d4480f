#if NET
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace HerokuAnalyzers.Tasks.Rehearsal
{
    /// <summary>What one path answered under the load.</summary>
    internal sealed class PathResult
    {
        public PathResult(string path) => Path = path;

        public string Path { get; }

        public int Sent { get; set; }

        /// <summary>Requests with no first byte within the limit: the router's H12.</summary>
        public int TimedOut { get; set; }

        /// <summary>Requests whose connection failed or closed without a response (H13/H18 on Heroku).</summary>
        public int Failed { get; set; }

        public SortedDictionary<int, int> Statuses { get; } = new SortedDictionary<int, int>();

        /// <summary>Time to the response headers of each answered or timed-out request (a timeout counts at the limit).</summary>
        public List<double> FirstByteMilliseconds { get; } = new List<double>();

        public string? FirstError { get; set; }

        public double Percentile(double p)
        {
            if (FirstByteMilliseconds.Count == 0)
            {
                return 0;
            }

            var sorted = new List<double>(FirstByteMilliseconds);
            sorted.Sort();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
            return sorted[Math.Max(0, Math.Min(sorted.Count - 1, rank - 1))];
        }
    }

    /// <summary>
    /// Plays Heroku's router against the dyno, on loopback only: waits for $PORT to accept connections
    /// (R10), then sends a bounded number of GET requests per path with bounded concurrency, each given
    /// the router's first-byte limit (H12), with the headers the router adds (docs/heroku-facts.md#router).
    /// </summary>
    internal static class RouterLoad
    {
        /// <summary>Seconds until 127.0.0.1:port accepted a connection, or null when the deadline or the process's exit came first.</summary>
        public static double? WaitForPort(int port, TimeSpan timeout, Func<bool> hasExited)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < timeout)
            {
                if (Accepts(IPAddress.Loopback, port, TimeSpan.FromMilliseconds(500)))
                {
                    return watch.Elapsed.TotalSeconds;
                }

                if (hasExited())
                {
                    return null;
                }

                Thread.Sleep(100);
            }

            return null;
        }

        /// <summary>
        /// An address of this machine that is not loopback, to tell an app that listens on all interfaces
        /// from one that listens on loopback only (which the router cannot reach: R10); null when there is none.
        /// </summary>
        public static IPAddress? ExternalAddress()
        {
            try
            {
                foreach (var network in NetworkInterface.GetAllNetworkInterfaces())
                {
                    if (network.OperationalStatus != OperationalStatus.Up || network.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                    {
                        continue;
                    }

                    foreach (var address in network.GetIPProperties().UnicastAddresses)
                    {
                        if (address.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address.Address))
                        {
                            return address.Address;
                        }
                    }
                }
            }
            catch (NetworkInformationException)
            {
            }

            return null;
        }

        public static bool Accepts(IPAddress address, int port, TimeSpan timeout)
        {
            using var client = new TcpClient(address.AddressFamily);
            try
            {
                using var cancel = new CancellationTokenSource(timeout);
                client.ConnectAsync(address, port, cancel.Token).AsTask().GetAwaiter().GetResult();
                return client.Connected;
            }
            catch (Exception e) when (e is SocketException || e is OperationCanceledException || e is IOException)
            {
                return false;
            }
        }

        public static List<PathResult> Run(int port, IReadOnlyList<string> paths, int requests, int concurrency, TimeSpan firstByteLimit, Func<bool> hasExited)
        {
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                MaxConnectionsPerServer = concurrency,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            };
            using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            var results = new List<PathResult>();
            foreach (var path in paths)
            {
                var result = new PathResult(path);
                results.Add(result);
                RunPath(client, port, result, requests, concurrency, firstByteLimit, hasExited);
            }

            return results;
        }

        private static void RunPath(HttpClient client, int port, PathResult result, int requests, int concurrency, TimeSpan firstByteLimit, Func<bool> hasExited)
        {
            var next = 0;
            var stop = 0;
            var uri = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + result.Path);
            var workers = new Task[Math.Max(1, Math.Min(concurrency, requests))];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(async () =>
                {
                    while (Volatile.Read(ref stop) == 0 && Interlocked.Increment(ref next) <= requests)
                    {
                        var outcome = await SendAsync(client, uri, firstByteLimit).ConfigureAwait(false);
                        lock (result)
                        {
                            result.Sent++;
                            if (outcome.TimedOut)
                            {
                                // Counted at the limit: the first byte came no sooner, if at all.
                                result.TimedOut++;
                                result.FirstByteMilliseconds.Add(outcome.Milliseconds);
                            }
                            else if (outcome.Status == null)
                            {
                                result.Failed++;
                                result.FirstError ??= outcome.Error;
                            }
                            else
                            {
                                result.Statuses.TryGetValue(outcome.Status.Value, out var count);
                                result.Statuses[outcome.Status.Value] = count + 1;
                                result.FirstByteMilliseconds.Add(outcome.Milliseconds);
                            }
                        }

                        // One H12 proves the point; the rest of the load would only wait out the same limit.
                        if (outcome.TimedOut || (outcome.Status == null && hasExited()))
                        {
                            Interlocked.Exchange(ref stop, 1);
                        }
                    }
                });
            }

            Task.WaitAll(workers);
        }

        private static async Task<(int? Status, double Milliseconds, bool TimedOut, string? Error)> SendAsync(HttpClient client, Uri uri, TimeSpan firstByteLimit)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            // What Heroku's router adds to every request (docs/heroku-facts.md#router): the app sees HTTPS on port 443 from a client.
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", "127.0.0.1");
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
            request.Headers.TryAddWithoutValidation("X-Forwarded-Port", "443");
            request.Headers.TryAddWithoutValidation("X-Request-Start", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("X-Request-Id", Guid.NewGuid().ToString());
            using var cancel = new CancellationTokenSource(firstByteLimit);
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token).ConfigureAwait(false);
                var milliseconds = watch.Elapsed.TotalMilliseconds;
                try
                {
                    // Read the body (bounded in time) so the connection is reused as the router's would be.
                    using var body = new CancellationTokenSource(firstByteLimit);
                    await response.Content.CopyToAsync(Stream.Null, body.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException || e is IOException)
                {
                }

                return ((int)response.StatusCode, milliseconds, false, null);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return (null, watch.Elapsed.TotalMilliseconds, true, null);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException || e is OperationCanceledException)
            {
                return (null, watch.Elapsed.TotalMilliseconds, false, e.Message);
            }
        }
    }
}
#endif
