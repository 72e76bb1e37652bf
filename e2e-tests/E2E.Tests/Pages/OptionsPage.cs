using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Pages;

/// <summary>The extension's options page, as a user sees it.</summary>
public sealed class OptionsPage(IPage page)
{
    public static async Task<OptionsPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await page.Locator("#api-address").WaitForAsync();
        return new OptionsPage(page);
    }

    public async Task SaveAsync(string apiAddress, string language = "en")
    {
        await page.Locator("#api-address").FillAsync(apiAddress);
        await page.Locator("#language").SelectOptionAsync(language);
        await page.Locator("button[type=submit]").ClickAsync();
        await Status.WaitForAsync();
    }

    /// <summary>Says whether the settings were saved and whether the API answered at the address.</summary>
    public ILocator Status => page.GetByTestId("options-status");

    public Task CloseAsync() => page.CloseAsync();
}
