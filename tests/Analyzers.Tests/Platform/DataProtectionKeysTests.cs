using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Platform.DataProtectionKeysAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Platform;

/// <summary>HK8002: Data Protection keys on the dyno's ephemeral, per-dyno disk.</summary>
public class DataProtectionKeysTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Xml.Linq;
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.DataProtection;
        using Microsoft.AspNetCore.DataProtection.Repositories;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private static DiagnosticResult Suggestion(int markup) => new DiagnosticResult("HK8002", DiagnosticSeverity.Info).WithLocation(markup);

    [Fact]
    public Task Cookie_auth_and_session_are_warnings_MVC_and_Razor_Pages_suggestions()
        => Verify.VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).{|HK8002:AddCookie(o => o.LoginPath = "/login")|};
            builder.Services.{|HK8002:AddSession()|};
            builder.Services.{|#0:AddRazorPages()|};
            builder.Services.{|#1:AddControllersWithViews()|};
            var app = builder.Build();
            app.UseSession();
            app.Run();

            sealed class EditModel
            {
                public void OnPostAsync() { }
            }
            """,
            Suggestion(0),
            Suggestion(1));

    [Fact]
    public Task Form_features_are_left_alone_when_pages_only_answer_GET_and_nothing_uses_TempData()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            builder.Services.AddControllersWithViews();
            builder.Services.AddMvc();
            builder.Build().Run();

            sealed class IndexModel
            {
                public void OnGet() { }

                public void OnGetPartial() { }
            }
            """);

    [Fact]
    public Task Form_features_count_with_antiforgery_validation_TempData_or_an_explicit_AddAntiforgery()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/src/Program.cs", Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddControllersWithViews(o => o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()))|};
            builder.Services.{|#1:AddAntiforgery()|};
            builder.Build().Run();
            """));
        test.ExpectedDiagnostics.Add(Suggestion(0));
        test.ExpectedDiagnostics.Add(Suggestion(1));
        return test.RunAsync();
    }

    [Fact]
    public Task TempData_read_anywhere_makes_MVC_count()
        => Verify.VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddMvc()|};
            builder.Build().Run();

            sealed class HomeController : Microsoft.AspNetCore.Mvc.Controller
            {
                public Microsoft.AspNetCore.Mvc.IActionResult Index() => Content(TempData["Message"]?.ToString() ?? "");
            }
            """,
            Suggestion(0));

    [Fact]
    public Task Bearer_tokens_of_AddBearerToken_are_a_warning_unless_keys_are_shared()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDataProtection(o => o.ApplicationDiscriminator = "todo");
            builder.Services.AddAuthentication().{|HK8002:AddBearerToken("Bearer")|};
            builder.Build().Run();
            """);

    [Fact]
    public Task Bearer_tokens_with_a_shared_key_repository_are_left_alone()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDataProtection().PersistKeysToStackExchangeRedis(null!, "keys");
            builder.Services.AddAuthentication().AddBearerToken("Bearer");
            builder.Build().Run();

            static class RedisKeys
            {
                public static IDataProtectionBuilder PersistKeysToStackExchangeRedis(this IDataProtectionBuilder b, object redis, string key) => b;
            }
            """);

    [Fact]
    public Task Keys_persisted_to_the_file_system_are_still_on_the_dyno()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/app/keys")).SetApplicationName("shop");
            builder.Services.AddAuthentication().{|HK8002:AddCookie()|};
            builder.Build().Run();
            """);

    [Fact]
    public Task A_shared_key_repository_anywhere_in_the_app_silences_the_rule()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/src/Program.cs", Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.AddRazorPages();
            KeyRing.Configure(builder.Services);
            builder.Build().Run();
            """));
        test.TestState.Sources.Add(("/src/KeyRing.cs", Usings + """
            sealed class DatabaseXmlRepository : IXmlRepository
            {
                public IReadOnlyCollection<XElement> GetAllElements() => Array.Empty<XElement>();

                public void StoreElement(XElement element, string friendlyName) { }
            }

            static class KeyRing
            {
                public static void Configure(IServiceCollection services)
                    => services.AddSingleton<IXmlRepository, DatabaseXmlRepository>();
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Session_services_without_the_session_middleware_are_left_alone()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(30));
            var app = builder.Build();
            app.UseStaticFiles();
            app.Run();
            """);

    [Fact]
    public Task Session_services_are_a_warning_when_another_file_adds_the_session_middleware()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/src/Program.cs", Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|HK8002:AddSession()|};
            var app = builder.Build();
            Pipeline.Configure(app);
            app.Run();
            """));
        test.TestState.Sources.Add(("/src/Pipeline.cs", Usings + """
            static class Pipeline
            {
                public static void Configure(IApplicationBuilder app) => app.UseSession();
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task An_API_without_Data_Protection_is_left_alone()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddAuthorization();
            builder.Build().Run();
            """);
}
