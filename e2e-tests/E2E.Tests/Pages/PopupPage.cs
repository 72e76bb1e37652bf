using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Pages;

/// <summary>The popup, opened in a tab (as the toolbar button cannot be clicked headless).</summary>
public sealed class PopupPage(IPage page)
{
    public IPage Page => page;

    public ILocator UserName => page.GetByTestId("user-name");
    public ILocator UserOrganization => page.GetByTestId("user-org");
    public ILocator SignInError => page.GetByTestId("sign-in-error");
    public ILocator EmailInput => page.Locator("#email");

    public static async Task<PopupPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        var popup = new PopupPage(page);
        await popup.WaitUntilReadyAsync();
        return popup;
    }

    /// <summary>Waits until Blazor has rendered either the sign-in form or the signed-in view.</summary>
    public Task WaitUntilReadyAsync() => page.Locator("#email, [data-testid=user-name]").First.WaitForAsync();

    public async Task SignInAsync(string email, string password)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form button[type=submit]").ClickAsync();
    }

    public Task SignOutAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

    /// <summary>Searches contacts, switching from the capture view to the search first when needed.</summary>
    public async Task SearchAsync(string query)
    {
        if (await page.Locator("#search").CountAsync() == 0)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Search contacts" }).ClickAsync();
        }

        await page.Locator("#search").FillAsync(query);
        await page.Locator("form.search button[type=submit]").ClickAsync();
    }

    public async Task OpenResultAsync(string name)
    {
        await page.GetByTestId("search-results").GetByRole(AriaRole.Button, new() { NameString = name }).ClickAsync();
        await page.GetByTestId("compliance-card").WaitForAsync();
    }

    public Task CloseAsync() => page.CloseAsync();
}
