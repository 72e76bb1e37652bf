using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Pages;

/// <summary>One person on the People page: export, delete, the subscription history and the Admin's lift.</summary>
public sealed class PersonViewPanel(IPage page)
{
    public IPage Page => page;

    public ILocator Root => page.GetByTestId("person-view");
    public ILocator Name => Root.GetByTestId("person-name");
    public ILocator ExportButton => Root.GetByTestId("export-person");
    public ILocator DeleteButton => Root.GetByTestId("delete-person");
    public ILocator DeleteQuestion => Root.GetByTestId("delete-question");
    public ILocator ActionError => Root.GetByTestId("person-action-error");
    public ILocator SubscriptionStatus => Root.GetByTestId("subscription-status");
    public ILocator SubscriptionMessage => Root.GetByTestId("subscription-message");
    public ILocator Events => Root.GetByTestId("subscription-event");
    public ILocator LiftForm => Root.GetByTestId("lift-form");
    public ILocator LiftAdminOnly => Root.GetByTestId("lift-admin-only");
    public ComplianceCardPanel Card => new(page);

    /// <summary>The People page opened on one contact (people.html?contact=…), as the popup's link opens it.</summary>
    public static async Task<PersonViewPanel> OpenAsync(IBrowserContext browser, string peopleUrl, Guid contactId)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{peopleUrl}?contact={contactId}");
        var view = new PersonViewPanel(page);
        await view.Root.GetByTestId("contact-details").WaitForAsync();
        return view;
    }

    /// <summary>Export (CSV) → the file the browser received.</summary>
    public Task<IDownload> ExportAsync() => page.RunAndWaitForDownloadAsync(() => ExportButton.ClickAsync());

    public async Task DeleteAsync()
    {
        await DeleteButton.ClickAsync();
        await DeleteQuestion.WaitForAsync();
        await Root.GetByTestId("confirm-delete").ClickAsync();
    }

    public async Task LiftAsync(DateOnly consentDate, string purpose, string evidence)
    {
        await LiftForm.Locator("#lift-consent-date").FillAsync(consentDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await LiftForm.Locator("#lift-consent-purpose").FillAsync(purpose);
        await LiftForm.Locator("#lift-evidence").FillAsync(evidence);
        await LiftForm.GetByTestId("lift").ClickAsync();
    }
}
