using System.Net;
using ComplianceConnect.Extension.Components;
using ComplianceConnect.Shared.Compliance;

namespace ComplianceConnect.Extension.Tests;

public sealed class ComplianceCardTests : BunitContext
{
    private static readonly ComplianceCardDto Card = new(Guid.NewGuid(), null, null, null, null, SourceType.ManualUpload, null, null, null, 7);

    private IRenderedComponent<ComplianceCard> RenderCard() =>
        Render<ComplianceCard>(p => p.Add(c => c.ContactId, Card.ContactId).Add(c => c.Card, Card));

    [Theory]
    [InlineData("en")]
    [InlineData("sv")]
    public async Task Consent_and_capture_dates_show_in_one_format_in_either_language(string language)
    {
        await this.AddSignedInExtensionAsync(language);
        var withDates = Card with
        {
            AuthorizationType = AuthorizationType.Consent,
            ConsentDate = new DateOnly(2026, 3, 5),
            ConsentPurpose = "Newsletter",
            CapturedAt = new DateTimeOffset(2026, 3, 5, 14, 2, 0, TimeSpan.FromHours(1)),
        };

        var card = Render<ComplianceCard>(p => p.Add(c => c.ContactId, withDates.ContactId).Add(c => c.Card, withDates));

        Assert.Equal("2026-03-05", card.Find("[data-testid=consent-date]").TextContent);
        Assert.Equal("2026-03-05 13:02 UTC", card.Find("[data-testid=captured-at]").TextContent);
    }

    [Fact]
    public async Task A_card_without_legal_basis_shows_a_warning()
    {
        await this.AddSignedInExtensionAsync();

        var card = RenderCard();

        Assert.Contains("No legal basis is recorded", card.Find("[data-testid=no-legal-basis]").TextContent);
        Assert.Equal("Not recorded", card.Find("[data-testid=legal-basis]").TextContent);
    }

    [Fact]
    public async Task Choosing_consent_reveals_date_and_purpose_and_choosing_other_reveals_the_description()
    {
        await this.AddSignedInExtensionAsync();
        var card = RenderCard();
        card.Find("button").Click();

        Assert.Empty(card.FindAll("#consent-date"));
        card.Find("#authorization-type").Change("Consent");
        Assert.Single(card.FindAll("#consent-date"));
        Assert.Single(card.FindAll("#consent-purpose"));
        Assert.Empty(card.FindAll("#authorization-description"));

        card.Find("#authorization-type").Change("Other");
        Assert.Empty(card.FindAll("#consent-date"));
        Assert.Single(card.FindAll("#authorization-description"));
    }

    [Fact]
    public async Task Consent_without_a_purpose_is_explained_next_to_the_field_and_nothing_is_sent()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        var card = RenderCard();
        card.Find("button").Click();
        card.Find("#authorization-type").Change("Consent");
        card.Find("#consent-date").Change("2026-01-15");

        card.Find("form").Submit();

        Assert.Contains("Is required when the legal basis is Consent", card.Find("[data-field-error=consentPurpose]").TextContent);
        Assert.Equal("true", card.Find("#consent-purpose").GetAttribute("aria-invalid"));
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Values_typed_into_fields_that_were_hidden_again_are_not_sent()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        api.Answer(HttpStatusCode.OK, """{"contactId":"00000000-0000-0000-0000-000000000001","authorizationType":"LegitimateInterest","sourceType":"ManualUpload","version":8}""");
        var card = RenderCard();
        card.Find("button").Click();
        card.Find("#authorization-type").Change("Consent");
        card.Find("#consent-purpose").Change("Typed, then changed my mind");
        card.Find("#authorization-type").Change("LegitimateInterest");

        card.Find("form").Submit();

