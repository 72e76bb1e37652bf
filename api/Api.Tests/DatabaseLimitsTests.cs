using ComplianceConnect.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplianceConnect.Api.Tests;

/// <summary>What a host with the default settings may take from the database server, and how long it waits.</summary>
[Collection(ApiCollection.Name)]
public sealed class DatabaseLimitsTests(ApiFactory factory)
{
    [Fact]
    public async Task The_default_pool_leaves_most_of_the_servers_connections_to_other_clients()
    {
        var pool = new NpgsqlConnectionStringBuilder(factory.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        await using var owner = new NpgsqlConnection(factory.OwnerConnectionString);
        await owner.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int", owner);
        var available = (int)(await command.ExecuteScalarAsync())!;

        Assert.True(pool.MaxPoolSize <= available / 2, $"The pool ({pool.MaxPoolSize}) must leave at least half of the server's {available} connections free.");
    }

    [Fact]
    public void Connecting_running_a_command_and_the_readiness_check_have_short_timeouts()
    {
        var pool = new NpgsqlConnectionStringBuilder(factory.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        var ready = factory.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single(r => r.Tags.Contains("ready"));

        Assert.InRange(pool.Timeout, 1, 10);
        Assert.InRange(pool.CommandTimeout, 1, 20);
        Assert.InRange(ready.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }
}
