using System.Text;
using ComplianceConnect.Api.Features.ImportExport;
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
/// The People page's compliance actions in Chromium with the built extension, against the real API:
/// import, bulk erasure, export and unsubscribe, the retention review and the privacy-notice list (issues #9, #10).
/// Screenshots of the dialogs and panels, in English and Swedish, go to CC_PEOPLE_SHOTS_DIR (or a temporary folder),
/// not to the README's folder.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class PeopleComplianceTests(ExtensionFixture fixture)
{
    private static readonly string Shots = Environment.GetEnvironmentVariable("CC_PEOPLE_SHOTS_DIR") is { Length: > 0 } configured
        ? configured
        : Directory.CreateTempSubdirectory("cc-people-compliance-").FullName;

    [Fact]
    public async Task A_rep_imports_a_CSV_with_one_bad_row_sees_the_report_and_the_good_rows_in_the_list_and_finds_the_report_again_later()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep);
        var people = await OpenPeopleAsync(browser);
        var csv = $"First Name,Last Name,Email ID,Company\r\nIda,Lund,{Unique("ida")},Nordlys AB\r\nBo,Falk,not-an-email,Fjord AS\r\nEje,Moberg,{Unique("eje")},Kvarn\r\n";

        await people.ImportAsync("fair-leads.csv", Encoding.UTF8.GetBytes(csv));

        await Expect(people.ImportJob).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Expect(people.ImportJob.GetByTestId("import-status")).ToHaveTextAsync("Finished");
        await Expect(people.ImportJob.GetByTestId("import-counts")).ToHaveTextAsync("3 rows handled: 2 created, 0 updated, 0 skipped, 1 refused.");
        var bad = people.ImportProblems.First;
        await Expect(people.ImportProblems).ToHaveCountAsync(1);
        await Expect(bad.Locator("td").Nth(0)).ToHaveTextAsync("2");
        await Expect(bad.Locator("td").Nth(1)).ToHaveTextAsync("Email ID");
        await Expect(bad.Locator("td").Nth(2)).ToHaveTextAsync("Must be an email address such as name@example.com.");
        await Expect(people.Rows).ToHaveCountAsync(2);
        await Expect(people.Cell("Ida Lund", "source")).ToHaveTextAsync("Import");
        await Expect(people.Cell("Eje Moberg", "company")).ToHaveTextAsync("Kvarn");
        await people.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "people-import-report-en.png"), FullPage = true });

        // The rep leaves and comes back: the last import and its report are there again.
        await people.Page.ReloadAsync();
        people = await PeoplePage.ReadyAsync(people.Page);
        await people.Page.GetByTestId("open-import").ClickAsync();
        await Expect(people.ImportJob.GetByTestId("import-counts")).ToHaveTextAsync("3 rows handled: 2 created, 0 updated, 0 skipped, 1 refused.");
        await Expect(people.ImportProblems).ToHaveCountAsync(1);
        await Expect(people.ImportPanel.GetByTestId("recent-import")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_one_row_import_in_Swedish_is_reported_and_counted_in_the_singular()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep, language: "sv");
        var people = await OpenPeopleAsync(browser);

        await people.ImportAsync("en-kontakt.csv", Encoding.UTF8.GetBytes($"First Name,Last Name,Email ID\r\nIda,Lund,{Unique("ida")}\r\n"));

        await Expect(people.ImportJob).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Expect(people.ImportJob.GetByTestId("import-counts")).ToHaveTextAsync("1 rad hanterad – skapade: 1, uppdaterade: 0, överhoppade: 0, avvisade: 0.");
        await Expect(people.Total).ToHaveTextAsync("1 kontakt");
        await people.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "people-import-one-row-sv.png"), FullPage = true });
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_a_clear_error_in_Swedish_and_nothing_is_imported()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep, language: "sv");
        var people = await OpenPeopleAsync(browser);

        await people.ImportAsync("broken.csv", Encoding.UTF8.GetBytes("First Name,Last Name,Email ID\r\n\"Ida,Lund,ida@example.com\r\n"));

        await Expect(people.ImportPanel.GetByTestId("import-error"))
            .ToHaveTextAsync("Filen kan inte importeras: spara den som CSV (UTF-8) med en rubrikrad. Inget importerades.");
        await Expect(people.ImportPanel.GetByText("Importera kontakter från en CSV-fil")).ToBeVisibleAsync();
        await Expect(people.ImportJob).ToHaveCountAsync(0);
        await Expect(people.Total).ToHaveTextAsync("0 kontakter");
        await people.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "people-import-error-sv.png"), FullPage = true });
    }

    [Theory]
    [InlineData("en", "The import was stopped by a restart of the server. The rows reported as processed were imported; upload the file again for the rest (rows already imported are recognised by email or LinkedIn).")]
    [InlineData("sv", "Importen stoppades av en omstart av servern. De rader som rapporterats som hanterade importerades; ladda upp filen igen för resten (rader som redan importerats känns igen på e-post eller LinkedIn).")]
    public async Task An_import_a_restart_cut_off_says_so_and_what_to_do_in_the_reps_language(string language, string shown)
    {
        var tenant = await fixture.CreateTenantAsync();
        var client = await fixture.Api.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
        var job = await client.ImportCsvAsync($"First Name,Last Name,Email ID\r\nIda,Lund,{Unique("ida")}\r\n", updateExisting: false, "restarted.csv");
        // The job as a restart without a spool folder leaves it (ImportRestartTests stops a real host mid-import for that).
        await fixture.Api.ExecuteAsOwnerAsync(
            $"SELECT set_config('app.organization_id', '{tenant.Organization.Id}', false); " +
            $"UPDATE import_jobs SET status = '{ImportStatus.Failed}', error = '{ImportRunner.InterruptedMessage}' WHERE id = '{job.Id}'");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep, language);
        var people = await OpenPeopleAsync(browser);

        await people.Page.GetByTestId("open-import").ClickAsync();

        await Expect(people.ImportJob).ToHaveAttributeAsync("data-status", "Failed");
        await Expect(people.ImportJob.GetByTestId("import-job-error")).ToHaveTextAsync(shown);
        await people.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"people-import-interrupted-{language}.png"), FullPage = true });
    }

    [Theory]
    [InlineData("en", "Delete the 2 selected contacts permanently? All their personal data, emails and history are erased (GDPR erasure), and they cannot be captured or imported again. This cannot be undone.", "2 contacts deleted.", "1 contact")]
    [InlineData("sv", "Radera de 2 valda kontakterna permanent? Alla deras personuppgifter, e-postmeddelanden och historik raderas (radering enligt GDPR), och de kan inte fångas eller importeras igen. Det går inte att ångra.", "2 kontakter raderade.", "1 kontakt")]
    public async Task A_rep_selects_two_contacts_deletes_them_after_the_confirmation_and_sees_them_gone(string language, string question, string done, string total)
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var ada = await CreateAsync(api, "Ada", "Ek");
        var bert = await CreateAsync(api, "Bert", "Ek");
        await CreateAsync(api, "Cleo", "Ek");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep, language);
        var people = await OpenPeopleAsync(browser);

        await people.SelectAsync("Ada Ek");
        await people.SelectAsync("Bert Ek");
        await people.DeleteButton.ClickAsync();
        await Expect(people.DeleteDialog.GetByTestId("bulk-delete-question")).ToHaveTextAsync(question);
        await people.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"people-delete-dialog-{language}.png") });
        await people.DeleteDialog.GetByTestId("bulk-delete-confirm").ClickAsync();

        await Expect(people.Notice).ToHaveTextAsync(done);
        await Expect(people.Rows).ToHaveCountAsync(1);
        await Expect(people.Total).ToHaveTextAsync(total);
        await people.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"people-after-delete-{language}.png") });
        await Expect(people.Row("Ada Ek")).ToHaveCountAsync(0);
        await Expect(people.Row("Cleo Ek")).ToHaveCountAsync(1);
        Assert.Equal(404, (await api.Typed().GetContactAsync(ada.Id)).Status);
        Assert.Equal(404, (await api.Typed().GetContactAsync(bert.Id)).Status);
    }

    [Fact]
    public async Task A_rep_cancels_the_delete_dialog_and_nothing_is_erased()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        await CreateAsync(api, "Ada", "Ek");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep);
        var people = await OpenPeopleAsync(browser);

        await people.SelectAsync("Ada Ek");
        await people.DeleteButton.ClickAsync();
        await people.DeleteDialog.GetByTestId("bulk-delete-cancel").ClickAsync();

        await Expect(people.DeleteDialog).ToHaveCountAsync(0);
        await Expect(people.Rows).ToHaveCountAsync(1);
        await Expect(people.SelectedCount).ToHaveTextAsync("1 selected");
    }

    [Fact]
    public async Task A_bulk_export_of_a_selection_downloads_one_CSV_with_the_16_columns_and_the_selected_rows()
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var ada = await CreateAsync(api, "Ada", "Ek");
        await CreateAsync(api, "Bert", "Ek");
        var cleo = await CreateAsync(api, "Cleo", "Ek");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep);
        var people = await OpenPeopleAsync(browser);

        await people.SelectAsync("Ada Ek");
        await people.SelectAsync("Cleo Ek");
        var content = await people.ExportSelectionAsync();

        await Expect(people.Notice).ToHaveTextAsync("2 contacts exported; the CSV is in your downloads.");
        using var csv = CsvReader.Create(new MemoryStream(content), new CsvReaderOptions { Separator = ',', HasHeader = true, TrimWhitespace = false }, false);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }

        Assert.Equal(ContactCsv.Header, csv.Headers);
        Assert.Equal(16, csv.Headers.Count);
        Assert.Equal(new[] { ada.Id, cleo.Id }.Order(), rows.Select(r => Guid.Parse(r[12])).Order());
        Assert.Equal(new[] { (ada.Email, "Ada"), (cleo.Email, "Cleo") }.Order(), rows.Select(r => ((string?)r[4], r[0])).Order());
    }

    [Theory]
    [InlineData("en", "2 contacts unsubscribed.", "Unsubscribe")]
    [InlineData("sv", "2 kontakter avregistrerade.", "Avregistrera")]
    public async Task A_rep_unsubscribes_a_selection_by_hand_and_sees_them_unsubscribed(string language, string done, string button)
    {
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        var ada = await CreateAsync(api, "Ada", "Ek");
        var bert = await CreateAsync(api, "Bert", "Ek");
        var cleo = await CreateAsync(api, "Cleo", "Ek");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep, language);
        var people = await OpenPeopleAsync(browser);

        await people.SelectAsync("Ada Ek");
        await people.SelectAsync("Bert Ek");
        await Expect(people.UnsubscribeButton).ToHaveTextAsync(button);
        await people.UnsubscribeButton.ClickAsync();
        await people.UnsubscribeDialog.Locator("#bulk-unsubscribe-reason").FillAsync("Asked at the fair");
        await people.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"people-unsubscribe-dialog-{language}.png") });
        await people.UnsubscribeDialog.GetByTestId("bulk-unsubscribe-confirm").ClickAsync();

        await Expect(people.Notice).ToHaveTextAsync(done);
        await people.Page.GetByTestId("overview-unsubscribed").ClickAsync();
        await Expect(people.Rows).ToHaveCountAsync(2);
        await Expect(people.Row("Cleo Ek")).ToHaveCountAsync(0);
        foreach (var contact in new[] { ada, bert })
        {
            var subscription = (await api.Typed().GetSubscriptionAsync(contact.Id)).AssertValue();
            Assert.Equal((true, SubscriptionSource.Manual, "Asked at the fair"), (subscription.Unsubscribed, subscription.Via!.Value, subscription.History.Single().Reason));
        }

        Assert.False((await api.Typed().GetSubscriptionAsync(cleo.Id)).AssertValue().Unsubscribed);
    }

    [Theory]
    [InlineData("en", "2 due for retention review", "2 need the privacy notice", "1 due for retention review")]
    [InlineData("sv", "2 att granska för lagringstid", "2 behöver integritetsmeddelandet", "1 att granska för lagringstid")]
    public async Task Contacts_past_the_retention_period_are_kept_with_a_reason_or_erased_and_those_without_a_privacy_notice_are_listed(
        string language, string retentionDue, string noticeDue, string afterKeep)
    {
        var tenant = await fixture.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var api = await tenant.RepClientAsync();
        (await admin.Typed().SetRetentionAsync(new RetentionSettingsDto(30))).AssertValue();
        var extension = await fixture.Api.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
        var ada = (await extension.Typed().CaptureAsync(new CaptureRequest { FirstName = "Ada", LastName = "Ek", Email = Unique("ada"), PageUrl = "https://fair.example/speakers" })).AssertValue(System.Net.HttpStatusCode.Created);
        var bert = (await extension.Typed().CaptureAsync(new CaptureRequest { FirstName = "Bert", LastName = "Ek", Email = Unique("bert"), PageUrl = "https://fair.example/speakers" })).AssertValue(System.Net.HttpStatusCode.Created);
        await fixture.Api.AgeAsync(tenant.Organization.Id, TimeSpan.FromDays(35));
        await CreateAsync(api, "Cleo", "Ek");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep, language);
        var people = await OpenPeopleAsync(browser);

        await Expect(people.Page.GetByTestId("overview-retention")).ToHaveTextAsync(retentionDue);
        await Expect(people.Page.GetByTestId("overview-notice")).ToHaveTextAsync(noticeDue);
        await people.Page.GetByTestId("overview-notice").ClickAsync();
        await Expect(people.NoticePanel.GetByTestId("notice-row")).ToHaveCountAsync(2);
        await Expect(people.NoticePanel.Locator($"[data-contact-id='{ada.Contact.Id}']")).ToBeVisibleAsync();
        await people.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"people-notice-due-{language}.png"), FullPage = true });

        await people.Page.GetByTestId("overview-retention").ClickAsync();
        var rows = people.RetentionPanel.GetByTestId("retention-row");
        await Expect(rows).ToHaveCountAsync(2);
        var adaRow = people.RetentionPanel.Locator($"[data-testid=retention-row][data-contact-id='{ada.Contact.Id}']");
        await adaRow.GetByTestId("keep").ClickAsync();
        await adaRow.GetByTestId("keep-reason").FillAsync("Open support case until March");
        await people.Page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"people-retention-review-{language}.png"), FullPage = true });
        await adaRow.GetByTestId("keep-save").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(people.Page.GetByTestId("overview-retention")).ToHaveTextAsync(afterKeep);

        var bertRow = people.RetentionPanel.Locator($"[data-testid=retention-row][data-contact-id='{bert.Contact.Id}']");
        await bertRow.GetByTestId("erase").ClickAsync();
        await bertRow.GetByTestId("erase-confirm").ClickAsync();
        await Expect(people.RetentionPanel.GetByTestId("retention-none")).ToBeVisibleAsync();
        await Expect(people.Rows).ToHaveCountAsync(2);
        Assert.Equal(404, (await api.Typed().GetContactAsync(bert.Contact.Id)).Status);
        Assert.Equal("contact.retention-kept", (await api.GetAuditAsync(ada.Contact.Id)).Last().Action);
    }

    [Fact]
    public async Task An_Admin_sets_the_retention_period_in_the_settings()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Admin);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.PageUrl("settings.html"));

        await page.GetByTestId("retention-days").FillAsync("0");
        await page.GetByTestId("retention-save").ClickAsync();
        await Expect(page.Locator("[data-field-error=days]")).ToBeVisibleAsync();
        await page.GetByTestId("retention-days").FillAsync("730");
        await page.GetByTestId("retention-save").ClickAsync();

        await Expect(page.GetByTestId("retention-settings-status")).ToHaveTextAsync("Saved: contacts without activity for 730 days are listed for review.");
        Assert.Equal(730, (await (await tenant.AdminClientAsync()).Typed().GetRetentionAsync()).AssertValue().Days);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("retention-days")).ToHaveValueAsync("730");
    }

    [Fact]
    public async Task An_admin_sets_the_organizations_country_in_swedish_and_then_a_german_national_number_is_saved_as_german()
    {
        var tenant = await fixture.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var contact = await CreateAsync(admin, "Jonas", "Weber");
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Admin, "sv");
        var settings = await browser.NewPageAsync();
        await settings.GotoAsync(fixture.PageUrl("settings.html"));

        await Expect(settings.GetByTestId("phone-region")).ToHaveValueAsync("SE");
        await settings.GetByTestId("phone-region").SelectOptionAsync("DE");
        await settings.GetByTestId("phone-region-save").ClickAsync();
        await Expect(settings.GetByTestId("phone-region-status")).ToHaveTextAsync("Sparat: nummer utan landsnummer läses som Tyskland.");
        await settings.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cc-settings-phone-region.png"), FullPage = true });
        Assert.Equal("DE", (await admin.Typed().GetPhoneRegionAsync()).AssertValue().Region);

        // The admin's own session reads national numbers as German at once, in the form and at the API.
        var person = await PersonViewPanel.OpenAsync(browser, fixture.PageUrl("people.html"), contact.Id);
        await person.Root.GetByTestId("edit-details").ClickAsync();
        await person.Root.GetByTestId("detail-input-phone").FillAsync("0151 23456789");
        await person.Root.GetByTestId("save-details").ClickAsync();
        await Expect(person.Root.GetByTestId("detail-phone")).ToHaveTextAsync("+4915123456789");
        Assert.Equal("+4915123456789", (await admin.Typed().GetContactAsync(contact.Id)).AssertValue().Phone);
    }

    private async Task<PeoplePage> OpenPeopleAsync(IBrowserContext browser)
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(fixture.PageUrl("people.html"));
        return await PeoplePage.ReadyAsync(page);
    }

    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}@people.example";

    private static async Task<ContactDto> CreateAsync(HttpClient api, string first, string last) =>
        (await api.Typed().CreateContactAsync(new CreateContactRequest { FirstName = first, LastName = last, Email = Unique(first.ToLowerInvariant()) }))
            .AssertValue(System.Net.HttpStatusCode.Created);
}
