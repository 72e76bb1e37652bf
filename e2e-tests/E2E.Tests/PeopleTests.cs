using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Pages;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplianceConnect.E2E.Tests;

/// <summary>The People page in Chromium with the built extension, against the real API.</summary>
[Collection(ExtensionCollection.Name)]
public sealed class PeopleTests(ExtensionFixture fixture)
{
    [Fact]
    public async Task A_rep_opens_People_from_the_popup_finds_contacts_by_a_name_without_accents_and_sets_consent_then_source_on_them()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var asa = await CreateAsync(api, "Åsa", "Öberg", "Nordlys AB", "Buyer");
        var olof = await CreateAsync(api, "Olof", "Öberg", "Fjord AS", "CTO");
        var bo = await CreateAsync(api, "Bo", "Berg", "Berg & Son", "CEO");
        var consentDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3));
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep);

        var opened = await browser.RunAndWaitForPageAsync(() => popup.Page.GetByTestId("open-people").ClickAsync());
        var people = await PeoplePage.ReadyAsync(opened);
        await Expect(people.Total).ToHaveTextAsync("3 contacts");
        await people.SearchAsync("oberg");
        await Expect(people.Rows).ToHaveCountAsync(2);
        await people.SelectAsync("Åsa Öberg");
        await people.SelectAsync("Olof Öberg");
        await Expect(people.SelectedCount).ToHaveTextAsync("2 selected");
        await people.ChooseAuthorizationAsync("Consent", consentDate, "Event follow-up");
        await Expect(people.ConfirmQuestion).ToHaveTextAsync("Set Consent on 2 contacts?");
        await people.ConfirmAsync();

        await Expect(people.Notice).ToHaveTextAsync("Consent set on 2 contacts.");
        await Expect(people.Cell("Åsa Öberg", "authorization")).ToHaveTextAsync("Consent");
        await Expect(people.Cell("Olof Öberg", "authorization")).ToHaveTextAsync("Consent");

        await people.SelectPageAsync();
        await people.ChooseSourceAsync("Other", "Nordic trade fair 2026");
        await Expect(people.ConfirmQuestion).ToHaveTextAsync("Set the source Other on 2 contacts?");
        await people.ConfirmAsync();
        await Expect(people.Notice).ToHaveTextAsync("Source Other set on 2 contacts.");
        await Expect(people.Cell("Olof Öberg", "source")).ToHaveTextAsync("Other");

        foreach (var id in new[] { asa.Id, olof.Id })
        {
            var card = await api.GetCardAsync(id);
            Assert.Equal((AuthorizationType.Consent, consentDate, "Event follow-up", SourceType.Other, "Nordic trade fair 2026"),
                (card.AuthorizationType, card.ConsentDate, card.ConsentPurpose, card.SourceType, card.SourceDescription));
        }

        Assert.Null((await api.GetCardAsync(bo.Id)).AuthorizationType);
    }

    [Fact]
    public async Task A_rep_corrects_a_title_in_the_person_view_and_sees_it_in_the_list_the_history_and_the_popup()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var contact = await CreateAsync(api, "Greta", "Lind", "Nordlys AB", "Sales Assistent");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep);
        var people = await OpenPeopleAsync(browser);

        await people.OpenPersonAsync("Greta Lind");
        await people.EditDetailAsync("title", "Sales Director");

        await Expect(people.Person.GetByTestId("details-message")).ToHaveTextAsync("Details saved.");
        await Expect(people.Person.GetByTestId("detail-title")).ToHaveTextAsync("Sales Director");
        await Expect(people.Cell("Greta Lind", "title")).ToHaveTextAsync("Sales Director");
        var latest = people.Person.GetByTestId("audit-entry").First;
        await Expect(latest).ToContainTextAsync("Details changed");
        await Expect(latest).ToContainTextAsync("Sales Assistent → Sales Director");

        await popup.Page.ReloadAsync();
        await popup.SearchAsync("Greta");
        await popup.OpenResultAsync("Greta Lind");
        await Expect(popup.Page.GetByTestId("contact")).ToContainTextAsync("Sales Director");
        Assert.Equal("Sales Director", (await api.Typed().GetContactAsync(contact.Id)).AssertValue().Title);
    }

    [Fact]
    public async Task The_rows_and_the_count_are_asked_apart_and_paging_on_and_back_keeps_the_total_without_counting_again()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        for (var i = 0; i < 53; i++)
        {
            await CreateAsync(api, $"Person{i:D2}", "Paged", null, null);
        }

        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep);
        var people = await OpenPeopleAsync(browser);
        var lists = new List<string>();
        var counts = new List<string>();
        people.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/contacts?", StringComparison.Ordinal) || request.Url.EndsWith("/api/contacts", StringComparison.Ordinal))
            {
                lists.Add(request.Url);
            }
            else if (request.Url.Contains("/api/contacts/count", StringComparison.Ordinal))
            {
                counts.Add(request.Url);
            }
        };
        var range = people.Page.GetByTestId("page-range");
        await Expect(range).ToHaveTextAsync("1–50 of 53");

        await people.Page.GetByTestId("next-page").ClickAsync();
        await Expect(range).ToHaveTextAsync("51–53 of 53");
        await Expect(people.Rows).ToHaveCountAsync(3);
        await people.Page.GetByTestId("previous-page").ClickAsync();
        await Expect(range).ToHaveTextAsync("1–50 of 53");
        await Expect(people.Total).ToHaveTextAsync("53 contacts");
        Assert.Equal(2, lists.Count);
        Assert.Empty(counts);

        await people.SearchAsync("person0");
        await Expect(people.Total).ToHaveTextAsync("10 contacts");
        await Expect(people.Rows).ToHaveCountAsync(10);
        Assert.All(lists, url => Assert.Contains("total=false", url, StringComparison.Ordinal)); // the rows never wait for the count
        Assert.EndsWith("/api/contacts/count?q=person0", Assert.Single(counts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_counts_match_the_data_and_a_bar_filters_the_list()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        await CreateAsync(api, "Ada", "Ek", null, null);
        await CreateAsync(api, "Bert", "Ek", null, null);
        var based = await CreateAsync(api, "Cleo", "Ek", null, null);
        await api.PutCardAsync(based.Id, ContactApi.Edit(based.Card, AuthorizationType.LegitimateInterest));
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep);
        var people = await OpenPeopleAsync(browser);

        await Expect(people.OverviewTotal).ToHaveTextAsync("3 contacts");
        await Expect(people.OverviewMissing).ToHaveTextAsync("2 without a legal basis");
        await Expect(people.Bar("authorization", "None")).ToHaveAttributeAsync("data-count", "2");
        await Expect(people.Bar("authorization", "LegitimateInterest")).ToHaveAttributeAsync("data-count", "1");
        await Expect(people.Bar("source", "ManualUpload")).ToHaveAttributeAsync("data-count", "3");
        await people.Bar("authorization", "LegitimateInterest").ClickAsync();

        await Expect(people.Rows).ToHaveCountAsync(1);
        await Expect(people.Total).ToHaveTextAsync("1 contact");
        await Expect(people.Cell("Cleo Ek", "authorization")).ToHaveTextAsync("Legitimate interest");
        await Expect(people.Page.Locator("#filter-authorization")).ToHaveValueAsync("LegitimateInterest");

        await people.OverviewMissing.ClickAsync();
        await Expect(people.Rows).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task The_toolbar_buttons_menu_opens_the_People_page()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep);
        var worker = await fixture.AttachToServiceWorkerAsync(browser);

        // Headless Chromium has no toolbar to right-click: call the listener with what Chrome passes for the entry.
        var opened = await browser.RunAndWaitForPageAsync(() => worker.EvaluateAsync("openPeople({ menuItemId: 'open-people' })"));

        Assert.Equal(fixture.PageUrl("people.html"), opened.Url);
        await PeoplePage.ReadyAsync(opened);
    }

    [Fact]
    public async Task The_People_page_in_Swedish_labels_the_overview_the_bulk_buttons_and_the_confirmation_in_Swedish()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(api, "Sven" + i, "Ström", null, null);
        }

        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep, language: "sv");
        var people = await OpenPeopleAsync(browser);

        await Expect(people.Heading).ToContainTextAsync("Personer");
        await Expect(people.Overview.Locator("h2")).ToHaveTextAsync("Översikt över efterlevnad");
        await Expect(people.OverviewMissing).ToHaveTextAsync("3 utan rättslig grund");
        await Expect(people.Total).ToHaveTextAsync("3 kontakter");
        await people.SelectPageAsync();
        await Expect(people.AuthorizationButton).ToHaveTextAsync("Rättslig grund");
        await people.ChooseAuthorizationAsync("LegitimateInterest");
        await Expect(people.ConfirmQuestion).ToHaveTextAsync("Ange Berättigat intresse för 3 kontakter?");
        await people.ConfirmAsync();
        await Expect(people.Notice).ToHaveTextAsync("Berättigat intresse har angetts för 3 kontakter.");
        await Expect(people.OverviewMissing).ToHaveTextAsync("0 utan rättslig grund");
    }

    private async Task<PeoplePage> OpenPeopleAsync(IBrowserContext browser)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.PageUrl("people.html"));
        return await PeoplePage.ReadyAsync(page);
    }

    private static async Task<ContactDto> CreateAsync(HttpClient api, string first, string last, string? company, string? title) =>
        (await api.Typed().CreateContactAsync(new CreateContactRequest
        {
            FirstName = first,
            LastName = last,
            Email = $"{Guid.NewGuid():N}@example.com",
            Company = company,
            Title = title,
        })).AssertValue(System.Net.HttpStatusCode.Created);
}
