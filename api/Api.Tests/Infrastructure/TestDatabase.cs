namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>
/// Where the tests find PostgreSQL. The README's test command starts a local server and sets
/// CC_TEST_POSTGRES; without it the tests fail and say so rather than pass on a stand-in.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "CC_TEST_POSTGRES";

    public static string ConnectionString(string database)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"PostgreSQL is missing: {Variable} is not set. Run the tests with scripts/test.sh, which starts PostgreSQL, " +
                $"or set {Variable} to a server connection string such as 'Host=127.0.0.1;Port=5432;Username=cc;Password=cc'.");
        }

        return $"{server.TrimEnd(';')};Database={database}";
    }
}
