using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Infrastructure;

public static class SignedInPopup
{
    /// <summary>Points the extension at the test API (through the options page) and signs the user in through the popup.</summary>
    public static async Task<PopupPage> OpenAsync(this ExtensionFixture fixture, IBrowserContext browser, Api.Features.Auth.User user, string language = "en")
    {
        var options = await OptionsPage.OpenAsync(browser, fixture.PageUrl("options.html"));
        await options.SaveAsync(fixture.ApiAddress, language);
        await options.CloseAsync();

        var popup = await PopupPage.OpenAsync(browser, fixture.PageUrl("popup.html"));
        await popup.SignInAsync(user.Email, ApiFactory.Password);
        await popup.UserName.WaitForAsync();
        return popup;
    }
}
