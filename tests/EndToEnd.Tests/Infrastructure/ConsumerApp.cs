using System.Reflection;

namespace HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A fresh repository with a web app that references the packed package from the local feed.
/// Nothing of this repository leaks in: own Directory.Build.*, no central package management,
/// its own .git so the package's file search stops at its root.
/// </summary>
public sealed class ConsumerApp
{
    private readonly PackedPackage _package;

    public ConsumerApp(PackedPackage package, string root)
    {
        _package = package;
        Root = root;
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        Write("nuget.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="FEED" />
              </packageSources>
            </configuration>
            """.Replace("FEED", package.Feed));
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Build.targets", "<Project />");
        Write("Directory.Packages.props", "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        Write(".editorconfig", "root = true\n");
    }

    public string Root { get; }

    /// <summary>
    /// Adds this test project's package folder as a second, local feed: it holds the .NET 8 reference
    /// packs a net8.0 consumer needs, so the consumer still restores from local folders only.
    /// </summary>
    public ConsumerApp WithNet8ReferencePacks()
    {
        var root = typeof(ConsumerApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        var config = Read("nuget.config").Replace("<clear />", "<clear />\n    <add key=\"ref-packs\" value=\"" + root + "\" />");
        Write("nuget.config", config);
        return this;
    }

    /// <summary>
    /// Adds nuget.org as a second feed, for consumers that need real libraries (EF Core, Npgsql, Dapper) to
    /// show a pattern. Their packages land in the private package folder like the package under test.
    /// </summary>
    public ConsumerApp WithRegistry()
    {
        var config = Read("nuget.config").Replace("<clear />", "<clear />\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" protocolVersion=\"3\" />");
        Write("nuget.config", config);
        return this;
    }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>A web project referencing the package the way the README says (PrivateAssets="all").</summary>
    public ConsumerApp AddWebProject(string directory = "App", string targetFramework = "net10.0", string extraProperties = "", string sdk = "Microsoft.NET.Sdk.Web")
    {
        var name = Path.GetFileName(directory);
        Write(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <TargetFramework>{targetFramework}</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HerokuAnalyzers" Version="{_package.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        return this;
    }

    public BuildResult Build(string project, params string[] extraArguments) => Run("build", project, extraArguments);

    public BuildResult Run(string verb, string project, params string[] extraArguments)
    {
        var arguments = new List<string> { verb, project, "-nr:false", "-tl:off", "-v:m", "-clp:NoSummary", "-p:UseSharedCompilation=false" };
        arguments.AddRange(extraArguments);
        var result = DotNet.Run(Root, Environment, TimeSpan.FromMinutes(5), arguments.ToArray());
        return new BuildResult(result.ExitCode, result.Output, BuildOutput.Diagnostics(result.Output, Root));
    }

    public ProcessResult DotNetRaw(params string[] arguments) => DotNet.Run(Root, Environment, TimeSpan.FromMinutes(5), arguments);

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesCache };
}

public sealed record BuildResult(int ExitCode, string Output, IReadOnlyList<string> Diagnostics)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
