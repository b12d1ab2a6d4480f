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
}
