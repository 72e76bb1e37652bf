using System.Net;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests.Salesforce;

/// <summary>The pull over real HTTP against the fake Salesforce: contacts in, opt-outs applied, watermarks, faults and crashes.</summary>
[Collection(SalesforceCollection.Name)]
public sealed class SalesforcePullTests(SalesforceApiFactory factory) : IAsyncLifetime
{
    private FakeSalesforce _salesforce = null!;

    public async Task InitializeAsync() => _salesforce = await FakeSalesforce.StartAsync(factory.Clock);

    public async Task DisposeAsync() => await _salesforce.DisposeAsync();

    [Fact]
    public async Task Pull_creates_contacts_with_source_crm_sync_and_their_salesforce_id_and_applies_opt_outs()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var jane = _salesforce.AddContact("Jane", "Doe", Email());
        var omar = _salesforce.AddContact("Omar", "Opted", Email(), optedOut: true);
        _salesforce.AddContact("Cleo", "Third", Email());
        var lead = _salesforce.AddLead("Lena", "Lead", Email(), optedOut: true);

        var run = await admin.RunAsync();

        Assert.Equal(SalesforceRunStatus.Succeeded, run.Status);
        Assert.Equal((4, 4, 2), (run.Pulled, run.Created, run.OptedOut));
        Assert.True(_salesforce.QueryMorePages >= 1, "three contacts at two a page need a second page");
        var created = await admin.LookupAsync(_salesforce.Get(jane).Email!);
        Assert.Equal((SourceType.CrmSync, jane), (created.Card.SourceType, created.SalesforceId));
        Assert.Null(created.UnsubscribedAt);
        var optedOut = await admin.LookupAsync(_salesforce.Get(omar).Email!);
        Assert.Equal(SubscriptionSource.SalesforceSync, optedOut.UnsubscribedVia);
        var leadContact = await admin.LookupAsync(_salesforce.Get(lead).Email!);
        Assert.Equal(("Lead Co", SubscriptionSource.SalesforceSync), (leadContact.Company, leadContact.UnsubscribedVia));
        var audit = await admin.GetAuditAsync(optedOut.Id);
        Assert.All(audit, e => Assert.Equal(("sync", "sync"), (e.ActorName, e.Channel)));
        Assert.Contains(audit, e => e.Action == "contact.unsubscribed");
        Assert.Equal(0, await factory.CountAsync("SELECT count(*) FROM salesforce_outbox WHERE organization_id = @org", tenant.Organization.Id));
    }

    [Fact]
    public async Task The_next_pull_starts_at_the_watermark_and_creates_nobody_twice()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        for (var i = 0; i < 5; i++)
        {
            _salesforce.AddContact($"P{i}", "Person", Email());
        }

        await admin.RunAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = _salesforce.AddContact("Late", "Comer", Email());
        var queriesBefore = _salesforce.Queries.Count;

        var second = await admin.RunAsync();

        Assert.Equal(SalesforceRunStatus.Succeeded, second.Status);
        Assert.Equal(1, second.Created);
        Assert.True(second.Pulled <= 2, $"only the record at the watermark and the new one are read again, not {second.Pulled}");
        Assert.Contains("WHERE SystemModstamp >= ", Assert.Single(_salesforce.Queries.Skip(queriesBefore), q => q.Contains("FROM Contact", StringComparison.Ordinal)));
        Assert.Equal(later, (await admin.LookupAsync(_salesforce.Get(later).Email!)).SalesforceId);
        Assert.Equal(6, await factory.CountAsync("SELECT count(*) FROM contacts WHERE organization_id = @org", tenant.Organization.Id));
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_with_backoff_and_the_run_completes()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        _salesforce.AddContact("Retry", "Me", Email());
        _salesforce.FailNext(HttpStatusCode.TooManyRequests, 1);
        _salesforce.FailNext(HttpStatusCode.ServiceUnavailable, 1);

        var run = await admin.RunAsync();

        Assert.Equal((SalesforceRunStatus.Succeeded, 1), (run.Status, run.Created));
        Assert.Equal(2, _salesforce.Faulted);
    }

    [Fact]
    public async Task A_session_that_expires_mid_run_is_renewed_and_the_run_completes()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        for (var i = 0; i < 5; i++)
        {
            _salesforce.AddContact($"S{i}", "Session", Email());
        }

        _salesforce.ExpireSessionsAfterPages = 1;

        var run = await admin.RunAsync();

        Assert.Equal((SalesforceRunStatus.Succeeded, 5), (run.Status, run.Created));
        Assert.Equal(1, _salesforce.RejectedForSession);
        Assert.Equal(2, _salesforce.TokensIssued);
    }

    [Fact]
    public async Task A_run_that_dies_mid_way_is_reported_and_the_next_one_resumes_from_its_watermark_without_duplicates()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(_salesforce.AddContact($"C{i}", "Crash", Email(), optedOut: i is 0 or 5));
        }

        _salesforce.FailQueryMoreAfter = 1; // pages 1 and 2 arrive, page 3 never does

        var failed = await admin.RunAsync();

        Assert.Equal(SalesforceRunStatus.Failed, failed.Status);
        Assert.Equal(ValidationCodes.SalesforceUnavailable, failed.ErrorCode);
        Assert.Contains("UNKNOWN_EXCEPTION", failed.Error);
        Assert.Equal(4, failed.Created);
        var queriesBefore = _salesforce.Queries.Count;
        _salesforce.FailQueryMoreAfter = null;

        var resumed = await admin.RunAsync();

        Assert.Equal(SalesforceRunStatus.Succeeded, resumed.Status);
        Assert.Equal(2, resumed.Created);
        Assert.Contains("WHERE SystemModstamp >= ", _salesforce.Queries.Skip(queriesBefore).First());
        Assert.Equal(6, await factory.CountAsync("SELECT count(*) FROM contacts WHERE organization_id = @org", tenant.Organization.Id));
        Assert.Equal(2, await factory.CountAsync("SELECT count(*) FROM subscription_events WHERE organization_id = @org", tenant.Organization.Id));
        Assert.Equal(6, await factory.CountAsync("SELECT count(*) FROM audit_entries WHERE organization_id = @org AND action = 'contact.created'", tenant.Organization.Id));
    }

    [Fact]
    public async Task A_run_whose_instance_crashed_mid_way_is_marked_cut_off_and_the_next_one_resumes_without_duplicates()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        for (var i = 0; i < 6; i++)
        {
            _salesforce.AddContact($"K{i}", "Killed", Email(), optedOut: i is 1 or 4);
        }

        _salesforce.FailQueryMoreAfter = 1;
        var crashed = await admin.RunAsync();
        _salesforce.FailQueryMoreAfter = null;

        // What a process killed mid-run leaves behind: its pages committed, its run still marked running
        // (its lock went with its connection).
        await factory.CountAsync($"""
            WITH r AS (UPDATE salesforce_runs SET status = 'Running', finished_at = NULL, error = NULL WHERE organization_id = @org AND id = '{crashed.Id}' RETURNING 1)
            SELECT count(*) FROM r
            """, tenant.Organization.Id);
        var resumed = await admin.RunAsync();

        Assert.Equal((SalesforceRunStatus.Succeeded, 2), (resumed.Status, resumed.Created));
        Assert.Equal(1, await factory.CountAsync($"SELECT count(*) FROM salesforce_runs WHERE organization_id = @org AND id = '{crashed.Id}' AND status = 'Abandoned'", tenant.Organization.Id));
        Assert.Equal(6, await factory.CountAsync("SELECT count(*) FROM contacts WHERE organization_id = @org", tenant.Organization.Id));
        Assert.Equal(2, await factory.CountAsync("SELECT count(*) FROM subscription_events WHERE organization_id = @org", tenant.Organization.Id));
    }

    [Fact]
    public async Task The_api_request_limit_fails_the_run_and_the_admin_sees_why()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        _salesforce.RequestLimitExceeded = true;

        var run = await admin.RunAsync();

        Assert.Equal(SalesforceRunStatus.Failed, run.Status);
        Assert.Equal(ValidationCodes.SalesforceRequestLimit, run.ErrorCode);
        Assert.Contains("REQUEST_LIMIT_EXCEEDED", run.Error);
        Assert.Equal(run, (await admin.SalesforceAsync()).LastRun);
    }

    [Fact]
    public async Task Credentials_salesforce_refuses_fail_the_run_with_a_code_the_admins_ui_can_word()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        (await admin.Typed().PutSalesforceAsync(new SalesforceConnectionRequest
        {
            InstanceUrl = _salesforce.BaseUrl, AuthKind = SalesforceAuthKind.ClientCredentials, ClientId = FakeSalesforce.ClientId, ClientSecret = "wrong",
        })).AssertValue();

        var run = await admin.RunAsync();

        Assert.Equal((SalesforceRunStatus.Failed, ValidationCodes.SalesforceAuthFailed), (run.Status, run.ErrorCode));
        Assert.False(string.IsNullOrEmpty(run.Error)); // the detail Salesforce gave stays beside the code
    }

    [Fact]
    public async Task A_pull_never_recreates_a_suppressed_person()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var email = Email();
        var before = await admin.CreateContactAsync("Erased", email);
        await factory.EraseAsync(tenant.Organization.Id, before.Id); // on the real suppression list now
        _salesforce.AddContact("Erased", "Before", email);

        var run = await admin.RunAsync();

        Assert.Equal((0, 1), (run.Created, run.Suppressed));
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)(await admin.Typed().LookupContactAsync(email)).Status);
        Assert.Equal(0, await factory.CountAsync("SELECT count(*) FROM contacts WHERE organization_id = @org", tenant.Organization.Id));
    }

    private static string Email() => $"{Guid.NewGuid():N}@example.com";
}
