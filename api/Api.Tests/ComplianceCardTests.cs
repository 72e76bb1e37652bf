using System.Net;
using System.Text;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using static ComplianceConnect.Api.Tests.Infrastructure.ContactApi;

namespace ComplianceConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ComplianceCardTests(ApiFactory factory)
{
    private const int LastMonth = -30;

    /// <summary>Dates relative to the API's clock, which other tests may have moved forward.</summary>
    private DateOnly? Day(int? daysFromToday) =>
        daysFromToday is { } days ? DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime.AddDays(days)) : null;

    private async Task<(HttpClient Client, ComplianceCardDto Card)> NewContactAsync()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var contact = await client.CreateContactAsync();
        return (client, contact.Card);
    }

    [Fact]
    public async Task A_contact_created_by_hand_has_source_manual_upload_and_no_legal_basis()
    {
        var (_, card) = await NewContactAsync();

        Assert.Equal(SourceType.ManualUpload, card.SourceType);
        Assert.Null(card.AuthorizationType);
    }

    public static TheoryData<string, AuthorizationType?, int?, string?, string?> AcceptedAuthorizations => new()
    {
        { "consent with date and purpose", AuthorizationType.Consent, LastMonth, "Newsletter about data protection", null },
        { "consent given today", AuthorizationType.Consent, 0, "Webinar follow-up", null },
        { "legitimate interest", AuthorizationType.LegitimateInterest, null, null, null },
        { "contract", AuthorizationType.PerformanceOfContract, null, null, null },
        { "legal obligation", AuthorizationType.LegalObligation, null, null, null },
        { "vital interests", AuthorizationType.VitalInterests, null, null, null },
        { "public interest", AuthorizationType.PublicInterest, null, null, null },
        { "other with description", AuthorizationType.Other, null, null, "Works council agreement 2026" },
        { "not recorded", null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(AcceptedAuthorizations))]
    public async Task A_valid_legal_basis_is_saved(string because, AuthorizationType? type, int? consentDay, string? purpose, string? description)
    {
        var date = Day(consentDay);
        var (client, card) = await NewContactAsync();

        var saved = await (await client.PutCardAsync(card.ContactId, Edit(card, type, date, purpose, description))).ReadAsync<ComplianceCardDto>();

        Assert.True(saved.AuthorizationType == type, because);
        Assert.Equal(date, saved.ConsentDate);
        Assert.Equal(purpose, saved.ConsentPurpose);
        Assert.Equal(description, saved.AuthorizationDescription);
        Assert.Equal(saved, await client.GetCardAsync(card.ContactId));
    }

    public static TheoryData<string, AuthorizationType?, int?, string?, string?, string> RejectedAuthorizations => new()
    {
        { "consent without date", AuthorizationType.Consent, null, "Newsletter", null, "consentDate" },
        { "consent without purpose", AuthorizationType.Consent, LastMonth, null, null, "consentPurpose" },
        { "consent with blank purpose", AuthorizationType.Consent, LastMonth, "   ", null, "consentPurpose" },
        { "consent dated in the future", AuthorizationType.Consent, 3, "Newsletter", null, "consentDate" },
        { "consent date on legitimate interest", AuthorizationType.LegitimateInterest, LastMonth, null, null, "consentDate" },
        { "consent purpose on contract", AuthorizationType.PerformanceOfContract, null, "Newsletter", null, "consentPurpose" },
        { "consent date with no basis", null, LastMonth, null, null, "consentDate" },
        { "other without description", AuthorizationType.Other, null, null, null, "authorizationDescription" },
        { "description on consent", AuthorizationType.Consent, LastMonth, "Newsletter", "Because", "authorizationDescription" },
        { "description on legitimate interest", AuthorizationType.LegitimateInterest, null, null, "Because", "authorizationDescription" },
        { "over-long purpose", AuthorizationType.Consent, LastMonth, new string('p', 1001), null, "consentPurpose" },
        { "over-long description", AuthorizationType.Other, null, null, new string('d', 1001), "authorizationDescription" },
    };

    [Theory]
    [MemberData(nameof(RejectedAuthorizations))]
    public async Task A_broken_legal_basis_rule_is_refused_naming_the_field_and_nothing_is_saved(
        string because, AuthorizationType? type, int? consentDay, string? purpose, string? description, string field)
    {
        var date = Day(consentDay);
        var (client, card) = await NewContactAsync();

        var response = await client.PutCardAsync(card.ContactId, Edit(card, type, date, purpose, description));

        var messages = await response.AssertFieldErrorAsync(field);
        Assert.True(messages.Length > 0, because);
        Assert.Equal(card, await client.GetCardAsync(card.ContactId));
    }

    [Fact]
    public async Task Source_other_requires_a_description_that_other_sources_refuse()
    {
        var (client, card) = await NewContactAsync();

        var missing = await client.PutCardAsync(card.ContactId, Edit(card, null, source: SourceType.Other));
        var misplaced = await client.PutCardAsync(card.ContactId, Edit(card, null, source: SourceType.Import, sourceDescription: "From a fair"));
        var valid = await client.PutCardAsync(card.ContactId, Edit(card, null, source: SourceType.Other, sourceDescription: "Business card at a trade fair"));

        Assert.Contains("Is required when the source is Other.", await missing.AssertFieldErrorAsync("sourceDescription"));
        Assert.Contains("Is only allowed when the source is Other.", await misplaced.AssertFieldErrorAsync("sourceDescription"));
        var saved = await valid.ReadAsync<ComplianceCardDto>();
        Assert.Equal((SourceType.Other, "Business card at a trade fair"), (saved.SourceType, saved.SourceDescription));
    }

    [Theory]
    [InlineData("authorizationType", "\"Whim\"", "Allowed values: Consent, LegitimateInterest, PerformanceOfContract, LegalObligation, VitalInterests, PublicInterest, Other.")]
    [InlineData("sourceType", "\"Telepathy\"", "Allowed values: CrmSync, Import, ManualUpload, ChromeExtension, Other.")]
    [InlineData("authorizationType", "3", "Allowed values: Consent,")]
    [InlineData("authorizationType", "\"LegitimateInterest,PerformanceOfContract\"", "Allowed values: Consent,")]
    [InlineData("authorizationType", "\"2\"", "Allowed values: Consent,")]
    public async Task An_unknown_enum_value_is_refused_with_the_allowed_values(string field, string json, string expected)
    {
        var (client, card) = await NewContactAsync();
        // Each field once: a duplicate property is refused before any value is read.
        var other = field == "sourceType" ? "\"authorizationType\":null" : "\"sourceType\":\"ManualUpload\"";
        var body = $$"""{{{other}},"version":{{card.Version}},"{{field}}":{{json}}}""";

        var response = await client.PutAsync($"/api/contacts/{card.ContactId}/card", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains(expected, (await response.AssertFieldErrorAsync(field))[0]);
    }

    [Fact]
    public async Task A_card_without_source_or_version_names_both_fields()
    {
        var (client, card) = await NewContactAsync();

        var response = await client.PutAsync($"/api/contacts/{card.ContactId}/card", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("sourceType", problem.Errors!.Keys);
        Assert.Contains("version", problem.Errors.Keys);
    }

    [Fact]
    public async Task Of_two_editors_the_second_gets_409_with_the_current_card_and_the_first_change_survives()
    {
        var (client, card) = await NewContactAsync();
        var first = Edit(card, AuthorizationType.LegitimateInterest);
        var second = Edit(card, AuthorizationType.Consent, Day(LastMonth), "Events");

        var firstSaved = await (await client.PutCardAsync(card.ContactId, first)).ReadAsync<ComplianceCardDto>();
        var conflict = await client.PutCardAsync(card.ContactId, second);

        var problem = await conflict.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("version", problem.Errors!.Keys);
        var body = System.Text.Json.JsonDocument.Parse(await conflict.Content.ReadAsStringAsync());
        Assert.Equal("LegitimateInterest", body.RootElement.GetProperty("current").GetProperty("authorizationType").GetString());
        Assert.Equal(firstSaved, await client.GetCardAsync(card.ContactId));
    }

    [Fact]
    public async Task Simultaneous_edits_of_one_version_let_exactly_one_win()
    {
        var (client, card) = await NewContactAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            client.PutCardAsync(card.ContactId, Edit(card, AuthorizationType.Other, authorizationDescription: $"Editor {i}"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Another_organizations_card_is_not_found()
    {
        var (_, card) = await NewContactAsync();
        var stranger = await (await factory.CreateTenantAsync()).RepClientAsync();

        await (await stranger.GetAsync($"/api/contacts/{card.ContactId}/card")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PutCardAsync(card.ContactId, Edit(card, AuthorizationType.LegitimateInterest))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_a_contact_applies_the_consent_rules_too()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        var response = await client.PostAsync("/api/contacts", new StringContent(
            """{"firstName":"Ann","authorizationType":"Consent","consentPurpose":"Newsletter"}""", Encoding.UTF8, "application/json"));

        await response.AssertFieldErrorAsync("consentDate");
    }
}
