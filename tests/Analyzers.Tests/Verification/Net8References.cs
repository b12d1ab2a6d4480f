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

    private static readonly Lazy<ImmutableArray<MetadataReference>> PlatformClientLibraries = new(LoadPlatformLibraries);

    /// <summary>Microsoft.NETCore.App + Microsoft.AspNetCore.App, as a Web SDK project sees them.</summary>
    public static ImmutableArray<MetadataReference> WebApp => AspNetCoreApp.Value;

    /// <summary>EF Core 8 (Microsoft.EntityFrameworkCore and its Abstractions), the real libraries.</summary>
    public static ImmutableArray<MetadataReference> EfCore => EfCoreLibraries.Value;

    /// <summary>What the request-path evaluation app uses besides EF Core: EF Core InMemory and Dapper, the real libraries.</summary>
    public static ImmutableArray<MetadataReference> EvaluationApp => EvaluationLibraries.Value;

    /// <summary>
    /// The real Heroku data clients: Npgsql 8 and its EF Core provider (with EF Core Relational),
    /// StackExchange.Redis (with Pipelines.Sockets.Unofficial) and the Redis distributed cache.
    /// Each from the newest of its lib folders a net8.0 app would use.
    /// </summary>
    public static ImmutableArray<MetadataReference> PlatformClients => PlatformClientLibraries.Value;

    private static ImmutableArray<MetadataReference> LoadPlatformLibraries()
    {
        var metadata = typeof(Net8References).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var package in metadata["PlatformLibraries"]!.Split(';'))
        {
            var packageFolder = Path.Combine(metadata["NuGetPackageRoot"]!, package, "lib");
            var folder = new[] { "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netstandard2.1", "netstandard2.0" }
                .Select(tfm => Path.Combine(packageFolder, tfm))
                .FirstOrDefault(Directory.Exists)
                ?? throw new DirectoryNotFoundException($"Package not restored: {packageFolder}. Run 'dotnet restore' on the test project.");
            foreach (var dll in Directory.EnumerateFiles(folder, "*.dll"))
            {
                references.Add(MetadataReference.CreateFromFile(dll));
            }
        }

        return references.ToImmutable();
    }

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
