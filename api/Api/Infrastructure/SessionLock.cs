using Npgsql;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>
/// A session-level PostgreSQL advisory lock on <c>(hashtext(scope), hashtext(key))</c>, held on a connection of its own
/// until disposed: at most one holder across every API instance. The lock needs its own connection because a pooled
/// one handed back by EF Core is reset, which releases it; if the process dies, the connection closes and the lock
/// goes with it.
/// </summary>
public sealed class SessionLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _scope;
    private readonly string _key;

    private SessionLock(NpgsqlConnection connection, string scope, string key) => (_connection, _scope, _key) = (connection, scope, key);

    /// <summary>The lock when no one else holds it; null when someone does.</summary>
    public static async Task<SessionLock?> TryTakeAsync(NpgsqlDataSource dataSource, string scope, string key, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        var taken = false;
        try
        {
            taken = await ScalarAsync(connection, "SELECT pg_try_advisory_lock(hashtext($1), hashtext($2))", scope, key, ct) is true;
            return taken ? new SessionLock(connection, scope, key) : null;
        }
        finally
        {
            if (!taken)
            {
                await connection.DisposeAsync(); // not held: the connection goes back now, on refusal and on error alike
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_connection.FullState == System.Data.ConnectionState.Open)
            {
                await ScalarAsync(_connection, "SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", _scope, _key, CancellationToken.None);
            }
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, string scope, string key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = scope });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync(ct);
    }
}
