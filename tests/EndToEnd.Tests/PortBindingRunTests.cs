using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>
/// The claim behind HK3004, checked for real: a web app published the way the .NET buildpack does it
/// and started the way its Procfile says answers on $PORT only when the command binds $PORT.
/// Needs no package: a plain <c>dotnet publish</c> of a temporary web app.
/// </summary>
public sealed class PortBindingRunTests : IClassFixture<PortBindingRunTests.PublishedApp>
{
    /// <summary>docs/heroku-facts.md#router: the time Heroku gives a web process to bind $PORT (R10).</summary>
    internal static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(60);

    private readonly PublishedApp _app;

    public PortBindingRunTests(PublishedApp app) => _app = app;

    [Fact]
    public async Task A_procfile_that_binds_PORT_serves_HTTP_200_on_PORT()
    {
        var port = FreePort();
        using var process = _app.StartWebProcess("web: cd Frontend/bin/publish/; ./Frontend --urls http://*:$PORT", port);
        try
        {
            var status = await WaitForResponseAsync(process, port, BootTimeout);
            Assert.True(status == HttpStatusCode.OK, $"expected HTTP 200 on $PORT={port}, got {status?.ToString() ?? "no answer"}\n{_app.Output(process)}");
        }
        finally
        {
            Stop(process);
        }
    }

    [Fact]
    public async Task A_procfile_without_binding_does_not_answer_on_PORT()
    {
        var port = FreePort();
        using var process = _app.StartWebProcess("web: cd Frontend/bin/publish/; ./Frontend", port);
        try
        {
            // Kestrel says where it listens once it has bound (or exits if localhost:5000 is taken).
            var deadline = DateTime.UtcNow + BootTimeout;
            while (DateTime.UtcNow < deadline && !process.HasExited && !_app.Output(process).Contains("Now listening on", StringComparison.Ordinal))
            {
                await Task.Delay(200);
            }

            Assert.Null(await WaitForResponseAsync(process, port, TimeSpan.FromSeconds(3)));
        }
        finally
        {
            Stop(process);
        }
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static async Task<HttpStatusCode?> WaitForResponseAsync(Process process, int port, TimeSpan timeout, string path = "/")
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{port}{path}");
                return response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(250);
            }
        }

        return null;
    }

    internal static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(10_000);
    }

    /// <summary>A one-project repository, published once for all tests like the buildpack does (docs/heroku-facts.md#buildpack-publish).</summary>
    public sealed class PublishedApp : IDisposable
    {
        private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);
        private readonly Dictionary<int, StringBuilder> _output = new();

        public PublishedApp()
        {
            Root = Directory.CreateTempSubdirectory("heroku-port-run-").FullName;
            // Nothing from an enclosing directory may leak into the build.
            File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
            var project = Directory.CreateDirectory(Path.Combine(Root, "Frontend")).FullName;
            File.WriteAllText(Path.Combine(project, "Frontend.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "Program.cs"), """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/", () => "ok");
                app.Run();
                """);

            // The buildpack's command minus --runtime (no runtime pack download): the apphost lands in bin/publish too.
            var publish = DotNet.Run(Root, new Dictionary<string, string>(), PublishTimeout, "publish", project, "-p:PublishDir=bin/publish/", "-tl:off");
            Assert.True(publish.ExitCode == 0, "dotnet publish failed:\n" + publish.Output);
            Assert.True(File.Exists(Path.Combine(project, "bin", "publish", "Frontend")), "no apphost in bin/publish:\n" + publish.Output);
        }

        public string Root { get; }

        /// <summary>Runs the command of a Procfile line as Heroku does: <c>bash -c</c> from the app root, PORT set.</summary>
        public Process StartWebProcess(string procfileLine, int port) => StartWebProcess(Root, procfileLine, port);

        public Process StartWebProcess(string appRoot, string procfileLine, int port)
        {
            var command = procfileLine.Substring(procfileLine.IndexOf(':') + 1).Trim();
            var start = new ProcessStartInfo("bash")
            {
                WorkingDirectory = appRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command);
            start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Heroku sets none of these (docs/heroku-facts.md#buildpack-env); an inherited one would bind for the command.
            foreach (var name in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            {
                start.Environment.Remove(name);
            }

            var process = new Process { StartInfo = start };
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            lock (_output)
            {
                _output[process.Id] = output;
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        public string Output(Process process)
        {
            StringBuilder? output;
            lock (_output)
            {
                _output.TryGetValue(process.Id, out output);
            }

            if (output == null)
            {
                return "";
            }

            lock (output)
            {
                return output.ToString();
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
