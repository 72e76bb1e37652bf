using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CaptureTests(ApiFactory factory)
{
    private static CaptureRequest Jane(string email, string? linkedIn = null) => new()
    {
        FirstName = "Jane",
        LastName = "Doe",
        Email = email,
        Title = "Head of Data Protection",
        Company = "Acme GmbH",
        LinkedIn = linkedIn,
        PageUrl = "https://acme.example/team/jane-doe",
    };

    [Fact]
    public async Task A_capture_creates_a_contact_with_source_chrome_extension_page_url_and_capture_time()
    {
        var client = await factory.ClientForAsync((await factory.CreateTenantAsync()).Rep.Email, ApiFactory.ExtensionOrigin);

        var response = await (await client.PostAsJsonAsync("/api/contacts/capture", Jane("jane@acme.example"), Json.Options))
            .ReadAsync<CaptureResponse>(HttpStatusCode.Created);

        Assert.True(response.Created);
        var card = response.Contact.Card;
        Assert.Equal(SourceType.ChromeExtension, card.SourceType);
        Assert.Equal("https://acme.example/team/jane-doe", card.SourceUrl);
        Assert.Equal(factory.Clock.GetUtcNow(), card.CapturedAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Null(card.AuthorizationType);
        var trail = await client.GetAuditAsync(response.Contact.Id);
        Assert.Equal(("contact.captured", "extension"), (trail.Single().Action, trail.Single().Channel));
        Assert.Equal("https://acme.example/team/jane-doe", trail.Single().After!["sourceUrl"]);
    }

    [Fact]
    public async Task A_capture_may_record_the_legal_basis_in_the_same_step_under_the_same_rules()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var consent = Jane("consenting@acme.example") with
        {
            AuthorizationType = AuthorizationType.Consent,
            ConsentDate = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime.AddDays(-2)),
            ConsentPurpose = "Event invitations",
        };

        var created = await (await client.PostAsJsonAsync("/api/contacts/capture", consent, Json.Options)).ReadAsync<CaptureResponse>(HttpStatusCode.Created);
        var refused = await client.PostAsJsonAsync("/api/contacts/capture", consent with { Email = "other@acme.example", ConsentPurpose = null }, Json.Options);

        Assert.Equal(AuthorizationType.Consent, created.Contact.Card.AuthorizationType);
        Assert.Equal("Event invitations", created.Contact.Card.ConsentPurpose);
        await refused.AssertFieldErrorAsync("consentPurpose");
    }

    [Theory]
    [InlineData("JANE@ACME.EXAMPLE", null)]
    [InlineData(null, "https://www.linkedin.com/in/Jane-Doe/?trk=public_profile")]
    public async Task Capturing_a_known_person_again_matches_the_existing_contact_and_changes_nothing(string? email, string? linkedIn)
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var first = await (await client.PostAsJsonAsync("/api/contacts/capture", Jane("jane@acme.example", "https://linkedin.com/in/jane-doe"), Json.Options))
            .ReadAsync<CaptureResponse>(HttpStatusCode.Created);

        var again = await (await client.PostAsJsonAsync("/api/contacts/capture", Jane(email!, linkedIn) with { FirstName = "Janet", PageUrl = "https://elsewhere.example/" }, Json.Options))
            .ReadAsync<CaptureResponse>(HttpStatusCode.OK);

        Assert.False(again.Created);
        Assert.Equal(first.Contact.Id, again.Contact.Id);
        Assert.Equal("Jane", again.Contact.FirstName);
        Assert.Single(await client.GetAuditAsync(first.Contact.Id));
    }

    [Fact]
    public async Task Simultaneous_captures_of_one_person_make_one_contact()
    {
        var tenant = await factory.CreateTenantAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => tenant.RepClientAsync()));

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/contacts/capture", Jane("race@acme.example"), Json.Options)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<CaptureResponse>(Json.Options)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single(bodies.Select(b => b!.Contact.Id).Distinct());
        var list = await (await clients[0].GetAsync("/api/contacts?q=race@acme.example")).ReadAsync<ContactPage>();
        Assert.Equal(1, list.Total);
    }

    [Fact]
    public async Task The_same_person_captured_in_another_organization_is_a_separate_contact()
    {
        var ours = await (await factory.CreateTenantAsync()).RepClientAsync();
        var theirs = await (await factory.CreateTenantAsync()).RepClientAsync();

        var a = await (await ours.PostAsJsonAsync("/api/contacts/capture", Jane("tenant@acme.example"), Json.Options)).ReadAsync<CaptureResponse>(HttpStatusCode.Created);
        var b = await (await theirs.PostAsJsonAsync("/api/contacts/capture", Jane("tenant@acme.example"), Json.Options)).ReadAsync<CaptureResponse>(HttpStatusCode.Created);

        Assert.NotEqual(a.Contact.Id, b.Contact.Id);
        Assert.Equal(a.Contact.Id, (await (await ours.GetAsync("/api/contacts/lookup?email=tenant@acme.example")).ReadAsync<ContactDto>()).Id);
    }

    [Fact]
    public async Task A_capture_without_a_page_url_or_with_a_bad_email_is_refused_naming_the_fields()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        var response = await client.PostAsJsonAsync("/api/contacts/capture", Jane("not-an-email") with { PageUrl = null }, Json.Options);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("pageUrl", problem.Errors!.Keys);
        Assert.Contains("email", problem.Errors.Keys);
    }

    [Fact]
    public async Task Lookup_finds_by_email_or_linkedin_and_answers_404_for_strangers()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var created = await (await client.PostAsJsonAsync("/api/contacts/capture", Jane("lookup@acme.example", "https://www.linkedin.com/in/lookup-person"), Json.Options))
            .ReadAsync<CaptureResponse>(HttpStatusCode.Created);

        var byLinkedIn = await (await client.GetAsync("/api/contacts/lookup?linkedIn=" + Uri.EscapeDataString("https://linkedin.com/in/Lookup-Person/"))).ReadAsync<ContactDto>();
        var missing = await client.GetAsync("/api/contacts/lookup?email=nobody@acme.example");
        var empty = await client.GetAsync("/api/contacts/lookup");

        Assert.Equal(created.Contact.Id, byLinkedIn.Id);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        await empty.AssertFieldErrorAsync("email");
    }
}
