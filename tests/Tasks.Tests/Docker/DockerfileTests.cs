using HerokuAnalyzers.Docker;
using HerokuAnalyzers.Shell;

namespace HerokuAnalyzers.Tasks.Tests.Docker;

/// <summary>The bounded Dockerfile reader in src/Shared, used by HK3004 in the analyzer and in HerokuCheck.</summary>
public sealed class DockerfileTests
{
    [Fact]
    public void Stages_continuations_comments_and_forms_are_read_with_positions()
    {
        var dockerfile = Dockerfile.Parse("""
            # syntax=docker/dockerfile:1
            ARG VERSION=8.0
            FROM mcr.microsoft.com/dotnet/sdk:${VERSION} AS build
            RUN dotnet publish \
                # a comment inside the continued line
                -o /out
              CMD ["dotnet", "App.dll"]
            FROM build AS final
            cmd dotnet App.dll
            """);

        Assert.Equal(2, dockerfile.Stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:8.0", dockerfile.Stages[0].BaseImage);
        Assert.Equal("build", dockerfile.Stages[0].Name);
        var run = dockerfile.Stages[0].Instructions[0];
        Assert.Equal("RUN", run.Keyword);
        Assert.Equal("dotnet publish     -o /out", run.Arguments);
        Assert.Equal(4, run.Position.Line);
        var exec = dockerfile.Stages[0].Instructions[1];
        Assert.Equal((7, 3), (exec.Position.Line, exec.Position.Column));
        Assert.Equal(new[] { "dotnet", "App.dll" }, exec.ExecArguments);
        var shell = dockerfile.Stages[1].Instructions[0];
        Assert.Equal("CMD", shell.Keyword);
        Assert.False(shell.IsExecForm);
        Assert.Same(dockerfile.Stages[0], dockerfile.EarlierStage(dockerfile.Stages[1], "BUILD"));
        Assert.Same(dockerfile.Stages[0], dockerfile.FinalStage("Build"));
    }

    [Theory]
    [InlineData("CMD [\"dotnet\", \"App.dll\"", false)]
    [InlineData("CMD [\"dotnet\", 1]", false)]
    [InlineData("CMD [ \"dotnet\" ,\"App.dll\" ]", true)]
    public void Only_a_JSON_array_of_strings_is_the_exec_form(string line, bool exec)
        => Assert.Equal(exec, Dockerfile.Parse("FROM scratch\n" + line + "\n").Stages[0].Instructions[0].IsExecForm);

    [Fact]
    public void Env_forms_and_build_time_substitution()
    {
        Assert.Equal(new[] { "A=1", "B=two words" }, Dockerfile.EnvPairs("A=1 B=\"two words\"").Select(p => p.Key + "=" + p.Value));
        Assert.Equal(new[] { "ASPNETCORE_URLS=http://+:80 extra" }, Dockerfile.EnvPairs("ASPNETCORE_URLS http://+:80 extra").Select(p => p.Key + "=" + p.Value));
        var used = new List<string>();
        Assert.Equal("http://*:", Dockerfile.Substitute("http://*:$PORT", _ => null, used));
        Assert.Equal(new[] { "PORT" }, used);
        Assert.Equal("http://*:8080", Dockerfile.Substitute("http://*:${PORT:-8080}", _ => null));
    }

    [Fact]
    public void Hostile_input_is_bounded()
    {
        var text = "FROM a\n" + string.Concat(Enumerable.Repeat("ENV A=1 \\\n", 200000)) + "CMD x\n";
        var dockerfile = Dockerfile.Parse(text);
        Assert.Single(dockerfile.Stages);
        Assert.Equal(string.Empty, Dockerfile.Parse("\\\n\\\n\\").Stages.FirstOrDefault()?.BaseImage ?? string.Empty);
        Assert.Empty(Dockerfile.Parse("RUN <<EOF\nFROM x\n").Stages);
    }

    [Fact]
    public void Random_Dockerfiles_and_commands_never_throw_and_findings_have_positions()
    {
        string[] pieces =
        {
            "FROM ", "mcr.microsoft.com/dotnet/aspnet:8.0", " AS ", "base", "\n", "CMD ", "ENTRYPOINT ", "[\"", "\", \"", "\"]", "ENV ", "ARG ",
            "ASPNETCORE_URLS=", "http://*:$PORT", "${PORT:-", "}", "\\\n", "# escape=`\n", "`\n", "<<EOF\n", "EOF\n", "RUN ", "EXPOSE 8080",
            "dotnet App.dll", " --urls ", "\u2013urls ", "sh -c '", "'", "\"", ";", "&&", "|", "(", ")", " ", "\t", "-p 5000", "runserver 0.0.0.0:5000",
            "./App", "cd /app", "export ", "=", "$", "{", "FROM base", "\r\n", "\uFEFF",
        };
        var random = new Random(13);
        for (var round = 0; round < 3000; round++)
        {
            var text = new System.Text.StringBuilder();
            for (var i = random.Next(1, 40); i > 0; i--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var file = new HerokuAnalyzers.Hosting.WebProcessFile("/repo/Dockerfile", text.ToString());
            foreach (var container in new[] { true, false })
            {
                var inputs = new HerokuAnalyzers.Hosting.WebProcessInputs("App", "/repo/App", container, codeReadsPort: false)
                {
                    Dockerfile = file,
                    Procfile = new HerokuAnalyzers.Hosting.WebProcessFile("/repo/Procfile", "web: " + text.ToString().Replace("\n", " ", StringComparison.Ordinal)),
                    DockerTarget = round % 3 == 0 ? "base" : null,
                };
                foreach (var finding in HerokuAnalyzers.Hosting.WebProcessCheck.Run(inputs))
                {
                    Assert.True(finding.Line >= 1 && finding.Column >= 1, text.ToString());
                    Assert.NotEmpty(HerokuAnalyzers.Hosting.WebProcessMessages.Format(finding));
                }
            }
        }
    }

    [Theory]
    [InlineData("\u2013urls", "--urls")]
    [InlineData("\u2014port", "--port")]
    [InlineData("--urls", "--urls")]
    [InlineData("\u2212\u2212urls", "--urls")]
    public void Look_alike_dashes_read_as_the_option_they_imitate(string word, string option)
        => Assert.Equal(option, ShellCommand.WithAsciiDashes(word));

    [Fact]
    public void The_shell_reader_keeps_assignments_and_reads_bash_c()
    {
        var commands = ShellCommand.Read("cd App && ASPNETCORE_URLS=http://*:$PORT exec ./App; bash -c 'PORT=5000 node s.js'");

        Assert.Equal(new[] { "cd", "App", "node" }, commands.Select(c => c.Program));
        Assert.Equal("ASPNETCORE_URLS=http://*:$PORT", Assert.Single(commands[1].Assignments).Text);
        Assert.Equal("PORT=5000", Assert.Single(commands[2].Assignments).Text);
    }
}
