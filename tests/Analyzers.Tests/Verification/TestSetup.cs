using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace HerokuAnalyzers.Analyzers.Tests.Verification;

/// <summary>Puts a test project in the shape of a Heroku web app: .NET 8 + ASP.NET Core 8, an executable.</summary>
internal static class TestSetup
{
    /// <summary>No package resolution at test time: the references come from <see cref="Net8References"/>.</summary>
    public static readonly ReferenceAssemblies NoPackages = new("net8.0");

    public static void AsWebApp(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Net8References.WebApp);
        state.OutputKind = OutputKind.ConsoleApplication;
    }

    /// <summary>Adds a Heroku file as the package's targets do: an AdditionalFile with HerokuFileKind metadata.</summary>
    public static void AddHerokuFile(SolutionState state, string path, string kind, string content)
    {
        state.AdditionalFiles.Add((path, content));
        state.AnalyzerConfigFiles.Add(($"/.heroku-{kind}.globalconfig", $"is_global = true\n\n[{path}]\nbuild_metadata.AdditionalFiles.HerokuFileKind = {kind}\n"));
    }

    /// <summary>MSBuild properties as the package's CompilerVisibleProperty items expose them (build_property.*).</summary>
    public static void AddBuildProperties(SolutionState state, params (string Name, string Value)[] properties)
    {
        var config = "is_global = true\n" + string.Concat(properties.Select(p => $"build_property.{p.Name} = {p.Value}\n"));
        state.AnalyzerConfigFiles.Add(("/.build-properties.globalconfig", config));
    }
}
