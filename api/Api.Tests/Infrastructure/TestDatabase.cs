using Npgsql;

namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>
/// Where the tests find PostgreSQL. The README's test command starts a local server, makes the roles
/// and sets CC_TEST_POSTGRES (the schema owner, not a superuser) and CC_TEST_RUNTIME_PASSWORD; without
/// them the tests fail and say so rather than pass on a stand-in. The API under test connects as
/// <see cref="RuntimeRole"/>, a role that owns nothing and is subject to row-level security, as in
/// production; migrations and the tests' own tampering use the owner.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "CC_TEST_POSTGRES";
    public const string RuntimePasswordVariable = "CC_TEST_RUNTIME_PASSWORD";

    /// <summary>
    /// Not the run command's cc_app: a developer's running product and the tests share one server.
    /// CC_TEST_RUNTIME_ROLE names another (made the same way) for a second checkout.
    /// </summary>
    public static string RuntimeRole => Environment.GetEnvironmentVariable("CC_TEST_RUNTIME_ROLE") is { Length: > 0 } role ? role : "cc_test_app";

    /// <summary>The schema owner: owns the schema, runs migrations.</summary>
    public static string ConnectionString(string database)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"PostgreSQL is missing: {Variable} is not set. Run the tests with scripts/test.sh, which starts PostgreSQL and makes " +
                $"the roles, or set {Variable} to the schema owner's server connection string (Host=…;Port=…;Username=cc_owner;Password=…).");
        }

        // CC_TEST_DATABASE_SUFFIX lets two checkouts test side by side on one server without meeting.
        var suffix = Environment.GetEnvironmentVariable("CC_TEST_DATABASE_SUFFIX") ?? "";
        return new NpgsqlConnectionStringBuilder(server) { Database = database + suffix }.ConnectionString;
    }

    /// <summary>The API's own role on the same database.</summary>
    public static string RuntimeConnectionString(string database)
    {
        var password = Environment.GetEnvironmentVariable(RuntimePasswordVariable);
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException(
                $"The API's database role is missing: {RuntimePasswordVariable} is not set. Run the tests with scripts/test.sh, " +
                $"which makes the role {RuntimeRole} with a generated password (kept in .local/secrets.env).");
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Username = RuntimeRole, Password = password }.ConnectionString;
    }
}
