using HerokuAnalyzers.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.CodeFixVerifier<
    HerokuAnalyzers.Platform.DatabaseUrlAnalyzer,
    HerokuAnalyzers.CodeFixes.Platform.ConvertDatabaseUrlCodeFixProvider>;

namespace HerokuAnalyzers.Analyzers.Tests.Platform;

/// <summary>HK8004's fix: DATABASE_URL goes through a Uri-based conversion added once to the project.</summary>
public class ConvertDatabaseUrlCodeFixTests
{
    private const string Helper = """
        #nullable enable
        using System;
        using System.Diagnostics.CodeAnalysis;
        using Npgsql;

        /// <summary>Heroku Postgres' DATABASE_URL in the Key=Value form Npgsql reads.</summary>
        internal static class HerokuDatabaseUrl
        {
            /// <summary>
            /// Converts postgres://user:password@host:port/database, the form of Heroku's DATABASE_URL, into an
            /// Npgsql connection string with TLS required, as Heroku Postgres demands. Any other value, such as
            /// a local Key=Value connection string, is returned unchanged.
            /// </summary>
            [return: NotNullIfNotNull("databaseUrl")]
            public static string? ToNpgsqlConnectionString(string? databaseUrl)
            {
                if (!Uri.TryCreate(databaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "postgres" && uri.Scheme != "postgresql"))
                {
                    return databaseUrl;
                }

                // The password may contain ':' or '@' (percent-encoded): split at the first ':' and unescape.
                var colon = uri.UserInfo.IndexOf(':');
                var builder = new NpgsqlConnectionStringBuilder
                {
                    Host = uri.Host,
                    Port = uri.Port > 0 ? uri.Port : 5432,
                    Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
                    Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon)),
                    Password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo.Substring(colon + 1)),
                    SslMode = SslMode.Require,
                };
                return builder.ConnectionString;
            }
        }

        """;

    [Fact]
    public Task The_value_is_wrapped_and_the_helper_file_added()
    {
        var test = new Verify.Test
        {
            MarkupOptions = MarkupOptions.UseFirstDescriptor,
            TestCode = """
                using System;
                using Npgsql;

                using var connection = new NpgsqlConnection({|HK8004:Environment.GetEnvironmentVariable("DATABASE_URL")|});
                """,
        };
        test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
        test.FixedState.Sources.Add("""
            using System;
            using Npgsql;

            using var connection = new NpgsqlConnection(HerokuDatabaseUrl.ToNpgsqlConnectionString(Environment.GetEnvironmentVariable("DATABASE_URL")));
            """);
        test.FixedState.Sources.Add(("/0/HerokuDatabaseUrl.cs", Helper));
        return test.RunAsync();
    }

    [Fact]
    public Task The_helper_the_project_already_has_is_reused()
    {
        var test = new Verify.Test { MarkupOptions = MarkupOptions.UseFirstDescriptor };
        test.TestState.Sources.Add("""
            using System;
            using Npgsql;

            using var connection = new NpgsqlConnection({|HK8004:Environment.GetEnvironmentVariable("DATABASE_URL")|});
            """);
        test.TestState.Sources.Add(("/0/HerokuDatabaseUrl.cs", Helper));
        test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
        test.FixedState.Sources.Add("""
            using System;
            using Npgsql;

            using var connection = new NpgsqlConnection(HerokuDatabaseUrl.ToNpgsqlConnectionString(Environment.GetEnvironmentVariable("DATABASE_URL")));
            """);
        test.FixedState.Sources.Add(("/0/HerokuDatabaseUrl.cs", Helper));
        return test.RunAsync();
    }

    private static Verify.Test RegexTest(string code, string fixedCode)
    {
        var test = new Verify.Test { MarkupOptions = MarkupOptions.UseFirstDescriptor, TestCode = code };
        test.TestState.AdditionalReferences.AddRange(Net8References.EfCore);
        test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
        test.FixedState.Sources.Add(fixedCode);
        test.FixedState.Sources.Add(("/0/HerokuDatabaseUrl.cs", Helper));
        return test;
    }

    [Fact]
    public Task Fix_All_converts_every_site_and_both_kinds_and_adds_the_helper_once()
    {
        var test = new Verify.Test { MarkupOptions = MarkupOptions.UseFirstDescriptor };
        test.TestState.Sources.Add("""
            using System;
            using System.Text.RegularExpressions;
            using Npgsql;

            using var first = new NpgsqlConnection({|HK8004:Environment.GetEnvironmentVariable("DATABASE_URL")|});
            using var second = new NpgsqlConnection({|HK8004:Environment.GetEnvironmentVariable("HEROKU_POSTGRESQL_RED_URL")|});
            var match = Regex.Match(Environment.GetEnvironmentVariable("DATABASE_URL")!, {|HK8004:@"postgres://(.*):(.*)@(.*):(.*)/(.*)"|});
            using var third = new NpgsqlConnection($"Host={match.Groups[3]};Port={match.Groups[4]};Username={match.Groups[1]};Password={match.Groups[2]};Database={match.Groups[5]}");
            """);
        test.TestState.Sources.Add(("/0/Other.cs", """
            using System;
            using Npgsql;

            static class Other
            {
                public static NpgsqlConnection Open() => new NpgsqlConnection({|HK8004:Environment.GetEnvironmentVariable("DATABASE_URL")|});
            }
            """));
        test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
        test.FixedState.Sources.Add("""
            using System;
            using Npgsql;

            using var first = new NpgsqlConnection(HerokuDatabaseUrl.ToNpgsqlConnectionString(Environment.GetEnvironmentVariable("DATABASE_URL")));
            using var second = new NpgsqlConnection(HerokuDatabaseUrl.ToNpgsqlConnectionString(Environment.GetEnvironmentVariable("HEROKU_POSTGRESQL_RED_URL")));
            using var third = new NpgsqlConnection(HerokuDatabaseUrl.ToNpgsqlConnectionString(Environment.GetEnvironmentVariable("DATABASE_URL")!));
            """);
        test.FixedState.Sources.Add(("/0/Other.cs", """
            using System;
            using Npgsql;

            static class Other
            {
                public static NpgsqlConnection Open() => new NpgsqlConnection(HerokuDatabaseUrl.ToNpgsqlConnectionString(Environment.GetEnvironmentVariable("DATABASE_URL")));
            }
            """));
        test.FixedState.Sources.Add(("/0/HerokuDatabaseUrl.cs", Helper));
        test.NumberOfIncrementalIterations = 4;
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2;
        return test.RunAsync();
    }

