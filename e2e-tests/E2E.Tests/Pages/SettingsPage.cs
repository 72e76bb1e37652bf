using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Pages;

/// <summary>The Admin's settings page (a full tab): the Salesforce connection and its last run.</summary>
public sealed class SettingsPage(IPage page)
{
    public IPage Page => page;

    public static async Task<SettingsPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await page.Locator("h1").WaitForAsync();
        return new SettingsPage(page);
    }

    public async Task ConnectSalesforceAsync(string instanceUrl, string clientId, string clientSecret)
    {
        await page.Locator("#sf-instance").FillAsync(instanceUrl);
        await page.Locator("#sf-auth").SelectOptionAsync("ClientCredentials");
        await page.Locator("#sf-client-id").FillAsync(clientId);
        await page.Locator("#sf-client-secret").FillAsync(clientSecret);
        await page.GetByTestId("salesforce-save").ClickAsync();
    }

    public Task TestConnectionAsync() => page.GetByTestId("salesforce-test").ClickAsync();

    public Task SyncNowAsync() => page.GetByTestId("salesforce-run").ClickAsync();

    /// <summary>What the last action said (saved, test result, run requested).</summary>
    public ILocator Status => page.GetByTestId("salesforce-status");

    public ILocator RunStatus => page.GetByTestId("salesforce-run-status");

    public ILocator RunCounts => page.GetByTestId("salesforce-run-counts");

    public ILocator RunError => page.GetByTestId("salesforce-run-error");

    public ILocator RunErrorDetail => page.GetByTestId("salesforce-run-error-detail");

    public ILocator AdminsOnly => page.GetByTestId("settings-admins-only");
}
