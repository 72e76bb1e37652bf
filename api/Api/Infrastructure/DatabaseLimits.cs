using Npgsql;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>
/// How much of the database server one API instance may take, and how long it waits for it
/// (the <c>Database</c> section). The pool stays well below the server's <c>max_connections</c>
/// (100 by default, 3 of them reserved), so a flood of requests queues for a pooled connection in
/// the API — and gives up after <see cref="ConnectTimeoutSeconds"/> with a 503 — instead of
/// taking the server's last connections from every other client. With several instances, their
/// pools together must stay below the server's limit.
/// <para>
/// <see cref="MaxAutoPrepare"/>: Npgsql prepares a statement on a connection once it has run there
/// five times, so PostgreSQL parses it once per connection instead of once per request. Whether a
/// prepared statement may then also keep one plan for all its parameters is decided per unit of
/// work (<see cref="UnitOfWork"/>, <see cref="PlanCaching"/>).
/// </para>
/// </summary>
public sealed record DatabaseLimits(int MaxPoolSize, int ConnectTimeoutSeconds, int CommandTimeoutSeconds, int HealthTimeoutSeconds, int MaxAutoPrepare)
{
    public const int DefaultMaxPoolSize = 40;
    public const int DefaultMaxAutoPrepare = 64;

    public static DatabaseLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Database");
        return new(
            section.GetValue("MaxPoolSize", DefaultMaxPoolSize),
            section.GetValue("ConnectTimeoutSeconds", 5),
            section.GetValue("CommandTimeoutSeconds", 15),
            section.GetValue("HealthTimeoutSeconds", 3),
            section.GetValue("MaxAutoPrepare", DefaultMaxAutoPrepare));
    }

    /// <summary>
    /// Overrides the connection string's pool size and timeouts: Npgsql's own defaults (100
    /// connections, a 15 s connect and a 30 s command timeout) are what let a flood or a hung
    /// server take everything.
    /// </summary>
    public void Apply(NpgsqlConnectionStringBuilder connection)
    {
        connection.MaxPoolSize = MaxPoolSize;
        connection.MinPoolSize = Math.Min(connection.MinPoolSize, MaxPoolSize);

        // Timeout bounds both opening a socket and waiting for a free pooled connection.
        connection.Timeout = ConnectTimeoutSeconds;
        connection.CommandTimeout = CommandTimeoutSeconds;
        connection.MaxAutoPrepare = MaxAutoPrepare;

        // Outside a unit of work too (sign-in, the session check, the health check), a prepared statement is planned
        // for its values unless a route asks otherwise: the session's default, which each unit of work sets again.
        const string PerExecutionPlans = "-c plan_cache_mode=force_custom_plan";
        connection.Options = string.IsNullOrWhiteSpace(connection.Options) ? PerExecutionPlans : connection.Options + " " + PerExecutionPlans;
    }
}
