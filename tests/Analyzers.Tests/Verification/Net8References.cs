using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Analyzers.Tests.Verification;

/// <summary>
/// The real reference assemblies of .NET 8 and ASP.NET Core 8 (the oldest framework the package supports),
/// from the Microsoft.NETCore.App.Ref and Microsoft.AspNetCore.App.Ref packages the test project downloads.
/// </summary>
internal static class Net8References
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> AspNetCoreApp = new(() => Load("microsoft.netcore.app.ref", "microsoft.aspnetcore.app.ref"));

    private static readonly Lazy<ImmutableArray<MetadataReference>> EfCoreLibraries = new(() => LoadLibraries("EfCore8Version", "microsoft.entityframeworkcore", "microsoft.entityframeworkcore.abstractions"));

    private static readonly Lazy<ImmutableArray<MetadataReference>> EvaluationLibraries = new(() => LoadLibraries("EfCore8Version", "microsoft.entityframeworkcore.inmemory")
        .AddRange(LoadLibraries("DapperVersion", "dapper")));

    /// <summary>Microsoft.NETCore.App + Microsoft.AspNetCore.App, as a Web SDK project sees them.</summary>
    public static ImmutableArray<MetadataReference> WebApp => AspNetCoreApp.Value;

    /// <summary>EF Core 8 (Microsoft.EntityFrameworkCore and its Abstractions), the real libraries.</summary>
    public static ImmutableArray<MetadataReference> EfCore => EfCoreLibraries.Value;

    /// <summary>What the request-path evaluation app uses besides EF Core: EF Core InMemory and Dapper, the real libraries.</summary>
    public static ImmutableArray<MetadataReference> EvaluationApp => EvaluationLibraries.Value;

    private static ImmutableArray<MetadataReference> LoadLibraries(string versionKey, params string[] packages)
    {
        var metadata = typeof(Net8References).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var package in packages)
        {
            var folder = Path.Combine(metadata["NuGetPackageRoot"]!, package, metadata[versionKey]!, "lib", "net8.0");
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"Package not restored: {folder}. Run 'dotnet restore' on the test project.");
            }

            foreach (var dll in Directory.EnumerateFiles(folder, "*.dll"))
            {
                references.Add(MetadataReference.CreateFromFile(dll));
            }
        }

        return references.ToImmutable();
    }

    private static ImmutableArray<MetadataReference> Load(params string[] packages)
    {
        var metadata = typeof(Net8References).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var root = metadata["NuGetPackageRoot"]!;
        var version = metadata["Net8RefPackVersion"]!;
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var package in packages)
        {
            var folder = Path.Combine(root, package, version, "ref", "net8.0");
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"Reference pack not restored: {folder}. Run 'dotnet restore' on the test project.");
            }

            foreach (var dll in Directory.EnumerateFiles(folder, "*.dll"))
            {
                references.Add(MetadataReference.CreateFromFile(dll));
            }
        }

        return references.ToImmutable();
    }
}
