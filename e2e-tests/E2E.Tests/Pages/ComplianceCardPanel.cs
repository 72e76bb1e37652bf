using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Pages;

/// <summary>The compliance card inside the popup.</summary>
public sealed class ComplianceCardPanel(IPage page)
{
    public ILocator Root => page.GetByTestId("compliance-card");

    public ILocator LegalBasis => Root.GetByTestId("legal-basis");
    public ILocator ConsentDate => Root.GetByTestId("consent-date");
    public ILocator ConsentPurpose => Root.GetByTestId("consent-purpose");
    public ILocator Source => Root.GetByTestId("source");
    public ILocator NoLegalBasisWarning => Root.GetByTestId("no-legal-basis");
    public ILocator Message => Root.GetByTestId("card-message");
    public ILocator Form => Root.GetByTestId("card-form");

    public ILocator FieldError(string field) => Root.Locator($"[data-field-error='{field}']");

    public ILocator Label(string forId) => Root.Locator($"label[for='{forId}']");

    public Task EditAsync() => Root.Locator("button", new() { HasText = "Edit card" }).ClickAsync();

    public Task ChooseLegalBasisAsync(string value) => Root.Locator("#authorization-type").SelectOptionAsync(value);

    public Task SetConsentDateAsync(DateOnly date) => Root.Locator("#consent-date").FillAsync(date.ToString("yyyy-MM-dd"));

    public Task SetConsentPurposeAsync(string purpose) => Root.Locator("#consent-purpose").FillAsync(purpose);

    public Task SaveAsync() => Root.Locator("form button[type=submit]").ClickAsync();
}
