using ComplianceConnect.E2E.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplianceConnect.E2E.Tests;

[Collection(ExtensionCollection.Name)]
public sealed class SignInTests(ExtensionFixture fixture)
{
    [Fact]
    public async Task A_rep_signs_in_through_the_popup_stays_signed_in_across_reopen_and_restart_and_signs_out()
    {
        var tenant = await fixture.CreateTenantAsync();
        var profile = fixture.NewProfileDirectory();

        await using (var browser = await fixture.LaunchAsync(profile))
        {
            var options = await OptionsPage.OpenAsync(browser, fixture.PageUrl("options.html"));
            await options.SaveAsync(fixture.ApiAddress);
            await Expect(options.Status).ToHaveTextAsync("Saved. The API answered.");
            await options.CloseAsync();

            var popup = await PopupPage.OpenAsync(browser, fixture.PageUrl("popup.html"));
            await popup.SignInAsync(tenant.Rep.Email, Api.Tests.Infrastructure.ApiFactory.Password);
            await Expect(popup.UserName).ToHaveTextAsync("Robert Rep");
            await Expect(popup.UserOrganization).ToContainTextAsync(tenant.Organization.Name);
            await popup.CloseAsync();

            var reopened = await PopupPage.OpenAsync(browser, fixture.PageUrl("popup.html"));
            await Expect(reopened.UserName).ToHaveTextAsync("Robert Rep");
        }

        // A browser restart: same profile, new process.
        await using (var browser = await fixture.LaunchAsync(profile))
        {
            var popup = await PopupPage.OpenAsync(browser, fixture.PageUrl("popup.html"));
            await Expect(popup.UserName).ToHaveTextAsync("Robert Rep");

            await popup.SignOutAsync();
            await Expect(popup.EmailInput).ToBeVisibleAsync();

            var reopened = await PopupPage.OpenAsync(browser, fixture.PageUrl("popup.html"));
            await Expect(reopened.EmailInput).ToBeVisibleAsync();
            await Expect(reopened.UserName).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_message_and_stays_on_the_sign_in_form()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var options = await OptionsPage.OpenAsync(browser, fixture.PageUrl("options.html"));
        await options.SaveAsync(fixture.ApiAddress);

        var popup = await PopupPage.OpenAsync(browser, fixture.PageUrl("popup.html"));
        await Expect(popup.Page.Locator(".sign-in .alert")).ToHaveCountAsync(0);
        await popup.SignInAsync(tenant.Rep.Email, "not the password");

        await Expect(popup.SignInError).ToHaveTextAsync("The email or password is incorrect.");
        await Expect(popup.UserName).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_unreachable_api_is_explained_in_words()
    {
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var options = await OptionsPage.OpenAsync(browser, fixture.PageUrl("options.html"));
        await options.SaveAsync("http://127.0.0.1:9");
        await Expect(options.Status).ToContainTextAsync("Saved, but no Compliance Connect API answered at http://127.0.0.1:9");

        var popup = await PopupPage.OpenAsync(browser, fixture.PageUrl("popup.html"));
        await popup.SignInAsync("someone@example.com", "whatever");

        await Expect(popup.SignInError).ToContainTextAsync("Could not reach the API at http://127.0.0.1:9");
    }
}
