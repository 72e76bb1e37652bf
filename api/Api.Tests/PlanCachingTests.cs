using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplianceConnect.Api.Tests;

/// <summary>A host with one pooled connection, so every request runs on the session the test then inspects.</summary>
public sealed class OneConnectionApiFactory : ApiFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder) => builder.UseSetting("Database:MaxPoolSize", "1");

    /// <summary>The statements Npgsql has prepared on the host's one connection, with how PostgreSQL planned them.</summary>
    public async Task<IReadOnlyList<(string Statement, long Generic, long Custom)>> PreparedAsync()
    {
        await using var connection = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statements = new List<(string, long, long)>();
        while (await reader.ReadAsync())
        {
            statements.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return statements;
    }
}

/// <summary>
/// Npgsql prepares what a connection runs often (<see cref="DatabaseLimits.MaxAutoPrepare"/>); PostgreSQL may then keep
/// one generic plan for a statement only where the route allows it (<see cref="PlanCaching"/>).
/// </summary>
public sealed class PlanCachingTests(OneConnectionApiFactory factory) : IClassFixture<OneConnectionApiFactory>
{
    private const int Requests = 15;

    [Fact]
    public async Task A_card_read_again_and_again_is_prepared_and_keeps_one_plan()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var contact = await client.CreateContactAsync("Plan", "plan.card@example.com");
        for (var i = 0; i < Requests; i++)
        {
            await client.GetCardAsync(contact.Id);
        }

        var prepared = await factory.PreparedAsync();
        var card = Assert.Single(prepared, s => s.Statement.Contains("FROM contacts AS c", StringComparison.Ordinal) && s.Statement.Contains("c.id = $", StringComparison.Ordinal)
                                                && s.Statement.EndsWith("LIMIT 2", StringComparison.Ordinal));
        Assert.True(card.Generic > 0, $"The card's lookup should run on a generic plan by now: {card}");
    }

    [Fact]
    public async Task A_people_search_repeated_is_prepared_but_planned_for_its_own_values_every_time()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        await client.CreateContactAsync("Plan", "plan.list@example.com");
        for (var i = 0; i < Requests; i++)
        {
            var response = await client.GetAsync($"/api/contacts?q=plan&createdFrom=2026-0{1 + (i % 9)}-01&total=false");
            response.EnsureSuccessStatusCode();
        }

        var prepared = await factory.PreparedAsync();
        var list = prepared.Where(s => s.Statement.Contains("created_at >= $", StringComparison.Ordinal) && s.Statement.Contains("ORDER BY", StringComparison.Ordinal)).ToList();
        Assert.True(list.Count > 0, "The list's statement should be prepared: " + string.Join("\n", prepared));
        Assert.All(list, s =>
        {
            Assert.Equal(0, s.Generic);
            Assert.True(s.Custom >= Requests - 5, $"Planned for its values on every execution since it was prepared: {s}");
        });
    }

    [Theory]
    [InlineData(PlanCaching.PerExecution, "force_custom_plan")]
    [InlineData(PlanCaching.Generic, "auto")]
    public async Task A_unit_of_work_sets_the_plan_mode_for_its_own_transaction_only(PlanCaching plans, string mode)
    {
        var tenant = await factory.CreateTenantAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using (await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
                         .BeginAsync(new WorkContext(tenant.Organization.Id, Actor.System("plan test"), Channels.Api), System.Data.IsolationLevel.ReadCommitted, plans))
        {
            Assert.Equal(mode, await CurrentModeAsync(db));
        }

        Assert.Equal("force_custom_plan", await CurrentModeAsync(db)); // the connection's default once the transaction has ended
    }

    // EF Core runs it on the unit of work's connection and transaction, or opens and closes one of its own.
    private static Task<string> CurrentModeAsync(AppDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync();
}
