using HerokuAnalyzers.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Platform.DatabaseUrlAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Platform;

/// <summary>HK8004: DATABASE_URL, TLS and hand-written URL parsing with the real Npgsql 8 and its EF Core provider.</summary>
public class DatabaseUrlTests
{
    private const string Usings = """
        using System;
        using System.Text.RegularExpressions;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Npgsql;

        """;

    private const string DbContext = """

        class AppDb : DbContext
        {
            public AppDb(DbContextOptions<AppDb> options) : base(options) { }
        }
        """;

    internal static Verify.Test WithNpgsql(string code, bool npgsql = true)
    {
        var test = new Verify.Test { TestCode = code, MarkupOptions = MarkupOptions.UseFirstDescriptor };
        if (npgsql)
        {
            test.TestState.AdditionalReferences.AddRange(Net8References.EfCore);
            test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
        }

        return test;
    }

    [Fact]
    public Task DATABASE_URL_given_to_UseNpgsql_and_NpgsqlConnection_is_reported_at_the_value()
        => WithNpgsql(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<AppDb>(o => o.UseNpgsql({|HK8004:builder.Configuration["DATABASE_URL"]|}));
            var url = Environment.GetEnvironmentVariable("DATABASE_URL");
            using var connection = new NpgsqlConnection({|HK8004:url|});
            var source = NpgsqlDataSource.Create({|HK8004:Environment.GetEnvironmentVariable("HEROKU_POSTGRESQL_COBALT_URL") ?? "Host=localhost"|});
            var csb = new NpgsqlConnectionStringBuilder({|HK8004:builder.Configuration.GetValue<string>("DATABASE_URL")|});
            var other = new NpgsqlConnection();
            other.ConnectionString = {|HK8004:url|};
            """ + DbContext).RunAsync();

    [Fact]
    public Task Converted_urls_and_ordinary_connection_strings_are_left_alone()
        => WithNpgsql(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var databaseUrl = Environment.GetEnvironmentVariable("DATABASE_URL");
            var connectionString = databaseUrl == null ? builder.Configuration.GetConnectionString("Default") : Convert(databaseUrl);
            builder.Services.AddDbContext<AppDb>(o => o.UseNpgsql(connectionString));
            using var connection = new NpgsqlConnection("Host=localhost;Username=app;SSL Mode=Require");
            var url = Environment.GetEnvironmentVariable("DATABASE_URL");
            url = Convert(url!);
            using var second = new NpgsqlConnection(url);

            static string Convert(string url)
            {
                var uri = new Uri(url);
                var user = uri.UserInfo.Split(':', 2);
                return new NpgsqlConnectionStringBuilder
                {
                    Host = uri.Host,
                    Port = uri.Port,
                    Username = Uri.UnescapeDataString(user[0]),
                    Password = Uri.UnescapeDataString(user[1]),
                    Database = uri.AbsolutePath.TrimStart('/'),
                    SslMode = SslMode.Require,
                }.ConnectionString;
            }
            """ + DbContext).RunAsync();

    [Fact]
    public Task SSL_Mode_Disable_in_a_connection_string_or_on_the_builder_is_reported()
        => WithNpgsql(Usings + """
            var host = Environment.GetEnvironmentVariable("DB_HOST");
            using var connection = new NpgsqlConnection({|HK8004:$"Host={host};Username=app;Ssl Mode=Disable"|});
            var builder = new NpgsqlConnectionStringBuilder { Host = host, {|HK8004:SslMode = SslMode.Disable|} };
            var fine = new NpgsqlConnectionStringBuilder { Host = host, SslMode = SslMode.Require };
            """ + DbContext).RunAsync();

    [Fact]
    public Task The_getting_started_regular_expression_is_reported_but_other_patterns_are_not()
        => WithNpgsql(Usings + """
            var url = Environment.GetEnvironmentVariable("DATABASE_URL") ?? "";
            var match = Regex.Match(url, {|HK8004:@"postgres://(.*):(.*)@(.*):(.*)/(.*)"|});
            var scheme = Regex.IsMatch(url, "^postgres(ql)?://");
            var digits = new Regex(@"\d+");
            """ + DbContext).RunAsync();

    [Fact]
    public Task Splitting_the_url_itself_is_reported_once_per_body_through_locals_and_string_edits()
        => WithNpgsql(Usings + """
            var connUrl = Environment.GetEnvironmentVariable("DATABASE_URL");
            connUrl = connUrl.Replace("postgres://", string.Empty);
            var userPass = {|HK8004:connUrl.Split("@")|}[0];
            var hostPortDb = connUrl.Split("@")[1];
            var user = userPass.Split(":")[0];

            static string Host(IConfiguration configuration)
            {
                var url = configuration["DATABASE_URL"]!.Trim();
                return url.Substring({|HK8004:url.IndexOf('@')|} + 1);
            }

            static string[] Parts() => {|HK8004:Environment.GetEnvironmentVariable("HEROKU_POSTGRESQL_RED_URL")!.Split(new[] { ':', '/', '@' })|};
            """ + DbContext).RunAsync();

