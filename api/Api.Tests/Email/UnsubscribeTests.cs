using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Features.Email;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Api.Tests.Email;

/// <summary>The unsubscribe link's public page, the one-click request, the history and the Admin's lift.</summary>
[Collection(ApiCollection.Name)]
public sealed class UnsubscribeTests(ApiFactory factory)
{
    [Fact]
    public async Task Opening_the_link_shows_a_confirm_page_and_changes_nothing()
    {
        var (client, contact, link) = await ContactWithLinkAsync();

        var page = await Anonymous().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\"", html);
        Assert.False((await SubscriptionAsync(client, contact)).Unsubscribed);
    }

    [Fact]
    public async Task Confirming_unsubscribes_once_and_repeating_gives_the_same_answer()
    {
        var (client, contact, link) = await ContactWithLinkAsync();

        var first = await Anonymous().PostAsync(link, Form(("confirm", "yes")));
        var again = await Anonymous().PostAsync(link, Form(("confirm", "yes")));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var subscription = await SubscriptionAsync(client, contact);
        Assert.True(subscription.Unsubscribed);
        Assert.Equal(SubscriptionSource.Link, subscription.Via);
        var only = Assert.Single(subscription.History);
        Assert.Equal((SubscriptionEventKind.Unsubscribe, SubscriptionSource.Link), (only.Kind, only.Source));
        Assert.Contains(await client.GetAuditAsync(contact.Id), e => e.Action == "contact.unsubscribed" && e.Channel == "unsubscribe-link");
    }

    [Fact]
    public async Task The_one_click_post_unsubscribes_without_a_session_and_is_idempotent()
    {
        var (client, contact, link) = await ContactWithLinkAsync();

        var first = await Anonymous().PostAsync(link, Form(("List-Unsubscribe", "One-Click")));
        var again = await Anonymous().PostAsync(link, Form(("List-Unsubscribe", "One-Click")));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var subscription = await SubscriptionAsync(client, contact);
        Assert.Equal(SubscriptionSource.OneClick, Assert.Single(subscription.History).Source);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public async Task A_tampered_or_truncated_link_gets_a_clear_page_and_changes_nothing(string damage)
    {
        var (client, contact, link) = await ContactWithLinkAsync();
        var token = link[(link.LastIndexOf('/') + 1)..];
        var broken = damage switch
        {
            "tampered" => token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..],
            "truncated" => token[..^4],
            _ => "not-a-token",
        };

        var get = await Anonymous().GetAsync($"/u/{broken}");
        var post = await Anonymous().PostAsync($"/u/{broken}", Form(("confirm", "yes")));
        var oneClick = await Anonymous().PostAsync($"/u/{broken}", Form(("List-Unsubscribe", "One-Click")));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], new[] { get.StatusCode, post.StatusCode, oneClick.StatusCode });
        Assert.Contains("This link does not work", await get.Content.ReadAsStringAsync());
        Assert.Empty((await SubscriptionAsync(client, contact)).History);
    }

    [Fact]
    public async Task The_public_page_sends_strict_headers_and_speaks_swedish()
    {
        var (_, _, link) = await ContactWithLinkAsync();

        var page = await Anonymous().GetAsync(link + "?lang=sv");

        Assert.Contains("Avregistrera mig", await page.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_rep_cannot_lift_an_unsubscribe()
    {
        var tenant = await factory.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();
        var contact = await rep.CreateContactAsync();
        (await rep.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/unsubscribe", new ManualUnsubscribeRequest(), Json.Options)).EnsureSuccessStatusCode();

        var lift = await rep.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/resubscribe", Evidence(), Json.Options);

        await lift.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.True((await SubscriptionAsync(rep, contact)).Unsubscribed);
    }

    [Fact]
    public async Task Lifting_without_evidence_is_refused_naming_what_is_missing()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var contact = await admin.CreateContactAsync();
        (await admin.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/unsubscribe", new ManualUnsubscribeRequest(), Json.Options)).EnsureSuccessStatusCode();

        var lift = await admin.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/resubscribe", new ResubscribeRequest(), Json.Options);

        var problem = await lift.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["consentDate", "consentPurpose", "evidenceReference"], problem.Errors!.Keys.Order());
        Assert.Equal([ValidationCodes.Required], problem.Codes!["evidenceReference"]);
        Assert.True((await SubscriptionAsync(admin, contact)).Unsubscribed);
    }

    [Fact]
    public async Task An_admin_lifts_with_evidence_which_sets_consent_and_keeps_both_events()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var contact = await admin.CreateContactAsync();
        (await admin.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/unsubscribe", new ManualUnsubscribeRequest { Reason = "Asked at a fair" }, Json.Options))
            .EnsureSuccessStatusCode();

        var lifted = await (await admin.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/resubscribe", Evidence(), Json.Options)).ReadAsync<SubscriptionDto>();

        Assert.False(lifted.Unsubscribed);
        Assert.Equal([SubscriptionEventKind.Unsubscribe, SubscriptionEventKind.Resubscribe], lifted.History.Select(e => e.Kind));
        Assert.Equal((SubscriptionSource.Admin, "Alice Admin", "Signed form #4711"), (lifted.History[1].Source, lifted.History[1].ActorName, lifted.History[1].EvidenceReference));
        var card = await admin.GetCardAsync(contact.Id);
        Assert.Equal((AuthorizationType.Consent, new DateOnly(2026, 11, 20), "Newsletter about data protection"), (card.AuthorizationType, card.ConsentDate, card.ConsentPurpose));
        var actions = (await admin.GetAuditAsync(contact.Id)).Select(e => e.Action).ToList();
        Assert.Contains("contact.unsubscribed", actions);
        Assert.Contains("contact.resubscribed", actions);
        Assert.Contains("contact.compliance-card-changed", actions);
    }

    [Fact]
    public async Task Captured_contacts_nearing_a_month_without_the_privacy_notice_are_listed()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var captured = (await (await client.PostAsJsonAsync(ApiRoutes.Capture, new CaptureRequest
        {
            FirstName = "Old",
            LastName = "Capture",
            Email = $"old-{Guid.NewGuid():N}@example.com",
            PageUrl = "https://example.com/team",
        }, Json.Options)).ReadAsync<CaptureResponse>(HttpStatusCode.Created)).Contact;
        await client.CreateContactAsync("Typed", $"typed-{Guid.NewGuid():N}@example.com");

        var before = await (await client.GetAsync(ApiRoutes.PrivacyNoticeDue)).ReadAsync<List<PrivacyNoticeDueDto>>();
        await using (var owner = new Npgsql.NpgsqlConnection(factory.OwnerConnectionString))
        {
            // Three weeks pass for these two contacts (the shared clock stays put for the other tests).
            await owner.OpenAsync();
            await using var age = new Npgsql.NpgsqlCommand("UPDATE contacts SET created_at = created_at - interval '22 days' WHERE organization_id = @org", owner);
            age.Parameters.AddWithValue("org", tenant.Organization.Id);
            await age.ExecuteNonQueryAsync();
        }

        var after = await (await client.GetAsync(ApiRoutes.PrivacyNoticeDue)).ReadAsync<List<PrivacyNoticeDueDto>>();

        Assert.Empty(before);
        var due = Assert.Single(after);
        Assert.Equal(captured.Id, due.Contact.Id);
        Assert.Equal(captured.CreatedAt.AddDays(-22).AddMonths(1), due.DueBy, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
    }

    private static ResubscribeRequest Evidence() =>
        new() { ConsentDate = new DateOnly(2026, 11, 20), ConsentPurpose = "Newsletter about data protection", EvidenceReference = "Signed form #4711" };

    private async Task<(HttpClient Client, ContactDto Contact, string Link)> ContactWithLinkAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var contact = await client.CreateContactAsync();
        var token = factory.Services.GetRequiredService<UnsubscribeTokens>().Create(new UnsubscribeLink(tenant.Organization.Id, contact.Id, Guid.NewGuid()));
        return (client, contact, $"/u/{token}");
    }

    private HttpClient Anonymous() => factory.CreateClient();

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<SubscriptionDto> SubscriptionAsync(HttpClient client, ContactDto contact) =>
        await (await client.GetAsync($"{ApiRoutes.Contact(contact.Id)}/subscription")).ReadAsync<SubscriptionDto>();
}
