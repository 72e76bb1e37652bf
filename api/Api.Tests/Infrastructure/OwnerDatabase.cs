using Npgsql;

namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>Reads (and, for tests that simulate time passing, rewrites) the database as its owner, behind the API's back.</summary>
public static class OwnerDatabase
{
    public static async Task<long> CountAsync(this ApiFactory factory, string sql, Guid organization)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("org", organization);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<List<string?>> TextsAsync(this ApiFactory factory, string sql, Guid organization)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("org", organization);
        var values = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0).ToString());
        }

        return values;
    }

    /// <summary>Runs a maintenance statement (such as <c>ANALYZE</c>) as the owner.</summary>
    public static async Task ExecuteAsOwnerAsync(this ApiFactory factory, string sql)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The plan PostgreSQL chooses for <paramref name="sql"/> (not run), as <c>EXPLAIN (FORMAT JSON)</c>'s document, after the <c>SET</c>s in <paramref name="settings"/>.</summary>
    public static async Task<System.Text.Json.JsonDocument> ExplainAsync(this ApiFactory factory, string sql, string? settings, params (string Name, object Value)[] parameters) =>
        System.Text.Json.JsonDocument.Parse((await factory.RowsAsOwnerAsync("EXPLAIN (FORMAT JSON) " + sql, settings, parameters)).Single());

    /// <summary>Every row of <paramref name="sql"/> as the owner, its columns joined by '|' (NULL as empty), after the <c>SET</c>s in <paramref name="settings"/>.</summary>
    public static async Task<List<string>> RowsAsOwnerAsync(this ApiFactory factory, string sql, string? settings, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        if (settings is not null)
        {
            await using var set = new NpgsqlCommand(settings, connection);
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString())));
        }

        return rows;
    }

    /// <summary>
    /// Moves an organization's contacts and audit entries back in time, as if they were made
    /// <paramref name="age"/> ago. The audit protection is off for that one transaction (the owner's
    /// privilege), which breaks the chain: only for tests that do not verify it.
    /// </summary>
    public static async Task AgeAsync(this ApiFactory factory, Guid organization, TimeSpan age)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in new[]
        {
            "ALTER TABLE audit_entries DISABLE TRIGGER USER",
            "UPDATE audit_entries SET occurred_at = occurred_at - @age WHERE organization_id = @org",
            "ALTER TABLE audit_entries ENABLE TRIGGER USER",
            "UPDATE contacts SET created_at = created_at - @age, updated_at = updated_at - @age WHERE organization_id = @org",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("org", organization);
            command.Parameters.AddWithValue("age", age);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
