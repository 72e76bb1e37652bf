using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Npgsql;

namespace ComplianceConnect.Api.Tests.Salesforce;

/// <summary>The Admin's connection settings, and two API instances sharing one database.</summary>
[Collection(SalesforceCollection.Name)]
public sealed class SalesforceConnectionTests(SalesforceApiFactory factory) : IAsyncLifetime
{
    private FakeSalesforce _salesforce = null!;

    public async Task InitializeAsync() => _salesforce = await FakeSalesforce.StartAsync(factory.Clock);

    public async Task DisposeAsync() => await _salesforce.DisposeAsync();

    [Fact]
    public async Task Secrets_are_stored_protected_and_never_returned()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);

        var response = await admin.GetAsync(ApiRoutes.SalesforceSettings);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(FakeSalesforce.ClientSecret, body);
        var connection = await admin.SalesforceAsync();
        Assert.True(connection is { Connected: true, HasClientSecret: true, HasRefreshToken: false });
        Assert.Equal(0, await factory.CountAsync(
            $"SELECT count(*) FROM salesforce_connections WHERE organization_id = @org AND protected_client_secret LIKE '%{FakeSalesforce.ClientSecret}%'", tenant.Organization.Id));
        Assert.Equal(1, await factory.CountAsync(
            "SELECT count(*) FROM salesforce_connections WHERE organization_id = @org AND protected_client_secret IS NOT NULL", tenant.Organization.Id));
    }

    [Fact]
    public async Task Testing_the_connection_says_whether_salesforce_accepts_the_credentials()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var good = (await admin.Typed().TestSalesforceAsync()).AssertValue();

        (await admin.Typed().PutSalesforceAsync(new SalesforceConnectionRequest
        {
            InstanceUrl = _salesforce.BaseUrl, AuthKind = SalesforceAuthKind.ClientCredentials, ClientId = FakeSalesforce.ClientId, ClientSecret = "wrong",
        })).AssertValue();
        var bad = (await admin.Typed().TestSalesforceAsync()).AssertValue();

        Assert.Equal(new SalesforceTestResultDto(true, null, null), good);
        Assert.Equal((false, ValidationCodes.SalesforceAuthFailed), (bad.Ok, bad.Code));
    }

    [Fact]
    public async Task Testing_the_connection_when_the_api_request_limit_is_used_up_says_so()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        _salesforce.RequestLimitExceeded = true;

        var test = (await admin.Typed().TestSalesforceAsync()).AssertValue();

        Assert.Equal((false, ValidationCodes.SalesforceRequestLimit), (test.Ok, test.Code));
        Assert.Contains("REQUEST_LIMIT_EXCEEDED", test.Message);
    }

    [Fact]
    public async Task A_refresh_token_connection_keeps_its_stored_token_when_the_settings_change()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var request = new SalesforceConnectionRequest
        {
            InstanceUrl = _salesforce.BaseUrl, AuthKind = SalesforceAuthKind.RefreshToken, ClientId = FakeSalesforce.ClientId, RefreshToken = FakeSalesforce.RefreshToken,
        };
        (await admin.Typed().PutSalesforceAsync(request)).AssertValue();

        var changed = (await admin.Typed().PutSalesforceAsync(request with { RefreshToken = null, IntervalMinutes = 30 })).AssertValue();

        Assert.True(changed is { HasRefreshToken: true, IntervalMinutes: 30 });
        Assert.True((await admin.Typed().TestSalesforceAsync()).AssertValue().Ok);
    }

    [Theory]
    [InlineData("http://salesforce.example.com")]
    [InlineData("not a url")]
    public async Task An_instance_url_that_would_send_credentials_in_clear_text_is_refused(string url)
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();

        var result = await admin.Typed().PutSalesforceAsync(new SalesforceConnectionRequest
        {
            InstanceUrl = url, AuthKind = SalesforceAuthKind.ClientCredentials, ClientId = "x", ClientSecret = "y",
        });

        Assert.Equal(400, result.Status);
        Assert.Contains(ValidationCodes.UrlInvalid, result.Problem!.Codes!["instanceUrl"]);
    }

    [Fact]
    public async Task Client_credentials_without_a_secret_are_refused()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();

        var result = await admin.Typed().PutSalesforceAsync(new SalesforceConnectionRequest
        {
            InstanceUrl = _salesforce.BaseUrl, AuthKind = SalesforceAuthKind.ClientCredentials, ClientId = FakeSalesforce.ClientId,
        });

        Assert.Equal(400, result.Status);
        Assert.Contains(ValidationCodes.SalesforceSecretRequired, result.Problem!.Codes!["clientSecret"]);
    }

    [Fact]
    public async Task A_run_cannot_be_requested_before_salesforce_is_connected()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();

        var result = await admin.Typed().RequestSalesforceRunAsync();

        Assert.Equal((409, ValidationCodes.SalesforceNotConnected), (result.Status, result.Problem?.Code));
    }

    [Fact]
    public async Task Two_instances_on_one_database_run_one_pull_at_a_time_and_push_each_opt_out_once()
    {
        await using var second = new SalesforceApiFactory();
        await second.InitializeAsync();
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(_salesforce.AddContact($"T{i}", "Twice", Email()));
        }

        _salesforce.QueryDelay = TimeSpan.FromMilliseconds(150); // long enough for both instances to find the run due
        var adminOnSecond = await second.ClientForAsync(tenant.Admin);

        // Both instances are asked; each wakes its scheduler; one takes the run, the other finds it locked or done.
        var requests = await Task.WhenAll(admin.Typed().RequestSalesforceRunAsync(), adminOnSecond.Typed().RequestSalesforceRunAsync());
        Assert.All(requests, r => Assert.Equal(202, r.Status));
        await Eventually.TrueAsync(async () => await admin.SalesforceAsync() is { RunRequested: false, LastRun.Status: not SalesforceRunStatus.Running }, "the run to finish");
        _salesforce.QueryDelay = TimeSpan.Zero;

        // Two requests may give two runs, one after the other (the second request can land after the first run ended),
        // but never two at once, and the person is created once.
        Assert.Equal(0, await factory.CountAsync(
            """
            SELECT count(*) FROM salesforce_runs a JOIN salesforce_runs b
              ON a.organization_id = b.organization_id AND a.id < b.id
             AND a.started_at < coalesce(b.finished_at, 'infinity') AND b.started_at < coalesce(a.finished_at, 'infinity')
            WHERE a.organization_id = @org
            """, tenant.Organization.Id));
        Assert.InRange(await factory.CountAsync("SELECT count(*) FROM salesforce_runs WHERE organization_id = @org", tenant.Organization.Id), 1, 2);
        Assert.Equal(8, await factory.CountAsync("SELECT count(*) FROM contacts WHERE organization_id = @org", tenant.Organization.Id));

        foreach (var id in ids)
        {
            var contact = await admin.LookupAsync(_salesforce.Get(id).Email!);
            var client = ids.IndexOf(id) % 2 == 0 ? admin : adminOnSecond;
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/unsubscribe", new ManualUnsubscribeRequest(), Json.Options)).StatusCode);
        }

        await Eventually.TrueAsync(() => ids.All(id => _salesforce.Get(id).HasOptedOutOfEmail), "every opt-out to reach Salesforce");
        await Eventually.TrueAsync(async () => (await admin.SalesforceAsync()).PendingPushes == 0, "every push to be confirmed");
        Assert.All(ids, id => Assert.Single(_salesforce.UpdatesOf(id)));
    }

    [Fact]
    public async Task The_run_lock_is_held_on_a_connection_of_its_own_for_the_whole_run()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        _salesforce.AddContact("Lock", "Holder", Email());
        _salesforce.QueryDelay = TimeSpan.FromMilliseconds(300);
        await using var owner = new NpgsqlConnection(factory.OwnerConnectionString);
        await owner.OpenAsync();
        var seenHeld = false;

        var run = admin.RunAsync();
        while (!run.IsCompleted)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = hashtext('salesforce')::oid AND objid = hashtext(@org)::oid AND granted", owner);
            command.Parameters.AddWithValue("org", tenant.Organization.Id.ToString());
            seenHeld |= (long)(await command.ExecuteScalarAsync())! == 1;
            await Task.Delay(50);
        }

        Assert.Equal(SalesforceRunStatus.Succeeded, (await run).Status);
        Assert.True(seenHeld, "the advisory lock was held while the run read Salesforce");
    }

    private static string Email() => $"{Guid.NewGuid():N}@example.com";
}
