using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Pages;
using ComplianceConnect.Shared.Compliance;
using static Microsoft.Playwright.Assertions;

namespace ComplianceConnect.E2E.Tests;

[Collection(ExtensionCollection.Name)]
public sealed class ComplianceCardTests(ExtensionFixture fixture)
{
    [Fact]
    public async Task A_rep_records_consent_with_date_and_purpose_in_the_popup_and_sees_it_after_reopening()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var contact = await api.CreateContactAsync("Maja", "maja.consent@example.com");
        var consentDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-7));
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var (popup, card) = await OpenCardAsync(browser, tenant, "Maja");
        await Expect(card.NoLegalBasisWarning).ToBeVisibleAsync();
        await card.EditAsync();
        await card.ChooseLegalBasisAsync("Consent");
        await card.SetConsentDateAsync(consentDate);
        await card.SetConsentPurposeAsync("Quarterly product newsletter");
        await card.SaveAsync();
        await Expect(card.Message).ToHaveTextAsync("Compliance card saved.");
        await popup.CloseAsync();

        var reopened = await PopupPage.OpenAsync(browser, fixture.PageUrl("popup.html"));
        await reopened.SearchAsync("maja.consent@example.com");
        await reopened.OpenResultAsync("Maja Doe");
        var saved = new ComplianceCardPanel(reopened.Page);
        await Expect(saved.LegalBasis).ToHaveTextAsync("Consent");
        await Expect(saved.ConsentDate).ToHaveTextAsync(consentDate.ToString("yyyy-MM-dd"));
        await Expect(saved.ConsentPurpose).ToHaveTextAsync("Quarterly product newsletter");
        await Expect(saved.NoLegalBasisWarning).ToHaveCountAsync(0);

        var stored = await api.GetCardAsync(contact.Id);
        Assert.Equal((AuthorizationType.Consent, consentDate, "Quarterly product newsletter"), (stored.AuthorizationType, stored.ConsentDate, stored.ConsentPurpose));
    }

    [Fact]
    public async Task Consent_without_a_purpose_is_explained_next_to_the_field_and_nothing_is_saved()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var contact = await api.CreateContactAsync("Nils", "nils.nopurpose@example.com");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var (_, card) = await OpenCardAsync(browser, tenant, "Nils");
        await card.EditAsync();
        await card.ChooseLegalBasisAsync("Consent");
        await card.SetConsentDateAsync(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)));
        await card.SaveAsync();

        await Expect(card.FieldError("consentPurpose")).ToContainTextAsync("Is required when the legal basis is Consent");
        await Expect(card.Message).ToContainTextAsync("nothing was sent");
        await Expect(card.Form).ToBeVisibleAsync();
        Assert.Null((await api.GetCardAsync(contact.Id)).AuthorizationType);
        Assert.Single(await api.GetAuditAsync(contact.Id));
    }

    [Fact]
    public async Task A_stale_card_is_reported_in_words_with_a_way_to_load_the_current_one()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var contact = await api.CreateContactAsync("Olle", "olle.stale@example.com");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var (popup, card) = await OpenCardAsync(browser, tenant, "Olle");
        await card.EditAsync();

        // Someone else saves first.
        await api.PutCardAsync(contact.Id, ContactApi.Edit(contact.Card, AuthorizationType.PerformanceOfContract));
        await card.ChooseLegalBasisAsync("LegitimateInterest");
        await card.SaveAsync();

        await Expect(card.Message).ToContainTextAsync("Someone else changed this card");
        await popup.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Load the current card" }).ClickAsync();
        await Expect(card.LegalBasis).ToHaveTextAsync("Performance of a contract");
    }

    [Fact]
    public async Task With_swedish_chosen_in_options_the_card_shows_the_gdpr_swedish_terms()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var contact = await api.CreateContactAsync("Sven", "sven.swedish@example.com");
        await api.PutCardAsync(contact.Id, ContactApi.Edit(contact.Card, AuthorizationType.LegitimateInterest));
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep, language: "sv");

        await Expect(popup.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Logga ut" })).ToBeVisibleAsync();
        await popup.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sök kontakter" }).ClickAsync();
        await popup.SearchAsync("Sven");
        await popup.OpenResultAsync("Sven Doe");
        var card = new ComplianceCardPanel(popup.Page);

        await Expect(popup.Page.GetByText("Efterlevnadskort")).ToBeVisibleAsync();
        await Expect(card.LegalBasis).ToHaveTextAsync("Berättigat intresse");
        await Expect(card.Source).ToHaveTextAsync("Manuell uppladdning");
        await card.Root.Locator("button", new() { HasText = "Redigera kortet" }).ClickAsync();
        await card.ChooseLegalBasisAsync("Consent");
        await Expect(card.Label("consent-date")).ToHaveTextAsync("Datum för samtycke");
        await Expect(card.Label("consent-purpose")).ToHaveTextAsync("Ändamål med behandlingen");
    }

    [Fact]
    public async Task In_swedish_a_refused_consent_save_is_explained_in_swedish()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var contact = await api.CreateContactAsync("Stina", "stina.samtycke@example.com");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep, language: "sv");
        await popup.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sök kontakter" }).ClickAsync();
        await popup.SearchAsync("Stina");
        await popup.OpenResultAsync("Stina Doe");
        var card = new ComplianceCardPanel(popup.Page);
        await card.Root.Locator("button", new() { HasText = "Redigera kortet" }).ClickAsync();
        await card.ChooseLegalBasisAsync("Consent");
        await card.SetConsentDateAsync(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)));

        await card.SaveAsync();

        await Expect(card.FieldError("consentPurpose")).ToHaveTextAsync("Krävs när den rättsliga grunden är samtycke (artikel 7.1 i dataskyddsförordningen).");
        await Expect(card.Message).ToContainTextAsync("inget skickades");
        await Expect(card.Root).Not.ToContainTextAsync("Is required");
        Assert.Null((await api.GetCardAsync(contact.Id)).AuthorizationType);
    }

    [Fact]
    public async Task Search_results_flag_contacts_that_still_have_no_legal_basis()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        await api.CreateContactAsync("Flagga", "flagga.none@example.com");
        var based = await api.CreateContactAsync("Flagga", "flagga.based@example.com");
        await api.PutCardAsync(based.Id, ContactApi.Edit(based.Card, AuthorizationType.LegitimateInterest));
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep);

        await popup.SearchAsync("Flagga");

        var results = popup.Page.GetByTestId("search-results").Locator("li");
        await Expect(results).ToHaveCountAsync(2);
        await Expect(results.Filter(new() { HasText = "flagga.none@example.com" }).GetByTestId("no-legal-basis-flag")).ToHaveTextAsync("No legal basis");
        await Expect(results.Filter(new() { HasText = "flagga.based@example.com" }).GetByTestId("no-legal-basis-flag")).ToHaveCountAsync(0);
    }

    /// <summary>Signs the rep in through the popup, finds the contact by first name and opens its card.</summary>
    private async Task<(PopupPage Popup, ComplianceCardPanel Card)> OpenCardAsync(Microsoft.Playwright.IBrowserContext browser, TestTenant tenant, string firstName)
    {
        var popup = await fixture.OpenAsync(browser, tenant.Rep);
        await popup.SearchAsync(firstName);
        await popup.OpenResultAsync($"{firstName} Doe");
        return (popup, new ComplianceCardPanel(popup.Page));
    }
}