    [Fact]
    public Task Splitting_Uri_user_info_other_variables_or_at_other_characters_is_left_alone()
        => WithNpgsql(Usings + """
            var databaseUrl = Environment.GetEnvironmentVariable("DATABASE_URL")!;
            var uri = new Uri(databaseUrl);
            var userInfo = uri.UserInfo.Split(':', 2);
            var redis = Environment.GetEnvironmentVariable("REDIS_URL")!.Split('@');
            var words = databaseUrl.Split(' ');
            var local = "postgres://u:p@localhost:5432/db";
            var parts = local.Split('@');
            var scheme = databaseUrl.IndexOf("postgres", StringComparison.Ordinal);
            """ + DbContext).RunAsync();

    [Fact]
    public Task Without_Npgsql_nothing_is_reported()
        => WithNpgsql("""
            var url = System.Environment.GetEnvironmentVariable("DATABASE_URL");
            var match = System.Text.RegularExpressions.Regex.Match(url ?? "", @"postgres://(.*):(.*)@(.*):(.*)/(.*)");
            """, npgsql: false).RunAsync();

    private static Task VerifySettingsAsync(bool npgsql, (string Path, string Json)[] files, params DiagnosticResult[] expected)
    {
        var test = WithNpgsql("var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();\n", npgsql);
        var config = "is_global = true\n";
        foreach (var (path, json) in files)
        {
            test.TestState.AdditionalFiles.Add((path, json));
            config += $"\n[{path}]\nbuild_metadata.AdditionalFiles.HerokuFileKind = AppSettings\n";
        }

        test.TestState.AnalyzerConfigFiles.Add(("/.heroku-appsettings.globalconfig", config));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult SslOff(string path, int line, int column, int endColumn, string key, string setting)
        => new DiagnosticResult("HK8004", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan(path, line, column, line, endColumn).WithMessage(
            $"'{key}' in {System.IO.Path.GetFileName(path)} turns TLS off ({setting}): Heroku Postgres only accepts TLS connections, so the app cannot reach its database (H10 when it connects at boot). Use SSL Mode=Require.");

    [Fact]
    public Task SSL_Mode_Disable_in_the_appsettings_a_dyno_reads_is_reported_at_the_setting()
        => VerifySettingsAsync(
            npgsql: true,
            [
                ("/app/appsettings.json", """
                    {
                      "ConnectionStrings": {
                        "Default": "Host=ec2-54-1-2-3.compute-1.amazonaws.com;Database=shop;SSL Mode=Disable;Pooling=true",
                        "Local": "Host=localhost;Database=shop;SSL Mode=Disable"
                      }
                    }
                    """),
                ("/app/appsettings.Production.json", """
                    {
                      // relaxed JSON, as configuration reads it
                      "Database": { "Replicas": [ "server=10.0.0.5,localhost; sslmode = '0'", ], },
                      "Reports": "HOST=reports.internal;SSLMODE=DISABLE",
                      "Escaped": "Host=db.internal;Search Path=\"app\";sslmode=disable",
                    }
                    """),
            ],
            SslOff("/app/appsettings.Production.json", 3, 59, 72, "Database:Replicas:0", "sslmode = '0'"),
            SslOff("/app/appsettings.Production.json", 4, 37, 52, "Reports", "SSLMODE=DISABLE"),
            SslOff("/app/appsettings.Production.json", 5, 14, 68, "Escaped", "sslmode=disable"),
            SslOff("/app/appsettings.json", 3, 73, 89, "ConnectionStrings:Default", "SSL Mode=Disable"));

    [Fact]
    public Task TLS_settings_local_hosts_the_Development_file_and_apps_without_Npgsql_are_left_alone()
        => Task.WhenAll(
            VerifySettingsAsync(
                npgsql: true,
                [
                    ("/app/appsettings.json", """
                        {
                          "ConnectionStrings": {
                            "Heroku": "Host=ec2-54-1-2-3.compute-1.amazonaws.com;SSL Mode=Require;Trust Server Certificate=true",
                            "Prefer": "Host=db.internal;SslMode=Prefer",
                            "Loopback": "Host=127.0.0.1:5432,[::1];SSL Mode=Disable",
                            "Socket": "Host=/var/run/postgresql;SSL Mode=Disable",
                            "NoHost": "Database=shop;SSL Mode=Disable",
                            "MySql": "Server=mysql.internal;SslMode=Disabled",
                            "Prose": "Set SSL Mode=Disable only on your machine"
                          },
                          "Broken": [ "Host=db;SSL Mode=Disable"
                        """),
                    ("/app/appsettings.Development.json", """{ "ConnectionStrings": { "Default": "Host=dev.internal;SSL Mode=Disable" } }"""),
                ]),
            VerifySettingsAsync(
                npgsql: false,
                [("/app/appsettings.json", """{ "ConnectionStrings": { "Default": "Host=db.internal;SSL Mode=Disable" } }""")]));

    [Fact]
    public Task Odd_and_huge_settings_neither_crash_nor_report()
        => VerifySettingsAsync(
            npgsql: true,
            [
                ("/app/appsettings.json", "{ \"A\": \"=;=;;SSL Mode;Host\", \"B\": \"Host=[;SslMode=\", \"C\": \"SslMode=disable;Host=localhost:;Host=\", \"D\": [[[\"Host=db;SSL Mode=Require\"]]], \"E\": \"" + new string('x', 20000) + ";Host=db;SSL Mode=Disable\", \"F\": 1, \"G\": null }"),
            ]);
}
