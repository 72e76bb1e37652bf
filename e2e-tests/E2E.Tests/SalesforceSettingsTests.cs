using ComplianceConnect.Api.Tests.Salesforce;
using ComplianceConnect.E2E.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace ComplianceConnect.E2E.Tests;

/// <summary>An Admin connects Salesforce (the tests' fake on 127.0.0.1) from the settings page and sees the last run.</summary>
[Collection(ExtensionCollection.Name)]
public sealed class SalesforceSettingsTests(ExtensionFixture fixture)
{
    [Theory]
    [InlineData("en", "The connection is saved.", "Salesforce accepted the credentials and answered.", "Succeeded",
        "3 read, 3 created, 0 updated, 1 opted out, opt-outs cleared: 0, not re-added (erased): 0")]
    [InlineData("sv", "Anslutningen är sparad.", "Salesforce godtog inloggningsuppgifterna och svarade.", "Klar",
        "lästa: 3, skapade: 3, uppdaterade: 0, avregistrerade: 1, hävda avregistreringar: 0, inte återskapade (raderade): 0")]
    public async Task An_admin_connects_salesforce_tests_it_syncs_and_sees_the_last_runs_counts(string language, string saved, string tested, string succeeded, string counts)
    {
        await using var salesforce = await FakeSalesforce.StartAsync(fixture.Api.Clock);
        salesforce.AddContact("Sally", "Sync", $"sally-{Guid.NewGuid():N}@example.com");
        salesforce.AddContact("Otto", "Optout", $"otto-{Guid.NewGuid():N}@example.com", optedOut: true);
        salesforce.AddLead("Lea", "Lead", $"lea-{Guid.NewGuid():N}@example.com");
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Admin, language: language);
        await Expect(popup.Page.GetByTestId("open-settings")).ToBeVisibleAsync();

        var settings = await SettingsPage.OpenAsync(browser, fixture.PageUrl("settings.html"));
        await settings.ConnectSalesforceAsync(salesforce.BaseUrl, FakeSalesforce.ClientId, FakeSalesforce.ClientSecret);
        await Expect(settings.Status).ToHaveTextAsync(saved);
        await settings.TestConnectionAsync();
        await Expect(settings.Status).ToHaveTextAsync(tested);
        await settings.SyncNowAsync();

        await Expect(settings.RunStatus).ToHaveTextAsync(succeeded, new() { Timeout = 30_000 });
        await Expect(settings.RunCounts).ToHaveTextAsync(counts);
        await settings.Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"settings-salesforce-{language}.png"), FullPage = true });
    }

    [Fact]
    public async Task A_swedish_admin_reads_why_a_run_failed_in_swedish_with_salesforces_own_words_beneath()
    {
        await using var salesforce = await FakeSalesforce.StartAsync(fixture.Api.Clock);
        salesforce.AddContact("Rita", "Limit", $"rita-{Guid.NewGuid():N}@example.com");
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Admin, language: "sv");
        await Expect(popup.Page.GetByTestId("open-settings")).ToBeVisibleAsync();
        var settings = await SettingsPage.OpenAsync(browser, fixture.PageUrl("settings.html"));
        await settings.ConnectSalesforceAsync(salesforce.BaseUrl, FakeSalesforce.ClientId, FakeSalesforce.ClientSecret);
        await Expect(settings.Status).ToHaveTextAsync("Anslutningen är sparad.");
        salesforce.RequestLimitExceeded = true;

        await settings.SyncNowAsync();

        await Expect(settings.RunStatus).ToHaveTextAsync("Misslyckades", new() { Timeout = 30_000 });
        await Expect(settings.RunError).ToHaveTextAsync(
            "Fel: Salesforce vägrade: organisationens gräns för API-anrop är förbrukad. Nästa körning fortsätter när Salesforce tillåter anrop igen.");
        await Expect(settings.RunErrorDetail).ToContainTextAsync("REQUEST_LIMIT_EXCEEDED");
        await settings.Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "settings-salesforce-failed-sv.png"), FullPage = true });
    }

    [Fact]
    public async Task A_rep_does_not_get_the_settings()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep, language: "sv");
        await Expect(popup.Page.GetByTestId("open-settings")).ToHaveCountAsync(0);

        var settings = await SettingsPage.OpenAsync(browser, fixture.PageUrl("settings.html"));

        await Expect(settings.AdminsOnly).ToHaveTextAsync("Bara en administratör kan ändra de här inställningarna.");
    }
}
