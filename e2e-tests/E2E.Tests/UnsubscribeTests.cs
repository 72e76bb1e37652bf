using System.Net.Http.Json;
using ComplianceConnect.Api.Features.Email;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplianceConnect.E2E.Tests;

/// <summary>The unsubscribe page as the contact sees it, and the status as the rep sees it.</summary>
[Collection(ExtensionCollection.Name)]
public sealed class UnsubscribeTests(ExtensionFixture fixture)
{
    [Theory]
    [InlineData("en", "Unsubscribe", "You are unsubscribed")]
    [InlineData("sv", "Avregistrera mig", "Du är avregistrerad")]
    public async Task A_contact_unsubscribes_on_the_page_behind_the_link_in_their_language(string language, string button, string done)
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var contact = await api.CreateContactAsync("Ulla", $"ulla-{Guid.NewGuid():N}@example.com");
        var token = fixture.Api.Services.GetRequiredService<UnsubscribeTokens>().Create(new UnsubscribeLink(tenant.Organization.Id, contact.Id, Guid.NewGuid()));
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{fixture.ApiAddress}/u/{token}?lang={language}");
        Assert.False((await (await api.GetAsync($"{ApiRoutes.Contact(contact.Id)}/subscription")).ReadAsync<SubscriptionDto>()).Unsubscribed);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"unsubscribe-page-{language}.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync(done);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"unsubscribe-done-{language}.png") });
        Assert.True((await (await api.GetAsync($"{ApiRoutes.Contact(contact.Id)}/subscription")).ReadAsync<SubscriptionDto>()).Unsubscribed);
    }

    [Fact]
    public async Task The_popup_shows_that_a_contact_unsubscribed_and_how()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        await api.CreateContactAsync("Ulrik", $"ulrik-{Guid.NewGuid():N}@example.com");
        var contact = (await api.SearchAsync("Ulrik")).Items.Single();
        (await api.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/unsubscribe", new ManualUnsubscribeRequest { Reason = "Asked by phone" }, Json.Options))
            .EnsureSuccessStatusCode();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());

        var popup = await fixture.OpenAsync(browser, tenant.Rep);
        await popup.SearchAsync("Ulrik");
        await popup.OpenResultAsync("Ulrik Doe");

        var status = popup.Page.GetByTestId("subscription-status");
        await Expect(status).ToContainTextAsync("Unsubscribed on " + DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await Expect(status).ToContainTextAsync("a request recorded by hand");
    }
}
