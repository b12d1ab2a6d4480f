using Npgsql;

namespace ConsistencyApp.Services;

/// <summary>Heroku Postgres' DATABASE_URL handed to Npgsql as if it were a connection string.</summary>
public sealed class InvoiceDatabase(IConfiguration configuration)
{
    public NpgsqlConnection Open()
    {
        var url = configuration["DATABASE_URL"];
        return new NpgsqlConnection(url);
    }
}
