using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Pages;

/// <summary>The People page: a full tab of the extension.</summary>
public sealed class PeoplePage(IPage page)
{
    public IPage Page => page;

    public ILocator Heading => page.Locator("header.brand");
    public ILocator Rows => page.GetByTestId("person-row");
    public ILocator Total => page.GetByTestId("total");
    public ILocator SelectedCount => page.GetByTestId("selected-count");
    public ILocator Notice => page.GetByTestId("bulk-notice");
    public ILocator Error => page.GetByTestId("people-error");
    public ILocator AuthorizationButton => page.GetByTestId("bulk-authorization");
    public ILocator SourceButton => page.GetByTestId("bulk-source");
    public ILocator Overview => page.GetByTestId("overview");
    public ILocator OverviewTotal => page.GetByTestId("overview-total");
    public ILocator OverviewMissing => page.GetByTestId("overview-missing");
    public ILocator ConfirmQuestion => page.GetByTestId("bulk-confirm-question");
    public ILocator Person => page.GetByTestId("person-view");

    /// <summary>The overview's bar for a legal basis ("None" for none recorded) or a source.</summary>
    public ILocator Bar(string chart, string key) => page.GetByTestId($"bar-{chart}-{key}");

    public ILocator Row(string name) => Rows.Filter(new() { Has = page.GetByTestId("open-person").GetByText(name, new() { Exact = true }) });

    public ILocator Cell(string name, string column) => Row(name).GetByTestId("cell-" + column);

    /// <summary>Waits for the list (signed in) to show.</summary>
    public static async Task<PeoplePage> ReadyAsync(IPage page)
    {
        await page.GetByTestId("people-table").WaitForAsync();
        return new PeoplePage(page);
    }

    public async Task SearchAsync(string text)
    {
        await page.Locator("#people-search").FillAsync(text);
        await page.GetByTestId("people-search-submit").ClickAsync();
    }

    public Task SelectAsync(string name) => Row(name).GetByTestId("select-row").CheckAsync();

    public Task SelectPageAsync() => page.GetByTestId("select-page").CheckAsync();

    /// <summary>Authorization → the legal basis (and its fields) → Continue; leaves the confirmation open.</summary>
    public async Task ChooseAuthorizationAsync(string type, DateOnly? consentDate = null, string? purpose = null, string? description = null)
    {
        await AuthorizationButton.ClickAsync();
        var dialog = page.GetByTestId("bulk-authorization-dialog");
        await dialog.Locator("#authorization-type").SelectOptionAsync(type);
        if (consentDate is { } date)
        {
            await dialog.Locator("#consent-date").FillAsync(date.ToString("yyyy-MM-dd"));
        }

        if (purpose is not null)
        {
            await dialog.Locator("#consent-purpose").FillAsync(purpose);
        }

        if (description is not null)
        {
            await dialog.Locator("#authorization-description").FillAsync(description);
        }

        await dialog.GetByTestId("bulk-continue").ClickAsync();
    }

    /// <summary>Source → the source (and its description) → Continue; leaves the confirmation open.</summary>
    public async Task ChooseSourceAsync(string type, string? description = null)
    {
        await SourceButton.ClickAsync();
        var dialog = page.GetByTestId("bulk-source-dialog");
        await dialog.Locator("#bulk-source-type").SelectOptionAsync(type);
        if (description is not null)
        {
            await dialog.Locator("#bulk-source-description").FillAsync(description);
        }

        await dialog.GetByTestId("bulk-continue").ClickAsync();
    }

    public Task ConfirmAsync() => page.GetByTestId("bulk-confirm").ClickAsync();

    public ILocator ExportButton => page.GetByTestId("bulk-export");
    public ILocator UnsubscribeButton => page.GetByTestId("bulk-unsubscribe");
    public ILocator DeleteButton => page.GetByTestId("bulk-delete");
    public ILocator DeleteDialog => page.GetByTestId("bulk-delete-dialog");
    public ILocator UnsubscribeDialog => page.GetByTestId("bulk-unsubscribe-dialog");
    public ILocator ImportPanel => page.GetByTestId("import-panel");
    public ILocator ImportJob => page.GetByTestId("import-job");
    public ILocator ImportProblems => page.GetByTestId("import-problem");
    public ILocator RetentionPanel => page.GetByTestId("retention-panel");
    public ILocator NoticePanel => page.GetByTestId("notice-panel");

    /// <summary>Import CSV → the file and the choice for existing emails → Import; the panel then follows the job.</summary>
    public async Task ImportAsync(string fileName, byte[] content, bool updateExisting = false)
    {
        if (!await ImportPanel.IsVisibleAsync())
        {
            await page.GetByTestId("open-import").ClickAsync();
        }

        await ImportPanel.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });
        await ImportPanel.GetByTestId(updateExisting ? "import-update" : "import-skip").CheckAsync();
        await ImportPanel.GetByTestId("import-start").ClickAsync();
    }

    /// <summary>Export (CSV) of the selection; the file the browser saved.</summary>
    public async Task<byte[]> ExportSelectionAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => ExportButton.ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async Task OpenPersonAsync(string name)
    {
        await Row(name).GetByTestId("open-person").ClickAsync();
        await Person.GetByTestId("contact-details").WaitForAsync();
    }

    /// <summary>In the open person view: Edit details → one field → Save.</summary>
    public async Task EditDetailAsync(string field, string value)
    {
        await Person.GetByTestId("edit-details").ClickAsync();
        await Person.GetByTestId("detail-input-" + field).FillAsync(value);
        await Person.GetByTestId("save-details").ClickAsync();
    }
}
