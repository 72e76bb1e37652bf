using System.Collections.Concurrent;
using ComplianceConnect.Api.Features.Salesforce;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Client;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplianceConnect.Api.Tests.Salesforce;

/// <summary>
/// The API with its Salesforce workers running (the only hosts that run them on the test database),
/// polling fast and retrying after milliseconds. A second instance on the same database is one more
/// of these. The suppression list is the tests' own until the erasure feature provides the real one.
/// </summary>
public sealed class SalesforceApiFactory : ApiFactory
{
    public TestSuppressionList Suppressions { get; } = new();

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseSetting("Salesforce:RunSync", "true");
        builder.UseSetting("Salesforce:SchedulerPollSeconds", "0.2");
        builder.UseSetting("Salesforce:PushPollSeconds", "0.2");
        builder.UseSetting("Salesforce:PushRetryBaseSeconds", "30");
        builder.UseSetting("Salesforce:HttpRetries", "2");
        builder.UseSetting("Salesforce:HttpRetryBaseMilliseconds", "10");
        builder.UseSetting("Salesforce:HttpAttemptTimeoutSeconds", "10");
    }

    /// <summary>An organization connected to <paramref name="salesforce"/> with client credentials, and its Admin's client.</summary>
    public async Task<(TestTenant Tenant, HttpClient Admin)> ConnectedTenantAsync(FakeSalesforce salesforce)
    {
        var tenant = await CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        (await admin.Typed().PutSalesforceAsync(new SalesforceConnectionRequest
        {
            InstanceUrl = salesforce.BaseUrl,
            AuthKind = SalesforceAuthKind.ClientCredentials,
            ClientId = FakeSalesforce.ClientId,
            ClientSecret = FakeSalesforce.ClientSecret,
        })).AssertValue();
        return (tenant, admin);
    }

    /// <summary>Rows of an organization's table, read as the owner behind the API's back.</summary>
    public async Task<long> CountAsync(string sql, Guid organization)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("org", organization);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Erases a contact through the erasure feature itself: the person joins the real suppression list.</summary>
    public async Task EraseAsync(Guid organization, Guid contactId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        await using var work = await unitOfWork.BeginAsync(new WorkContext(organization, Actor.System("test erasure"), Channels.Erasure));
        await Api.Features.Erasure.ErasureApi.EraseAsync(db, unitOfWork, scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Api.Features.Audit.AuditOptions>>().Value,
            [contactId], scope.ServiceProvider.GetRequiredService<TimeProvider>(), default);
        await work.CommitAsync();
    }
}

/// <summary>Stands in for the erasure feature's suppression list (emails compared case-insensitively).</summary>
public sealed class TestSuppressionList : ISuppressionList
{
    private readonly ConcurrentDictionary<string, bool> _emails = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string email) => _emails[email] = true;

    public Task<bool> IsSuppressedAsync(string? email, string? linkedIn, CancellationToken ct) =>
        Task.FromResult(email is not null && _emails.ContainsKey(email));
}

public static class SalesforceTestApi
{
    /// <summary>Asks for a run and waits until a run that started after the request has finished; returns it.</summary>
    public static async Task<SalesforceRunDto> RunAsync(this HttpClient admin)
    {
        var before = (await admin.Typed().GetSalesforceAsync()).AssertValue().LastRun?.Id;
        (await admin.Typed().RequestSalesforceRunAsync()).AssertValue(System.Net.HttpStatusCode.Accepted);
        SalesforceRunDto? finished = null;
        await Eventually.TrueAsync(async () =>
        {
            var connection = (await admin.Typed().GetSalesforceAsync()).AssertValue();
            finished = connection.LastRun is { } run && run.Id != before && run.Status != SalesforceRunStatus.Running && !connection.RunRequested ? run : null;
            return finished is not null;
        }, "the requested run to finish");
        return finished!;
    }

    public static async Task<SalesforceConnectionDto> SalesforceAsync(this HttpClient admin) =>
        (await admin.Typed().GetSalesforceAsync()).AssertValue();
}

/// <summary>Waits for something the workers do in the background; fails with what it waited for.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!await condition())
        {
            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, int seconds = 30) => TrueAsync(() => Task.FromResult(condition()), what, seconds);
}

[CollectionDefinition(Name)]
public sealed class SalesforceCollection : ICollectionFixture<SalesforceApiFactory>
{
    public const string Name = "salesforce";
}