        card.WaitForAssertion(() => Assert.Equal("Compliance card saved.", card.Find("[data-testid=card-message]").TextContent.Trim()));
        var sent = Assert.Single(api.Requests);
        Assert.Equal((HttpMethod.Put, $"/api/contacts/{Card.ContactId}/card"), (sent.Method, sent.Path));
        Assert.Contains("\"consentPurpose\":null", sent.Body);
        Assert.Contains("\"version\":7", sent.Body);
    }

    [Fact]
    public async Task A_409_is_explained_in_words_with_a_way_to_load_the_current_card()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        api.Answer(HttpStatusCode.Conflict, """{"status":409,"title":"Conflict","detail":"stale"}""", "application/problem+json");
        api.Answer(HttpStatusCode.OK, $$"""{"contactId":"{{Card.ContactId}}","authorizationType":"PerformanceOfContract","sourceType":"ManualUpload","version":9}""");
        var card = RenderCard();
        card.Find("button").Click();
        card.Find("#authorization-type").Change("LegitimateInterest");

        card.Find("form").Submit();
        card.WaitForAssertion(() => Assert.Contains("Someone else changed this card", card.Find("[data-testid=card-message]").TextContent));
        card.Find("[data-testid=card-message] button").Click();

        card.WaitForAssertion(() => Assert.Equal("Performance of a contract", card.Find("[data-testid=legal-basis]").TextContent));
    }

    [Fact]
    public async Task Server_field_errors_are_shown_next_to_their_fields()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        api.Answer(HttpStatusCode.BadRequest, """{"status":400,"title":"The request is not valid.","errors":{"sourceType":["Is not a known value."]}}""", "application/problem+json");
        var card = RenderCard();
        card.Find("button").Click();

        card.Find("form").Submit();

        card.WaitForAssertion(() => Assert.Equal("Is not a known value.", card.Find("[data-field-error=sourceType]").TextContent));
    }

    [Fact]
    public async Task In_swedish_the_card_uses_the_gdpr_swedish_terms()
    {
        await this.AddSignedInExtensionAsync(language: "sv");
        var card = Render<ComplianceCard>(p => p.Add(c => c.ContactId, Card.ContactId).Add(c => c.Card, Card with { AuthorizationType = AuthorizationType.PublicInterest }));

        Assert.Equal("Allmänt intresse eller myndighetsutövning", card.Find("[data-testid=legal-basis]").TextContent);
        Assert.Equal("Manuell uppladdning", card.Find("[data-testid=source]").TextContent);
    }

    [Fact]
    public async Task A_swedish_card_shows_the_swedish_text_for_a_consent_save_refused_before_sending()
    {
        var (api, _) = await this.AddSignedInExtensionAsync(language: "sv");
        var card = RenderCard();
        card.Find("button").Click();
        card.Find("#authorization-type").Change("Consent");
        card.Find("#consent-date").Change("2026-01-15");

        card.Find("form").Submit();

        Assert.Equal("Krävs när den rättsliga grunden är samtycke (artikel 7.1 i dataskyddsförordningen).", card.Find("[data-field-error=consentPurpose]").TextContent);
        Assert.DoesNotContain("Is required", card.Markup, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_swedish_card_shows_the_swedish_text_for_a_consent_save_refused_by_the_api()
    {
        var (api, _) = await this.AddSignedInExtensionAsync(language: "sv");
        api.Answer(HttpStatusCode.BadRequest, """
            {"status":400,"title":"The request is not valid.",
             "errors":{"consentDate":["Must not be in the future (the latest date accepted now is 2026-01-14)."]},
             "codes":{"consentDate":["consent_date_in_future"]}}
            """, "application/problem+json");
        var card = RenderCard();
        card.Find("button").Click();
        card.Find("#authorization-type").Change("Consent");
        card.Find("#consent-date").Change("2026-01-15");
        card.Find("#consent-purpose").Change("Nyhetsbrev");

        card.Find("form").Submit();

        card.WaitForAssertion(() => Assert.Equal("Får inte ligga i framtiden.", card.Find("[data-field-error=consentDate]").TextContent));
        Assert.Equal("API:t godtog inte de markerade fälten; inget sparades.", card.Find("[data-testid=card-message]").TextContent.Trim());
        Assert.Single(api.Requests);
    }
}
