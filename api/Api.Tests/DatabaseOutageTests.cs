using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplianceConnect.Api.Tests;

/// <summary>
/// A host whose database connection runs through <see cref="TcpFaultProxy"/>, with a tiny pool and
/// short timeouts, so the tests can take the database away without touching the shared server.
/// It uses the main test database: tests make their own organizations.
/// </summary>
public sealed class FaultyDatabaseApiFactory : ApiFactory
{
    public const int PoolSize = 3;

    public TcpFaultProxy Proxy { get; }

    public FaultyDatabaseApiFactory()
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString(DatabaseName));
        Proxy = new TcpFaultProxy(server.Host!, server.Port);
    }

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        var proxied = new NpgsqlConnectionStringBuilder(TestDatabase.RuntimeConnectionString(DatabaseName)) { Host = "127.0.0.1", Port = Proxy.Port };
        builder.UseSetting("ConnectionStrings:Default", proxied.ConnectionString);
        builder.UseSetting("Database:MaxPoolSize", PoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Database:ConnectTimeoutSeconds", "2");
        builder.UseSetting("Database:CommandTimeoutSeconds", "2");
        builder.UseSetting("Database:HealthTimeoutSeconds", "2");
    }

    /// <summary>Service back, and the pool emptied of the connections the fault broke.</summary>
    public void Restore()
    {
        Proxy.Forward();
        Services.GetRequiredService<NpgsqlDataSource>().Clear();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}

public sealed class DatabaseOutageTests(FaultyDatabaseApiFactory factory) : IClassFixture<FaultyDatabaseApiFactory>
{
    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(ValidationCodes.ServiceUnavailable, problem.Code);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must say how long to wait");
    }

    private async Task<HttpClient> SignedInRepAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        return await tenant.RepClientAsync();
    }

    [Fact]
    public async Task While_the_database_refuses_connections_requests_and_sign_in_answer_503_with_retry_after()
    {
        var client = await SignedInRepAsync();
        try
        {
            factory.Proxy.Refuse();

            await AssertUnavailableAsync(await client.GetAsync("/api/contacts"));
            await AssertUnavailableAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("someone@example.com", "a password"), Json.Options));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await factory.CreateClient().GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            factory.Restore();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/contacts")).StatusCode);
    }

    [Fact]
    public async Task While_the_database_hangs_requests_give_up_with_503_and_readiness_reports_unhealthy()
    {
        var client = await SignedInRepAsync();
        try
        {
            factory.Proxy.Hang();

            await AssertUnavailableAsync(await client.GetAsync("/api/contacts"));
            var ready = await factory.CreateClient().GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            factory.Restore();
        }

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task When_every_pooled_connection_is_taken_a_request_waits_briefly_then_answers_503()
    {
        var client = await SignedInRepAsync();
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < FaultyDatabaseApiFactory.PoolSize; i++)
            {
                held.Add(await dataSource.OpenConnectionAsync());
            }

            await AssertUnavailableAsync(await client.GetAsync("/api/contacts"));
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/contacts")).StatusCode);
    }
}
