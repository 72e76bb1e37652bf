using ComplianceConnect.Api.Tests.Salesforce;
using ComplianceConnect.E2E.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace ComplianceConnect.E2E.Tests;

/// <summary>An Admin connects Salesforce (the tests' fake on 127.0.0.1) from the settings page and sees the last run.</summary>
[Collection(ExtensionCollection.Name)]
public sealed class SalesforceSettingsTests(ExtensionFixture fixture)
{
    [Fact]
    public async Task An_admin_connects_salesforce_tests_it_syncs_and_sees_the_last_runs_counts()
    {
        await using var salesforce = await FakeSalesforce.StartAsync(fixture.Api.Clock);
        salesforce.AddContact("Sally", "Sync", $"sally-{Guid.NewGuid():N}@example.com");
        salesforce.AddContact("Otto", "Optout", $"otto-{Guid.NewGuid():N}@example.com", optedOut: true);
        salesforce.AddLead("Lea", "Lead", $"lea-{Guid.NewGuid():N}@example.com");
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Admin);
        await Expect(popup.Page.GetByTestId("open-settings")).ToBeVisibleAsync();

        var settings = await SettingsPage.OpenAsync(browser, fixture.PageUrl("settings.html"));
        await settings.ConnectSalesforceAsync(salesforce.BaseUrl, FakeSalesforce.ClientId, FakeSalesforce.ClientSecret);
        await Expect(settings.Status).ToHaveTextAsync("The connection is saved.");
        await settings.TestConnectionAsync();
        await Expect(settings.Status).ToHaveTextAsync("Salesforce accepted the credentials and answered.");
        await settings.SyncNowAsync();

        await Expect(settings.RunStatus).ToHaveTextAsync("Succeeded", new() { Timeout = 30_000 });
        await Expect(settings.RunCounts).ToContainTextAsync("3 read, 3 created, 0 updated, 1 opted out");
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
