using HerokuAnalyzers.Analyzers.Tests.Verification;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HerokuAnalyzers.Analyzers.Tests.Infrastructure;

/// <summary>
/// The shared type lookup must answer exactly as <see cref="Compilation.GetTypeByMetadataName"/> does, in every
/// compilation an editor makes after an edit, while reusing what it found for the same referenced assemblies.
/// </summary>
public sealed class KnownTypesTests
{
    private static readonly string[] Names =
    [
        "Microsoft.AspNetCore.Http.HttpContext",
        "System.Threading.Tasks.Task`1",
        "System.Collections.Generic.Dictionary`2",
        "Microsoft.Extensions.Caching.Memory.IMemoryCache",
        "Npgsql.NpgsqlConnection",
        "No.Such.Type",
    ];

    [Fact]
    public void Each_compilation_after_an_edit_gets_the_compilers_answer_for_every_name()
    {
        var first = Compile("class A { void M() { } }", Net8References.WebApp);
        var edited = first.ReplaceSyntaxTree(first.SyntaxTrees.Single(), Parse("class A { void M() { var x = 1; } }"));
        var reordered = edited.RemoveAllSyntaxTrees().AddSyntaxTrees(edited.SyntaxTrees);
        foreach (var compilation in new Compilation[] { first, edited, reordered })
        {
            foreach (var name in Names)
            {
                Assert.Equal(compilation.GetTypeByMetadataName(name), KnownTypes.Get(compilation, name), SymbolEqualityComparer.Default);
            }
        }

        // The framework types of the edited compilation are the very symbols of the first (one reference set).
        Assert.Same(KnownTypes.Get(first, "Microsoft.AspNetCore.Http.HttpContext"), KnownTypes.Get(edited, "Microsoft.AspNetCore.Http.HttpContext"));
        Assert.NotNull(KnownTypes.Get(edited, "Microsoft.AspNetCore.Http.HttpContext"));
        Assert.Null(KnownTypes.Get(edited, "Npgsql.NpgsqlConnection"));
    }

    [Fact]
    public void A_type_declared_in_source_wins_as_in_the_compiler_even_after_the_name_was_found_in_references()
    {
        var plain = Compile("class A { }", Net8References.WebApp);
        var fromReferences = KnownTypes.Get(plain, "Microsoft.AspNetCore.Http.HttpContext");
        Assert.NotNull(fromReferences);

        var shadowing = plain.AddSyntaxTrees(Parse("namespace Microsoft.AspNetCore.Http { public class HttpContext { } }"));
        var answer = KnownTypes.Get(shadowing, "Microsoft.AspNetCore.Http.HttpContext");
        Assert.Equal(shadowing.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext"), answer, SymbolEqualityComparer.Default);
        Assert.True(answer!.Locations.Single().IsInSource);

        var generic = plain.AddSyntaxTrees(Parse("namespace System.Threading.Tasks { public class Task<T> { } }"));
        Assert.True(KnownTypes.Get(generic, "System.Threading.Tasks.Task`1")!.Locations.Single().IsInSource);
    }

    [Fact]
    public void Another_set_of_references_is_asked_again()
    {
        var web = Compile("class A { }", Net8References.WebApp);
        Assert.NotNull(KnownTypes.Get(web, "Microsoft.AspNetCore.Http.HttpContext"));

        var withClients = web.AddReferences(Net8References.PlatformClients);
        Assert.NotNull(KnownTypes.Get(withClients, "Npgsql.NpgsqlConnection"));
        Assert.Equal(withClients.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext"), KnownTypes.Get(withClients, "Microsoft.AspNetCore.Http.HttpContext"), SymbolEqualityComparer.Default);

        var coreOnly = web.RemoveReferences(web.References.Where(r => r.Display?.Contains("Microsoft.AspNetCore", StringComparison.Ordinal) == true));
        Assert.Null(KnownTypes.Get(coreOnly, "Microsoft.AspNetCore.Http.HttpContext"));
        Assert.Null(KnownTypes.Get(web.AddReferences(Net8References.PlatformClients), "No.Such.Type"));
    }

    [Fact]
    public void A_name_ambiguous_between_two_references_is_null_as_in_the_compiler()
    {
        var library = Compile("namespace Shared { public class Twin { } }", Net8References.WebApp, "LibraryOne", OutputKind.DynamicallyLinkedLibrary);
        var other = Compile("namespace Shared { public class Twin { } }", Net8References.WebApp, "LibraryTwo", OutputKind.DynamicallyLinkedLibrary);
        var app = Compile("class A { }", Net8References.WebApp).AddReferences(library.ToMetadataReference(), other.ToMetadataReference());
        Assert.Null(app.GetTypeByMetadataName("Shared.Twin"));
        Assert.Null(KnownTypes.Get(app, "Shared.Twin"));
    }

    private static SyntaxTree Parse(string source) => CSharpSyntaxTree.ParseText(source, path: "File" + source.Length + ".cs");

    private static CSharpCompilation Compile(string source, IEnumerable<MetadataReference> references, string name = "App", OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
        => CSharpCompilation.Create(name, [Parse(source)], references, new CSharpCompilationOptions(kind));
}