    [Fact]
    public Task Herokus_sample_split_is_replaced_by_the_conversion_and_its_using_goes()
        => RegexTest(
            """
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<AppDb>(options =>
            {
                var match = Regex.Match(Environment.GetEnvironmentVariable("DATABASE_URL") ?? "", {|HK8004:@"postgres://(.*):(.*)@(.*):(.*)/(.*)"|});
                options.UseNpgsql($"Server={match.Groups[3]};Port={match.Groups[4]};User Id={match.Groups[1]};Password={match.Groups[2]};Database={match.Groups[5]};sslmode=Prefer;Trust Server Certificate=true");
            });

            class AppDb(DbContextOptions<AppDb> options) : DbContext(options);
            """,
            """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<AppDb>(options =>
            {
                options.UseNpgsql(HerokuDatabaseUrl.ToNpgsqlConnectionString(Environment.GetEnvironmentVariable("DATABASE_URL") ?? ""));
            });

            class AppDb(DbContextOptions<AppDb> options) : DbContext(options);
            """).RunAsync();

    [Fact]
    public Task Settings_besides_the_connection_and_TLS_are_kept_and_a_using_still_needed_stays()
        => RegexTest(
            """
            using System;
            using System.Text.RegularExpressions;
            using Npgsql;

            var url = Environment.GetEnvironmentVariable("DATABASE_URL")!;
            var match = Regex.Match(url, {|HK8004:"^postgres://(.+):(.+)@(.+):(.+)/(.+)$"|});
            using var connection = new NpgsqlConnection($"Host={match.Groups[3].Value};Username={match.Groups[1].Value};Password={match.Groups[2].Value};Database={match.Groups[5].Value};Pooling=true;SSL Mode=Require;");
            var digits = Regex.IsMatch(url, "[0-9]+");
            """,
            """
            using System;
            using System.Text.RegularExpressions;
            using Npgsql;

            var url = Environment.GetEnvironmentVariable("DATABASE_URL")!;
            using var connection = new NpgsqlConnection(HerokuDatabaseUrl.ToNpgsqlConnectionString(url) + ";Pooling=true");
            var digits = Regex.IsMatch(url, "[0-9]+");
            """).RunAsync();

    [Fact]
    public async Task A_split_whose_groups_are_used_otherwise_or_mislabelled_is_reported_without_a_fix()
    {
        foreach (var body in new[]
        {
            // The match is checked: rewriting would drop the check.
            """
            var match = Regex.Match(url, {|HK8004:@"postgres://(.*):(.*)@(.*):(.*)/(.*)"|});
            if (!match.Success) throw new InvalidOperationException();
            using var a = new NpgsqlConnection($"Host={match.Groups[3]};Username={match.Groups[1]};Password={match.Groups[2]};Database={match.Groups[5]}");
            """,
            // Host and database swapped: the rewrite would change which server the app reaches.
            """
            var match = Regex.Match(url, {|HK8004:@"postgres://(.*):(.*)@(.*):(.*)/(.*)"|});
            using var b = new NpgsqlConnection($"Host={match.Groups[5]};Username={match.Groups[1]};Password={match.Groups[2]};Database={match.Groups[3]}");
            """,
            // The string is not given to Npgsql here.
            """
            var match = Regex.Match(url, {|HK8004:@"postgres://(.*):(.*)@(.*):(.*)/(.*)"|});
            var text = $"Host={match.Groups[3]};Username={match.Groups[1]};Password={match.Groups[2]};Database={match.Groups[5]}";
            """,
            // A different pattern (no port group): the groups mean other parts.
            """
            var match = Regex.Match(url, {|HK8004:@"postgres://(.*):(.*)@(.*)/(.*)"|});
            using var d = new NpgsqlConnection($"Host={match.Groups[3]};Username={match.Groups[1]};Password={match.Groups[2]};Database={match.Groups[4]}");
            """,
            // A computed hole besides the groups.
            """
            var match = Regex.Match(url, {|HK8004:@"postgres://(.*):(.*)@(.*):(.*)/(.*)"|});
            using var e = new NpgsqlConnection($"Host={match.Groups[3]};Username={match.Groups[1]};Password={match.Groups[2]};Database={match.Groups[5]};Timeout={Environment.ProcessorCount}");
            """,
        })
        {
            var code = "using System;\nusing System.Text.RegularExpressions;\nusing Npgsql;\n\nvar url = Environment.GetEnvironmentVariable(\"DATABASE_URL\")!;\n" + body;
            var test = new Verify.Test { MarkupOptions = MarkupOptions.UseFirstDescriptor, TestCode = code, FixedCode = code };
            test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
            await test.RunAsync();
        }
    }
}
