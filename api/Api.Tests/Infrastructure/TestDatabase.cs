using Npgsql;

namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>
/// Where the tests find PostgreSQL. The README's test command starts a local server and sets
/// CC_TEST_POSTGRES; without it the tests fail and say so rather than pass on a stand-in.
/// The API under test connects as <see cref="RuntimeRole"/>, a role that owns nothing, as in
/// production; migrations and the tests' own tampering use the configured (owner) user.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "CC_TEST_POSTGRES";
    /// <summary>Not the run command's cc_app: a developer's running product and the tests share one server.</summary>
    public const string RuntimeRole = "cc_test_app";
    private const string RuntimePassword = "cc_test_app";

    /// <summary>The configured user: owns the schema, runs migrations.</summary>
    public static string ConnectionString(string database)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"PostgreSQL is missing: {Variable} is not set. Run the tests with scripts/test.sh, which starts PostgreSQL, " +
                $"or set {Variable} to a server connection string such as 'Host=127.0.0.1;Port=5432;Username=cc;Password=cc'.");
        }

        // CC_TEST_DATABASE_SUFFIX lets two checkouts test side by side on one server without meeting.
        var suffix = Environment.GetEnvironmentVariable("CC_TEST_DATABASE_SUFFIX") ?? "";
        return new NpgsqlConnectionStringBuilder(server) { Database = database + suffix }.ConnectionString;
    }

    /// <summary>The API's own role on the same database.</summary>
    public static string RuntimeConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Username = RuntimeRole, Password = RuntimePassword }.ConnectionString;

    /// <summary>Creates the runtime role once per server; concurrent test processes may race to do it.</summary>
    public static async Task EnsureRuntimeRoleAsync()
    {
        // The server's own database: the suffix names test databases only.
        var server = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Database = "postgres" }.ConnectionString;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            DO $$ BEGIN
                CREATE ROLE {RuntimeRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{RuntimePassword}';
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            DO $$ BEGIN
                ALTER ROLE {RuntimeRole} PASSWORD '{RuntimePassword}';
            EXCEPTION WHEN OTHERS THEN NULL; -- another test process set the same password at the same moment
            END $$;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
