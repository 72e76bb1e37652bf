using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Pages;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using CsvHelper;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplianceConnect.E2E.Tests;

/// <summary>
/// The person view's export, erasure and subscription lift, and the popup's refusal of an erased
/// person, in Chromium with the built extension against the real API.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class PersonFlowsTests(ExtensionFixture fixture)
{
    private static readonly string[] Header =
    [
        "First Name", "Last Name", "Company", "Title", "Email ID", "Phone Number", "Website", "LinkedIn", "Twitter", "Facebook",
        "Other", "Salesforce ID", "Person ID", "Created At", "Updated At", "Exported At",
    ];

    private static string Shots => Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Export_in_the_person_view_downloads_a_csv_with_the_16_columns_the_persons_row_and_a_byte_order_mark()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var email = $"asa-{Guid.NewGuid():N}@nordlys.example";
        var contact = (await api.Typed().CreateContactAsync(new CreateContactRequest
        {
            FirstName = "Åsa",
            LastName = "Öberg",
            Company = "Nordlys AB",
            Title = "Inköpschef",
            Email = email,
            Phone = "070-123 45 67",
            LinkedIn = "https://www.linkedin.com/in/asa-oberg",
        })).AssertValue(HttpStatusCode.Created);
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep);
        var person = await PersonViewPanel.OpenAsync(browser, fixture.PageUrl("people.html"), contact.Id);
        await Expect(person.Name).ToHaveTextAsync("Åsa Öberg");

        var download = await person.ExportAsync();

        Assert.Matches(@"^contact-asa-oberg-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var path = Path.Combine(fixture.NewProfileDirectory(), download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var content = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], content[..3]);
        using var csv = CsvReader.Create(new MemoryStream(content), new CsvReaderOptions { Separator = ',', HasHeader = true, TrimWhitespace = false }, false);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }

        Assert.Equal(Header, csv.Headers);
        var row = Header.Zip(Assert.Single(rows)).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(
            ("Åsa", "Öberg", "Nordlys AB", "Inköpschef", email, "'+46701234567", "https://www.linkedin.com/in/asa-oberg", "", contact.Id.ToString()),
            (row["First Name"], row["Last Name"], row["Company"], row["Title"], row["Email ID"], row["Phone Number"], row["LinkedIn"], row["Salesforce ID"], row["Person ID"]));
        Assert.Equal(contact.CreatedAt, DateTimeOffset.Parse(row["Created At"], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));
        Assert.Equal(fixture.Api.Clock.GetUtcNow(), DateTimeOffset.Parse(row["Exported At"], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(2));
        await Expect(person.ActionError).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Delete_in_the_person_view_asks_first_then_erases_the_person_and_search_no_longer_finds_them()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var greta = await CreateAsync(api, "Greta", "Lind");
        await CreateAsync(api, "Gustav", "Lind");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep);
        var person = await PersonViewPanel.OpenAsync(browser, fixture.PageUrl("people.html"), greta.Id);

        await person.DeleteButton.ClickAsync();
        await Expect(person.DeleteQuestion).ToContainTextAsync("Delete Greta Lind permanently?");
        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)(await api.Typed().LookupContactAsync(greta.Email)).Status); // nothing sent before the confirmation
        await person.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "person-delete-dialog-en.png") });
        await person.Root.GetByTestId("confirm-delete").ClickAsync();

        await Expect(person.Page.GetByTestId("bulk-notice")).ToHaveTextAsync("The person was deleted.");
        await Expect(person.Root).ToHaveCountAsync(0);
        await person.Page.Locator("#people-search").FillAsync("Lind");
        await person.Page.GetByTestId("people-search-submit").ClickAsync();
        await Expect(person.Page.GetByTestId("person-row")).ToHaveCountAsync(1);
        await Expect(person.Page.GetByTestId("person-row")).ToContainTextAsync("Gustav Lind");
        await popup.SearchAsync("Lind");
        var results = popup.Page.GetByTestId("search-results");
        await Expect(results.GetByRole(AriaRole.Button, new() { Name = "Gustav Lind" })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Button, new() { Name = "Greta Lind" })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)(await api.Typed().LookupContactAsync(greta.Email)).Status);
        Assert.Equal(1, (await api.SearchAsync("Lind")).Total);
    }

    [Theory]
    [InlineData("en", "This person asked on {0} to have their data erased, so they cannot be added again. Nothing was saved.")]
    [InlineData("sv", "Personen begärde {0} att få sina uppgifter raderade och kan därför inte läggas till igen. Inget sparades.")]
    public async Task Capturing_an_erased_person_from_a_page_is_refused_with_the_date_of_the_erasure_and_nothing_is_saved(string language, string refusal)
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var erased = await api.CreateContactAsync("Jane", "jane.doe@acme.example");
        (await api.Typed().EraseContactAsync(erased.Id)).AssertValue(HttpStatusCode.NoContent);
        var erasedOn = fixture.Api.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep, language);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url("speaker.html"));
        var tabId = await fixture.ClickExtensionButtonAsync(browser, page, popup.Page);
        await popup.Page.SetViewportSizeAsync(410, 510);
        await popup.Page.GotoAsync(fixture.PageUrl($"popup.html?tabId={tabId}"));
        var form = new CapturePanel(popup.Page);
        await Expect(form.Field("email")).ToHaveValueAsync("jane.doe@acme.example");

        await form.SaveAsync();

        var error = popup.Page.GetByTestId("capture-error");
        await Expect(error).ToHaveTextAsync(string.Format(CultureInfo.InvariantCulture, refusal, erasedOn));
        await Expect(error).ToBeInViewportAsync();
        await Expect(popup.Page.Locator("[data-field-error]")).ToHaveCountAsync(0); // said once, next to Save
        await popup.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"capture-erased-{language}.png") });
        await Expect(form.Form).ToBeVisibleAsync(); // the form stays, with what the rep saw, and no card appears
        await Expect(popup.Page.GetByTestId("compliance-card")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)(await api.Typed().LookupContactAsync("jane.doe@acme.example")).Status);
        Assert.Equal(0, (await api.SearchAsync("Jane")).Total);
    }

    [Fact]
    public async Task An_admin_lifts_an_unsubscribe_with_evidence_in_the_person_view_and_the_card_then_shows_consent_with_both_events()
    {
        var tenant = await fixture.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();
        var contact = await CreateAsync(rep, "Ulla", "Berg");
        await UnsubscribeAsync(rep, contact.Id);
        var consentDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Admin);
        await popup.Page.SetViewportSizeAsync(410, 510);
        await popup.SearchAsync("Ulla");
        await popup.OpenResultAsync("Ulla Berg");
        var today = fixture.Api.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(popup.Page.GetByTestId("subscription-status"))
            .ToHaveTextAsync($"Unsubscribed on {today} via a request recorded by hand. Nothing is emailed to this contact.");
        await popup.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "popup-unsubscribed-en.png") });

        var opened = await browser.RunAndWaitForPageAsync(() => popup.Page.GetByTestId("open-in-people").ClickAsync());
        var person = new PersonViewPanel(opened);
        await Expect(person.SubscriptionStatus).ToHaveTextAsync($"Unsubscribed on {today} via a user of the organization");
        await Expect(person.Events).ToHaveCountAsync(1);
        await opened.ScreenshotAsync(new() { Path = Path.Combine(Shots, "person-lift-en.png"), FullPage = true });
        await person.LiftAsync(consentDate, "Newsletter after the fair", "Signed form #42");

        await Expect(person.SubscriptionMessage).ToHaveTextAsync("The unsubscribe was lifted.");
        await Expect(person.SubscriptionStatus).ToHaveTextAsync("Subscribed");
        await Expect(person.Card.LegalBasis).ToHaveTextAsync("Consent");
        await Expect(person.Card.ConsentDate).ToHaveTextAsync(consentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(person.Card.ConsentPurpose).ToHaveTextAsync("Newsletter after the fair");
        await Expect(person.Events).ToHaveCountAsync(2);
        await Expect(person.Events.GetByTestId("event-kind")).ToHaveTextAsync(["Unsubscribed", "Resubscribed"]);
        await Expect(person.Root.GetByTestId("event-evidence")).ToHaveTextAsync("Evidence: Signed form #42");
        await Expect(person.LiftForm).ToHaveCountAsync(0);
        await opened.ScreenshotAsync(new() { Path = Path.Combine(Shots, "person-lifted-en.png"), FullPage = true });

        await popup.Page.ReloadAsync();
        await popup.SearchAsync("Ulla");
        await popup.OpenResultAsync("Ulla Berg");
        await Expect(new ComplianceCardPanel(popup.Page).LegalBasis).ToHaveTextAsync("Consent");
        await Expect(popup.Page.GetByTestId("subscription-status")).ToHaveCountAsync(0);
        var subscription = (await (await rep.GetAsync($"{ApiRoutes.Contact(contact.Id)}/subscription")).ReadAsync<SubscriptionDto>());
        Assert.False(subscription.Unsubscribed);
        Assert.Equal(AuthorizationType.Consent, (await rep.GetCardAsync(contact.Id)).AuthorizationType);
    }

    [Fact]
    public async Task In_swedish_the_lift_is_labelled_in_swedish_and_a_lift_without_evidence_is_refused_in_swedish()
    {
        var tenant = await fixture.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();
        var contact = await CreateAsync(rep, "Ulrika", "Ek");
        await UnsubscribeAsync(rep, contact.Id);
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Admin, "sv");
        var person = await PersonViewPanel.OpenAsync(browser, fixture.PageUrl("people.html"), contact.Id);

        await Expect(person.LiftForm.Locator("h3")).ToHaveTextAsync("Häv avregistreringen");
        await Expect(person.LiftForm.Locator("label[for=lift-consent-date]")).ToHaveTextAsync("Datum för samtycke");
        await Expect(person.LiftForm.Locator("label[for=lift-consent-purpose]")).ToHaveTextAsync("Ändamål med behandlingen");
        await Expect(person.LiftForm.Locator("label[for=lift-evidence]")).ToHaveTextAsync("Referens till underlag (undertecknat formulär, inspelat samtal, ärende)");
        await person.LiftForm.Locator("#lift-consent-date").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await person.LiftForm.Locator("#lift-consent-purpose").FillAsync("Nyhetsbrev");
        await person.LiftForm.GetByTestId("lift").ClickAsync();

        await Expect(person.SubscriptionMessage).ToHaveTextAsync("Kontrollera de markerade fälten; inget skickades.");
        await Expect(person.LiftForm.Locator("[data-field-error=evidenceReference]")).ToHaveTextAsync("Måste fyllas i.");
        await person.LiftForm.ScrollIntoViewIfNeededAsync();
        await person.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "person-lift-sv.png"), FullPage = true });
        var subscription = await (await rep.GetAsync($"{ApiRoutes.Contact(contact.Id)}/subscription")).ReadAsync<SubscriptionDto>();
        Assert.True(subscription.Unsubscribed);
        Assert.Single(subscription.History);
    }

    [Theory]
    [InlineData("en", "Only an Admin can lift an unsubscribe, with evidence of new consent.")]
    [InlineData("sv", "Bara en administratör kan häva en avregistrering, med underlag för ett nytt samtycke.")]
    public async Task A_rep_sees_the_unsubscribe_and_its_history_but_no_lift_and_is_told_who_can_lift_it(string language, string adminOnly)
    {
        var tenant = await fixture.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();
        var contact = await CreateAsync(rep, "Ulf", "Strand");
        await UnsubscribeAsync(rep, contact.Id);
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep, language);
        await popup.Page.SetViewportSizeAsync(410, 510);
        await popup.Page.GetByRole(AriaRole.Button, new() { Name = language == "sv" ? "Sök kontakter" : "Search contacts" }).ClickAsync();
        await popup.Page.Locator("#search").FillAsync("Ulf");
        await popup.Page.Locator("form.search button[type=submit]").ClickAsync();
        await popup.OpenResultAsync("Ulf Strand");
        await Expect(popup.Page.GetByTestId("subscription-status")).ToBeVisibleAsync();
        await popup.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"popup-unsubscribed-rep-{language}.png") });

        var person = await PersonViewPanel.OpenAsync(browser, fixture.PageUrl("people.html"), contact.Id);

        await Expect(person.Events).ToHaveCountAsync(1);
        await Expect(person.LiftAdminOnly).ToHaveTextAsync(adminOnly);
        await Expect(person.LiftForm).ToHaveCountAsync(0);
        await person.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"person-rep-{language}.png"), FullPage = true });
        var lift = await rep.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/resubscribe", new ResubscribeRequest
        {
            ConsentDate = DateOnly.FromDateTime(DateTime.UtcNow),
            ConsentPurpose = "Newsletter",
            EvidenceReference = "Ticket 7",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Forbidden, lift.StatusCode);
    }

    private static async Task UnsubscribeAsync(HttpClient client, Guid contactId) =>
        (await client.PostAsJsonAsync($"{ApiRoutes.Contact(contactId)}/unsubscribe", new ManualUnsubscribeRequest { Reason = "Asked by phone" }, Json.Options))
            .EnsureSuccessStatusCode();

    private static async Task<ContactDto> CreateAsync(HttpClient api, string first, string last) =>
        (await api.Typed().CreateContactAsync(new CreateContactRequest
        {
            FirstName = first,
            LastName = last,
            Email = $"{first.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com",
            Company = "Nordlys AB",
        })).AssertValue(HttpStatusCode.Created);
}
