using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A minimal LSP client over stdio (JSON-RPC with Content-Length framing) for one language-server
/// process: requests with a timeout, answers to the server's own requests (workspace/configuration
/// gets <see cref="Configuration"/>), and the process killed on dispose.
/// </summary>
public sealed class LanguageServer : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Stream _input;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly StringBuilder _log = new();
    private readonly Thread _reader;
    private readonly object _writeLock = new();
    private int _nextId;

    private LanguageServer(Process process, JsonObject configuration)
    {
        _process = process;
        Configuration = configuration;
        _input = process.StandardInput.BaseStream;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "lsp-reader" };
        _reader.Start();
    }

    /// <summary>The `csharp` section this client answers workspace/configuration with.</summary>
    public JsonObject Configuration { get; }

    /// <summary>What the server wrote to stderr and the messages it sent, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static LanguageServer Start(string executable, string workingDirectory, IReadOnlyDictionary<string, string> environment, JsonObject configuration)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var pair in environment)
        {
            start.Environment[pair.Key] = pair.Value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
        var server = new LanguageServer(process, configuration);
        process.ErrorDataReceived += (_, e) => server.Append("stderr: " + e.Data);
        process.BeginErrorReadLine();
        return server;
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var finished = await Task.WhenAny(completion.Task, Task.Delay(timeout ?? RequestTimeout));
        if (finished != completion.Task)
        {
            _pending.TryRemove(id, out _);
            throw new TimeoutException($"{method} got no answer in {timeout ?? RequestTimeout}.\n{Log}");
        }

        return await completion.Task;
    }

    public void Notify(string method, JsonNode? parameters)
        => Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Polite first (shutdown + exit), then certain.
                using var shutdown = Task.Run(async () =>
                {
                    await RequestAsync("shutdown", null, TimeSpan.FromSeconds(10));
                    Notify("exit", null);
                });
                shutdown.Wait(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception)
        {
            // The process is killed below either way.
        }
        finally
        {
            if (!_process.HasExited && !_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10000);
            }

            _process.Dispose();
        }
    }

    private void Send(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_writeLock)
        {
            _input.Write(header);
            _input.Write(body);
            _input.Flush();
        }
    }

    private void ReadLoop()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (ReadMessage(output) is JsonObject message)
            {
                Handle(message);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or JsonException)
        {
            Append("reader stopped: " + e.Message);
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new IOException("the language server closed its output.\n" + Log));
        }
    }

    private void Handle(JsonObject message)
    {
        var hasId = message.TryGetPropertyValue("id", out var id) && id != null;
        var method = message["method"]?.GetValue<string>();
        if (method == null && hasId)
        {
            if (_pending.TryRemove(id!.GetValue<int>(), out var completion))
            {
                if (message["error"] is JsonNode error)
                {
                    completion.TrySetException(new InvalidOperationException("LSP error: " + error.ToJsonString()));
                }
                else
                {
                    completion.TrySetResult(message["result"]?.DeepClone());
                }
            }

            return;
        }

        if (method != "textDocument/publishDiagnostics" && method != "$/progress")
        {
            Append("server: " + Truncate(message.ToJsonString()));
        }

        if (method != null && hasId)
        {
            // A request from the server: configuration gets our settings, anything else a null result.
            JsonNode? result = null;
            if (method == "workspace/configuration")
            {
                var items = message["params"]?["items"]?.AsArray() ?? new JsonArray();
                result = new JsonArray(items.Select(item => item?["section"]?.GetValue<string>() == "csharp" ? (JsonNode)Configuration.DeepClone() : null).ToArray());
            }

            Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id!.DeepClone(), ["result"] = result });
        }
    }

    private static JsonObject? ReadMessage(Stream stream)
    {
        var length = -1;
        while (true)
        {
            var line = ReadHeaderLine(stream);
            if (line == null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (length < 0)
        {
            throw new IOException("LSP message without Content-Length");
        }

        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = stream.Read(body, read, length - read);
            if (n == 0)
            {
                return null;
            }

            read += n;
        }

        return JsonNode.Parse(body) as JsonObject;
    }

    private static string? ReadHeaderLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add((byte)b);
        }
    }

    private void Append(string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 200_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] + "…" : text;
}
