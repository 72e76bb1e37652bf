using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests.Salesforce;

/// <summary>Opt-outs made here reaching Salesforce through the outbox, and the rules when both sides changed.</summary>
[Collection(SalesforceCollection.Name)]
public sealed class SalesforcePushTests(SalesforceApiFactory factory) : IAsyncLifetime
{
    private FakeSalesforce _salesforce = null!;

    public async Task InitializeAsync() => _salesforce = await FakeSalesforce.StartAsync(factory.Clock);

    public async Task DisposeAsync() => await _salesforce.DisposeAsync();

    [Fact]
    public async Task An_unsubscribe_here_reaches_salesforce_within_seconds()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var id = _salesforce.AddContact("Una", "Subscribed", Email());
        await admin.RunAsync();
        var contact = await admin.LookupAsync(_salesforce.Get(id).Email!);

        await UnsubscribeAsync(admin, contact.Id);

        await Eventually.TrueAsync(() => _salesforce.Get(id).HasOptedOutOfEmail, "the opt-out to reach Salesforce", seconds: 10);
        Assert.True(Assert.Single(_salesforce.UpdatesOf(id)).HasOptedOutOfEmail);
        await Eventually.TrueAsync(async () => (await admin.SalesforceAsync()).PendingPushes == 0, "the push to be confirmed");
    }

    [Fact]
    public async Task A_push_during_an_outage_is_kept_and_sent_once_when_salesforce_is_back()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var id = _salesforce.AddContact("Otto", "Outage", Email());
        await admin.RunAsync();
        var contact = await admin.LookupAsync(_salesforce.Get(id).Email!);
        _salesforce.UpdatesDown = true;

        await UnsubscribeAsync(admin, contact.Id);

        await Eventually.TrueAsync(async () => (await admin.SalesforceAsync()).LastPushError is not null, "the failed attempt to be recorded");
        Assert.Equal(1, (await admin.SalesforceAsync()).PendingPushes);
        Assert.Empty(_salesforce.UpdatesOf(id));
        _salesforce.UpdatesDown = false;
        factory.Clock.Advance(TimeSpan.FromMinutes(2)); // past the retry's backoff

        await Eventually.TrueAsync(() => _salesforce.Get(id).HasOptedOutOfEmail, "the opt-out to reach Salesforce after the outage");
        await Eventually.TrueAsync(async () => (await admin.SalesforceAsync()).PendingPushes == 0, "the push to be confirmed");
        Assert.Single(_salesforce.UpdatesOf(id));
        Assert.Equal(1, await factory.CountAsync("SELECT count(*) FROM salesforce_outbox WHERE organization_id = @org AND status = 'Confirmed' AND attempts >= 2", tenant.Organization.Id));
    }

    [Fact]
    public async Task An_opt_out_on_both_sides_is_recorded_once()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var id = _salesforce.AddContact("Both", "Sides", Email());
        await admin.RunAsync();
        var contact = await admin.LookupAsync(_salesforce.Get(id).Email!);
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        _salesforce.SetOptOut(id, true);
        await UnsubscribeAsync(admin, contact.Id);

        var run = await admin.RunAsync();

        Assert.Equal(0, run.OptedOut);
        var subscription = (await admin.Typed().SendAsync(HttpMethod.Get, $"{ApiRoutes.Contact(contact.Id)}/subscription", Shared.Json.ContractsJsonContext.Default.SubscriptionDto)).AssertValue();
        Assert.Equal(SubscriptionSource.Manual, Assert.Single(subscription.History).Source);
        Assert.True(_salesforce.Get(id).HasOptedOutOfEmail);
        Assert.Equal(1, await factory.CountAsync("SELECT count(*) FROM subscription_events WHERE organization_id = @org", tenant.Organization.Id));
    }

    [Fact]
    public async Task A_lifted_unsubscribe_stays_lifted_until_salesforce_opts_the_person_out_again()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var id = _salesforce.AddContact("Lifted", "Person", Email(), optedOut: true);
        await admin.RunAsync();
        var contact = await admin.LookupAsync(_salesforce.Get(id).Email!);
        Assert.Equal(SubscriptionSource.SalesforceSync, contact.UnsubscribedVia);

        // The Admin lifts it on evidence while Salesforce cannot be updated: the clear is not confirmed yet.
        _salesforce.UpdatesDown = true;
        await ResubscribeAsync(admin, contact.Id);
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        _salesforce.Touch(id); // changed there after the lift, still opted out: only the pending clear explains it
        var stillOptedOut = await admin.RunAsync();
        Assert.Equal(0, stillOptedOut.OptedOut);
        Assert.Null((await admin.LookupAsync(contact.Email!)).UnsubscribedAt);

        // Salesforce is back: the clear is pushed and confirmed; a pull changes nothing.
        _salesforce.UpdatesDown = false;
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(async () => (await admin.SalesforceAsync()).PendingPushes == 0, "the clear to be confirmed");
        Assert.False(_salesforce.Get(id).HasOptedOutOfEmail);
        Assert.Equal(0, (await admin.RunAsync()).OptedOut);
        Assert.Null((await admin.LookupAsync(contact.Email!)).UnsubscribedAt);

        // A new opt-out in Salesforce, after the clear was confirmed, is applied.
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        _salesforce.SetOptOut(id, true);
        var optedOutAgain = await admin.RunAsync();
        Assert.Equal(1, optedOutAgain.OptedOut);
        Assert.Equal(SubscriptionSource.SalesforceSync, (await admin.LookupAsync(contact.Email!)).UnsubscribedVia);
    }

    [Fact]
    public async Task An_admin_lifting_an_unsubscribe_made_here_clears_the_opt_out_in_salesforce()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var id = _salesforce.AddContact("Lift", "Here", Email());
        await admin.RunAsync();
        var contact = await admin.LookupAsync(_salesforce.Get(id).Email!);
        await UnsubscribeAsync(admin, contact.Id);
        await Eventually.TrueAsync(() => _salesforce.Get(id).HasOptedOutOfEmail, "the opt-out to reach Salesforce");

        await ResubscribeAsync(admin, contact.Id);

        await Eventually.TrueAsync(() => !_salesforce.Get(id).HasOptedOutOfEmail, "the clear to reach Salesforce", seconds: 10);
        Assert.Equal([true, false], _salesforce.UpdatesOf(id).Select(u => u.HasOptedOutOfEmail));
        await Eventually.TrueAsync(async () => (await admin.SalesforceAsync()).PendingPushes == 0, "the clear to be confirmed");
        Assert.Null((await admin.LookupAsync(contact.Email!)).UnsubscribedAt);
    }

    [Fact]
    public async Task A_pull_that_still_shows_the_opt_out_after_the_clear_was_confirmed_does_not_reapply_it()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var id = _salesforce.AddContact("Stale", "View", Email(), optedOut: true);
        await admin.RunAsync();
        var contact = await admin.LookupAsync(_salesforce.Get(id).Email!);
        await ResubscribeAsync(admin, contact.Id);
        await Eventually.TrueAsync(async () => (await admin.SalesforceAsync()).PendingPushes == 0, "the clear to be confirmed");

        // Salesforce shows the old value once more (a stale replica, a sandbox refresh) with its old stamp.
        var confirmedStamp = _salesforce.Get(id).SystemModstamp;
        _salesforce.Get(id).HasOptedOutOfEmail = true;
        _salesforce.Get(id).SystemModstamp = confirmedStamp;

        var run = await admin.RunAsync();

        Assert.Equal(0, run.OptedOut);
        Assert.Null((await admin.LookupAsync(contact.Email!)).UnsubscribedAt);
        Assert.Equal(1, await factory.CountAsync("SELECT count(*) FROM salesforce_outbox WHERE organization_id = @org AND NOT opted_out AND confirmed_modstamp IS NOT NULL", tenant.Organization.Id));
    }

    [Fact]
    public async Task Clearing_the_opt_out_in_salesforce_lifts_only_an_unsubscribe_that_came_from_salesforce()
    {
        var (_, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var fromSalesforce = _salesforce.AddContact("From", "Crm", Email(), optedOut: true);
        var fromHere = _salesforce.AddContact("From", "Here", Email());
        await admin.RunAsync();
        var here = await admin.LookupAsync(_salesforce.Get(fromHere).Email!);
        await UnsubscribeAsync(admin, here.Id);
        await Eventually.TrueAsync(() => _salesforce.Get(fromHere).HasOptedOutOfEmail, "the opt-out made here to reach Salesforce");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        _salesforce.SetOptOut(fromSalesforce, false);
        _salesforce.SetOptOut(fromHere, false);

        var run = await admin.RunAsync();

        Assert.Equal((1, 1), (run.OptOutsCleared, run.PushesQueued));
        Assert.Null((await admin.LookupAsync(_salesforce.Get(fromSalesforce).Email!)).UnsubscribedAt);
        Assert.Equal(SubscriptionSource.Manual, (await admin.LookupAsync(here.Email!)).UnsubscribedVia);
        await Eventually.TrueAsync(() => _salesforce.Get(fromHere).HasOptedOutOfEmail, "the most restrictive value to be pushed back");
    }

    [Fact]
    public async Task Erasure_pushes_an_opt_out_and_a_later_pull_does_not_recreate_the_person()
    {
        var (tenant, admin) = await factory.ConnectedTenantAsync(_salesforce);
        var id = _salesforce.AddContact("Erase", "Me", Email());
        await admin.RunAsync();
        var contact = await admin.LookupAsync(_salesforce.Get(id).Email!);

        await factory.EraseAsync(tenant.Organization.Id, contact.Id);

        await Eventually.TrueAsync(() => _salesforce.Get(id).HasOptedOutOfEmail, "the erasure's opt-out to reach Salesforce");
        await Eventually.TrueAsync(async () => (await admin.SalesforceAsync()).PendingPushes == 0, "the push to be confirmed");
        Assert.Equal(0, await factory.CountAsync(
            "SELECT count(*) FROM salesforce_outbox WHERE organization_id = @org AND cause = 'Erasure' AND status <> 'Confirmed'", tenant.Organization.Id));
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        _salesforce.SetOptOut(id, true); // touched again in Salesforce, so the pull reads it again
        var run = await admin.RunAsync();
        Assert.Equal((0, 1), (run.Created, run.Suppressed));
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)(await admin.Typed().LookupContactAsync(contact.Email)).Status);
    }

    private static async Task UnsubscribeAsync(HttpClient client, Guid contactId) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{ApiRoutes.Contact(contactId)}/unsubscribe", new ManualUnsubscribeRequest { Reason = "asked by phone" }, Json.Options)).StatusCode);

    private async Task ResubscribeAsync(HttpClient admin, Guid contactId) =>
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"{ApiRoutes.Contact(contactId)}/resubscribe", new ResubscribeRequest
        {
            ConsentDate = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime),
            ConsentPurpose = "Newsletter",
            EvidenceReference = "Signed form #42",
        }, Json.Options)).StatusCode);

    private static string Email() => $"{Guid.NewGuid():N}@example.com";
}
