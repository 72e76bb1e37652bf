using System.Net;
using System.Text.Json;
using ComplianceConnect.Extension.Components;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;

namespace ComplianceConnect.Extension.Tests;

/// <summary>The People page's import panel, retention review and retention setting, rendered on their own against a fake API.</summary>
public sealed class PeopleComplianceComponentTests : BunitContext
{
    private static readonly Guid JobId = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid ContactId = Guid.Parse("00000000-0000-0000-0000-0000000000c2");

    private static ImportJobDto Job(ImportStatus status, int processed, IReadOnlyList<ImportProblemDto> problems, int rejected = 0) =>
        new(JobId, status, "leads.csv", false, 3, processed, processed - rejected, 0, 0, rejected, null,
            new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), status == ImportStatus.Completed ? new DateTimeOffset(2026, 11, 30, 9, 1, 0, TimeSpan.Zero) : null, problems);

    private static string Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    [Fact]
    public async Task A_rep_who_comes_back_sees_the_last_import_follow_it_to_the_end_and_read_the_refused_rows_in_Swedish()
    {
        var (api, _) = await this.AddSignedInExtensionAsync("sv");
        api.Answer(HttpStatusCode.OK, Json(new List<ImportJobDto> { Job(ImportStatus.Running, 1, []) }, ContractsJsonContext.Default.ListImportJobDto));
        api.Answer(HttpStatusCode.OK, Json(Job(ImportStatus.Running, 1, []), ContractsJsonContext.Default.ImportJobDto));
        api.Answer(HttpStatusCode.OK, Json(Job(ImportStatus.Completed, 3,
            [new ImportProblemDto(2, "Email ID", ValidationCodes.EmailInvalid, "Must be an email address such as name@example.com."),
             new ImportProblemDto(3, "", ValidationCodes.ContactNeedsIdentity, "A contact needs a first name, a last name or an email.")], rejected: 2),
            ContractsJsonContext.Default.ImportJobDto));
        api.Answer(HttpStatusCode.OK, Json(new List<ImportJobDto> { Job(ImportStatus.Completed, 3, []) }, ContractsJsonContext.Default.ListImportJobDto));
        var finished = 0;

        var panel = Render<ImportPanel>(p => p.Add(c => c.OnFinished, () => finished++));

        panel.WaitForAssertion(() => Assert.Equal("Pågår", panel.Find("[data-testid=import-status]").TextContent));
        Assert.Contains("1 av 3 rader hanterade", panel.Find("[data-testid=import-progress]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=import-start]")); // no second upload while one runs
        panel.WaitForAssertion(() => Assert.Equal("Klar", panel.Find("[data-testid=import-status]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("3 rader hanterade – skapade: 1, uppdaterade: 0, överhoppade: 0, avvisade: 2.", panel.Find("[data-testid=import-counts]").TextContent);
        var rows = panel.FindAll("[data-testid=import-problem]").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["2", "Email ID", "Måste vara en e-postadress, till exempel namn@example.com."], rows[0]);
        Assert.Equal(["3", "(raden)", "En kontakt behöver ett förnamn, ett efternamn eller en e-postadress."], rows[1]);
        panel.WaitForAssertion(() => Assert.Equal(1, finished)); // raised right after the render that shows "Klar"
        Assert.Equal($"/api/imports/{JobId}", api.Requests[2].Path);
    }

    [Theory]
    [InlineData("sv", ImportErrorCodes.Interrupted, "Importen stoppades av en omstart av servern. De rader som rapporterats som hanterade importerades; ladda upp filen igen för resten (rader som redan importerats känns igen på e-post eller LinkedIn).")]
    [InlineData("sv", ImportErrorCodes.Unexpected, "Importen stoppades av ett oväntat fel. De rader som rapporterats som hanterade importerades; resten importerades inte.")]
    [InlineData("en", ImportErrorCodes.Interrupted, "The import was stopped by a restart of the server. The rows reported as processed were imported; upload the file again for the rest (rows already imported are recognised by email or LinkedIn).")]
    [InlineData("sv", "some_future_code", "Importen stoppades: The API's own words. De rader som hanterats dessförinnan finns kvar.")]
    public async Task A_failed_import_says_why_in_the_reps_language(string language, string code, string shown)
    {
        var (api, _) = await this.AddSignedInExtensionAsync(language);
        var failed = Job(ImportStatus.Failed, 1, []) with { Error = "The API's own words.", ErrorCode = code };
        api.Answer(HttpStatusCode.OK, Json(new List<ImportJobDto> { failed }, ContractsJsonContext.Default.ListImportJobDto));
        api.Answer(HttpStatusCode.OK, Json(failed, ContractsJsonContext.Default.ImportJobDto));

        var panel = Render<ImportPanel>();

        panel.WaitForAssertion(() => Assert.Equal(shown, panel.Find("[data-testid=import-job-error]").TextContent));
    }

    [Fact]
    public async Task Keeping_a_contact_due_for_review_sends_the_reason_shows_the_APIs_field_error_and_then_the_list_without_it()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        var contact = $$$"""{"id":"{{{ContactId}}}","firstName":"Greta","lastName":"Lind","email":"greta@nordlys.example","createdAt":"2025-01-10T10:00:00+00:00","updatedAt":"2025-01-10T10:00:00+00:00","card":{"contactId":"{{{ContactId}}}","sourceType":"ManualUpload","version":1}}""";
        api.Answer(HttpStatusCode.OK, """{"days":30}""");
        api.Answer(HttpStatusCode.OK, $$"""{"items":[{"contact":{{contact}},"lastActivityAt":"2025-01-10T10:00:00+00:00"}],"page":1,"pageSize":20,"total":1}""");
        api.Answer(HttpStatusCode.BadRequest, """{"status":400,"title":"The request is not valid.","errors":{"reason":["Is required."]},"codes":{"reason":["required"]}}""", "application/problem+json");
        api.Answer(HttpStatusCode.NoContent, "");
        api.Answer(HttpStatusCode.OK, """{"items":[],"page":1,"pageSize":20,"total":0}""");
        var changed = 0;
        var panel = Render<RetentionReview>(p => p.Add(c => c.OnChanged, () => changed++));
        panel.WaitForElement("[data-testid=retention-row]");
        Assert.Equal("1 contact has had no activity for more than 30 days. Keep it with a reason, or erase it.", panel.Find("[data-testid=retention-intro]").TextContent);

        panel.Find("[data-testid=keep]").Click();
        panel.Find("form.keep-form").Submit();
        panel.WaitForAssertion(() => Assert.Equal("required", panel.Find("[data-field-error=reason]").GetAttribute("data-code")));
        panel.Find("[data-testid=keep-reason]").Change("Open support case until March");
        panel.Find("form.keep-form").Submit();

        panel.WaitForAssertion(() => Assert.Equal("Greta Lind is kept; the reason is in the history.", panel.Find("[data-testid=retention-message]").TextContent));
        Assert.NotNull(panel.Find("[data-testid=retention-none]"));
        Assert.Equal((HttpMethod.Post, $"/api/contacts/{ContactId}/retention-keep", """{"reason":"Open support case until March"}"""), api.Requests[3]);
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task Without_a_retention_period_the_review_says_so_and_asks_for_nothing_more()
    {
        var (api, _) = await this.AddSignedInExtensionAsync("sv");
        api.Answer(HttpStatusCode.OK, """{"days":null}""");

        var panel = Render<RetentionReview>();

        panel.WaitForElement("[data-testid=retention-off]");
        Assert.StartsWith("Ingen lagringstid är angiven", panel.Find("[data-testid=retention-off]").TextContent);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task The_retention_setting_refuses_a_period_out_of_range_before_sending_and_saves_a_valid_one()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        api.Answer(HttpStatusCode.OK, """{"days":null}""");
        api.Answer(HttpStatusCode.OK, """{"days":365}""");
        var settings = Render<RetentionSettings>();

        settings.Find("#retention-days").Change("0");
        settings.Find("form").Submit();
        Assert.Equal("out_of_range", settings.Find("[data-field-error=days]").GetAttribute("data-code"));
        Assert.Single(api.Requests);

        settings.Find("#retention-days").Change("365");
        settings.Find("form").Submit();

        settings.WaitForAssertion(() => Assert.Equal("Saved: contacts without activity for 365 days are listed for review.", settings.Find("[data-testid=retention-settings-status]").TextContent));
        Assert.Equal((HttpMethod.Put, "/api/settings/retention", """{"days":365}"""), api.Requests[1]);
    }

    [Fact]
    public async Task The_delete_dialog_says_how_many_and_that_it_cannot_be_undone_and_confirms_only_on_yes()
    {
        await this.AddSignedInExtensionAsync();
        var (confirmed, cancelled) = (0, 0);
        var dialog = Render<BulkDeleteDialog>(p => p.Add(d => d.Count, 1204).Add(d => d.OnConfirm, () => confirmed++).Add(d => d.OnCancel, () => cancelled++));

        Assert.Equal("Delete 1,204 contacts?", dialog.Find("h2").TextContent);
        Assert.EndsWith("This cannot be undone.", dialog.Find("[data-testid=bulk-delete-question]").TextContent);
        dialog.Find("[data-testid=bulk-delete-cancel]").Click();
        Assert.Equal((0, 1), (confirmed, cancelled));
        dialog.Find("[data-testid=bulk-delete-confirm]").Click();
        Assert.Equal((1, 1), (confirmed, cancelled));
    }

    [Theory]
    [InlineData("en", 1, "Delete 1 contact?", "Delete the selected contact permanently?")]
    [InlineData("en", 0, "Delete 0 contacts?", "Delete the 0 selected contacts permanently?")]
    [InlineData("sv", 1, "Radera 1 kontakt?", "Radera den valda kontakten permanent?")]
    [InlineData("sv", 2, "Radera 2 kontakter?", "Radera de 2 valda kontakterna permanent?")]
    public async Task The_delete_dialog_speaks_of_one_contact_in_the_singular_in_both_languages(string language, int count, string title, string question)
    {
        await this.AddSignedInExtensionAsync(language);
        var dialog = Render<BulkDeleteDialog>(p => p.Add(d => d.Count, count));

        Assert.Equal(title, dialog.Find("h2").TextContent);
        Assert.StartsWith(question, dialog.Find("[data-testid=bulk-delete-question]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "1 row handled: 1 created, 0 updated, 0 skipped, 0 refused.")]
    [InlineData("sv", "1 rad hanterad – skapade: 1, uppdaterade: 0, överhoppade: 0, avvisade: 0.")]
    public async Task A_one_row_import_is_counted_in_the_singular(string language, string counts)
    {
        var (api, _) = await this.AddSignedInExtensionAsync(language);
        var job = Job(ImportStatus.Completed, 1, []) with { TotalRows = 1 };
        api.Answer(HttpStatusCode.OK, Json(new List<ImportJobDto> { job }, ContractsJsonContext.Default.ListImportJobDto));
        api.Answer(HttpStatusCode.OK, Json(job, ContractsJsonContext.Default.ImportJobDto));
        var panel = Render<ImportPanel>();

        panel.WaitForAssertion(() => Assert.Equal(counts, panel.Find("[data-testid=import-counts]").TextContent));
    }

    [Theory]
    [InlineData("en", "Your session ended. Sign in again.")]
    [InlineData("sv", "Din session har avslutats. Logga in igen.")]
    public async Task Signed_out_the_panel_says_to_sign_in_again_in_the_reps_language_without_calling_the_api(string language, string shown)
    {
        var (api, storage) = await this.AddSignedInExtensionAsync(language);
        await storage.RemoveAsync("session");

        var summary = Render<SuppressionSummary>();

        summary.WaitForAssertion(() => Assert.Equal(shown, summary.Find(".alert").TextContent));
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task An_admin_sees_how_many_erased_people_the_suppression_list_keeps_out_in_swedish()
    {
        var (api, _) = await this.AddSignedInExtensionAsync("sv");
        api.Answer(HttpStatusCode.OK, """{"entries":3,"emails":2,"linkedInProfiles":1}""");

        var summary = Render<SuppressionSummary>();

        summary.WaitForAssertion(() => Assert.Equal("Spärrlistan har 3 poster (e-postadresser: 2, LinkedIn-profiler: 1).", summary.Find("[data-testid=suppression-count]").TextContent));
        Assert.Equal((HttpMethod.Get, "/api/suppression/count"), (api.Requests[0].Method, api.Requests[0].Path));
    }
}
