using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Pages;
using ComplianceConnect.Shared.Compliance;
using static Microsoft.Playwright.Assertions;

namespace ComplianceConnect.E2E.Tests;

[Collection(ExtensionCollection.Name)]
public sealed class CaptureTests(ExtensionFixture fixture)
{
    [Fact]
    public async Task A_rep_captures_the_person_on_a_page_and_capturing_again_shows_the_existing_card()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var (popup, tabId) = await SignInAndClickOnPageAsync(browser, tenant, "speaker.html");

        // The popup the click opened reads its window's active tab by itself.
        var realPopup = await fixture.AttachToOpenedPopupAsync(browser);
        await realPopup.WaitForInputValueAsync("#capture-email", "jane.doe@acme.example");

        // The rest runs in a Playwright-driven copy of the popup, told which tab to read.
        await popup.Page.GotoAsync(fixture.PageUrl($"popup.html?tabId={tabId}"));
        var form = new CapturePanel(popup.Page);
        await Expect(form.Field("first-name")).ToHaveValueAsync("Jane");
        await Expect(form.Field("last-name")).ToHaveValueAsync("Doe");
        await Expect(form.Field("email")).ToHaveValueAsync("jane.doe@acme.example");
        await Expect(form.Field("title")).ToHaveValueAsync("Head of Data Protection");
        await Expect(form.Field("company")).ToHaveValueAsync("Acme GmbH");
        await Expect(form.Field("linkedin")).ToHaveValueAsync("https://www.linkedin.com/in/jane-doe-acme");
        await form.SaveAsync();
        await Expect(form.Status).ToHaveTextAsync("Saved as a contact.");
        await Expect(new ComplianceCardPanel(popup.Page).Source).ToHaveTextAsync("Chrome extension");

        var api = await tenant.RepClientAsync();
        var contact = await api.LookupAsync("jane.doe@acme.example");
        Assert.Equal(SourceType.ChromeExtension, contact.Card.SourceType);
        Assert.Equal(fixture.Site.Url("speaker.html"), contact.Card.SourceUrl);
        Assert.NotNull(contact.Card.CapturedAt);
        Assert.Equal("contact.captured", (await api.GetAuditAsync(contact.Id)).Single().Action);

        // Saved without a legal basis: the toolbar badge warns on that tab.
        Assert.Equal("!", await popup.Page.EvaluateAsync<string>("id => chrome.action.getBadgeText({ tabId: id })", tabId));

        await popup.Page.GotoAsync(fixture.PageUrl($"popup.html?tabId={tabId}"));
        await Expect(form.Status).ToHaveTextAsync("Already a contact: this is their compliance card.");
        await Expect(new ComplianceCardPanel(popup.Page).NoLegalBasisWarning).ToBeVisibleAsync();
        await Expect(form.Form).ToHaveCountAsync(0);
        var list = await api.SearchAsync("jane.doe@acme.example");
        Assert.Equal(1, list.Total);
    }

    [Fact]
    public async Task Capturing_with_consent_in_the_same_step_records_the_legal_basis()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var (popup, tabId) = await SignInAndClickOnPageAsync(browser, tenant, "speaker.html");
        await popup.Page.GotoAsync(fixture.PageUrl($"popup.html?tabId={tabId}"));
        var form = new CapturePanel(popup.Page);
        var card = new ComplianceCardPanel(popup.Page);
        await Expect(form.Field("email")).ToHaveValueAsync("jane.doe@acme.example");

        await popup.Page.Locator("#authorization-type").SelectOptionAsync("Consent");
        await popup.Page.Locator("#consent-date").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
        await popup.Page.Locator("#consent-purpose").FillAsync("Summit follow-up");
        await form.SaveAsync();

        await Expect(form.Status).ToHaveTextAsync("Saved as a contact.");
        await Expect(card.LegalBasis).ToHaveTextAsync("Consent");
        Assert.Equal("✓", await popup.Page.EvaluateAsync<string>("id => chrome.action.getBadgeText({ tabId: id })", tabId));
    }

    [Fact]
    public async Task Capture_as_contact_on_a_selection_opens_the_form_filled_from_the_selected_text()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        await fixture.OpenAsync(browser, tenant.Rep);
        var page = await browser.NewPageAsync();
        var url = fixture.Site.Url("signature.html");
        await page.GotoAsync(url);
        var selection = await page.Locator("#signature").InnerTextAsync();

        // What Chrome hands the context-menu listener when the rep picks "Capture as contact" on the selection.
        var worker = await fixture.AttachToServiceWorkerAsync(browser);
        await worker.EvaluateAsync(
            $"captureSelection({{ menuItemId: 'capture-selection', selectionText: {System.Text.Json.JsonSerializer.Serialize(selection)}, pageUrl: '{url}' }}, {{ url: '{url}' }})");

        // The handler opens the popup, which shows the form filled from the selection.
        var form = await fixture.AttachToOpenedPopupAsync(browser);
        await form.WaitForTextAsync("[data-testid=capture] h1", "Capture from the selection");
        await form.WaitForInputValueAsync("#capture-first-name", "Erik");
        await form.WaitForInputValueAsync("#capture-last-name", "Lindqvist");
        await form.WaitForInputValueAsync("#capture-email", "erik.lindqvist@nordlys.example");
        await form.WaitForInputValueAsync("#capture-company", "Nordlys AB");
        await form.WaitForInputValueAsync("#capture-title", "Sales Director");
        await form.WaitForInputValueAsync("#capture-phone", "+46 8 123 456 78");
        await form.ClickAsync("[data-testid=capture-form] button[type=submit]");
        await form.WaitForTextAsync("[data-testid=capture-status]", "Saved as a contact.");

        var api = await tenant.RepClientAsync();
        var contact = await api.LookupAsync("erik.lindqvist@nordlys.example");
        Assert.Equal((SourceType.ChromeExtension, url), (contact.Card.SourceType, contact.Card.SourceUrl));
    }

    [Theory]
    [InlineData("en", "This page cannot be read.", "Search contacts")]
    [InlineData("sv", "Den här sidan kan inte läsas.", "Sök kontakter")]
    public async Task A_page_the_extension_cannot_read_is_explained_with_a_way_to_search_instead(string language, string explained, string search)
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep, language: language);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url("speaker.html"));

        // Without the toolbar click there is no activeTab grant, so the page stays closed to the extension.
        var tabId = await popup.Page.EvaluateAsync<int>("async () => (await chrome.tabs.query({})).filter(t => !t.url).map(t => t.id).pop()");
        await popup.Page.GotoAsync(fixture.PageUrl($"popup.html?tabId={tabId}"));

        var form = new CapturePanel(popup.Page);
        await Expect(form.Problem).ToContainTextAsync(explained);
        await popup.Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"capture-unreadable-{language}.png") });
        await popup.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = search }).ClickAsync();
        await Expect(popup.Page.Locator("#search")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_team_page_offers_its_people_with_the_company_filled_and_never_the_company_itself()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var (popup, tabId) = await SignInAndClickOnPageAsync(browser, tenant, "team.html");
        await popup.Page.GotoAsync(fixture.PageUrl($"popup.html?tabId={tabId}"));
        var form = new CapturePanel(popup.Page);

        await Expect(form.Candidates).ToHaveCountAsync(3);
        Assert.Equal(["Fiona MacLeod", "Daniel Okafor", "Sophie Turner"], (await form.Candidates.AllTextContentsAsync()).Select(t => t.Split(" · ")[0].Trim()));
        await Expect(form.Field("first-name")).ToHaveValueAsync("Fiona");
        await Expect(form.Field("email")).ToHaveValueAsync("fiona.macleod@brightwater.example");
        await Expect(form.Field("company")).ToHaveValueAsync("Brightwater Logistics Ltd");

        await form.PickAsync(1);
        await Expect(form.Field("email")).ToHaveValueAsync("daniel.okafor@brightwater.example");
        await Expect(form.Field("title")).ToHaveValueAsync("Head of Operations");
        await Expect(form.Field("company")).ToHaveValueAsync("Brightwater Logistics Ltd");
    }

    [Fact]
    public async Task A_swedish_staff_list_gives_whole_names_with_their_own_emails()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var (popup, tabId) = await SignInAndClickOnPageAsync(browser, tenant, "personal-sv.html");
        await popup.Page.GotoAsync(fixture.PageUrl($"popup.html?tabId={tabId}"));
        var form = new CapturePanel(popup.Page);

        await Expect(form.Candidates).ToHaveCountAsync(3); // one candidate a person: no name and email apart
        await Expect(form.Field("first-name")).ToHaveValueAsync("Åsa");
        await Expect(form.Field("last-name")).ToHaveValueAsync("Öberg");
        await Expect(form.Field("email")).ToHaveValueAsync("asa.oberg@alvdala.example");
        await Expect(form.Field("title")).ToHaveValueAsync("Kommunchef");

        await form.PickAsync(2);
        await Expect(form.Field("first-name")).ToHaveValueAsync("Tomás");
        await Expect(form.Field("last-name")).ToHaveValueAsync("Ferreira");
        await Expect(form.Field("email")).ToHaveValueAsync("tomas.ferreira@alvdala.example");
    }

    [Fact]
    public async Task Pressing_the_toolbar_button_with_text_selected_offers_to_capture_the_selection()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popupPage = await fixture.OpenAsync(browser, tenant.Rep);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url("signature.html"));
        await page.EvaluateAsync("() => getSelection().selectAllChildren(document.getElementById('signature'))");

        await fixture.ClickExtensionButtonAsync(browser, page, popupPage.Page);

        // The real popup the click opened reads the selection with the page.
        var popup = await fixture.AttachToOpenedPopupAsync(browser);
        await popup.WaitForTextAsync("[data-testid=selection-offer] button", "Capture the selection");
        await popup.ClickAsync("[data-testid=selection-offer] button");
        await popup.WaitForTextAsync("[data-testid=capture] h1", "Capture from the selection");
        await popup.WaitForInputValueAsync("#capture-first-name", "Erik");
        await popup.WaitForInputValueAsync("#capture-email", "erik.lindqvist@nordlys.example");
        await popup.WaitForInputValueAsync("#capture-company", "Nordlys AB");
        await popup.ClickAsync("[data-testid=capture-form] button[type=submit]");
        await popup.WaitForTextAsync("[data-testid=capture-status]", "Saved as a contact.");

        var api = await tenant.RepClientAsync();
        var contact = await api.LookupAsync("erik.lindqvist@nordlys.example");
        Assert.Equal((SourceType.ChromeExtension, fixture.Site.Url("signature.html")), (contact.Card.SourceType, contact.Card.SourceUrl));
    }

    [Fact]
    public async Task Save_is_in_view_without_scrolling_in_the_real_popup_and_at_410_by_510()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var (popup, tabId) = await SignInAndClickOnPageAsync(browser, tenant, "team.html");

        // The real popup, at whatever size Chrome gave it; the screenshot is kept for a person to look at.
        var realPopup = await fixture.AttachToOpenedPopupAsync(browser);
        await realPopup.WaitForInputValueAsync("#capture-email", "fiona.macleod@brightwater.example");
        await realPopup.WaitForAsync(SaveInViewScript, "true");
        await realPopup.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "screenshots", "capture-popup.png"));

        // The size reps report (about 410 x 510), with consent chosen so the legal basis is at its longest.
        await popup.Page.SetViewportSizeAsync(410, 510);
        await popup.Page.GotoAsync(fixture.PageUrl($"popup.html?tabId={tabId}"));
        var form = new CapturePanel(popup.Page);
        await Expect(form.Field("email")).ToHaveValueAsync("fiona.macleod@brightwater.example");
        await popup.Page.Locator("#authorization-type").SelectOptionAsync("Consent");
        await Expect(popup.Page.Locator("#consent-purpose")).ToBeVisibleAsync();
        Assert.Equal(0, await popup.Page.EvaluateAsync<int>("() => window.scrollY"));
        Assert.Equal("true", await popup.Page.EvaluateAsync<string>(SaveInViewScript));
        await popup.Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "capture-410x510.png") });
    }

    private const string SaveInViewScript = """
        (() => { const b = document.querySelector('[data-testid=capture-form] button[type=submit]');
          if (!b) return 'false'; const r = b.getBoundingClientRect();
          return String(r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight); })()
        """;

    /// <summary>Signs the rep in, opens a fixture page in a tab and presses the toolbar button on it.</summary>
    private async Task<(PopupPage Popup, int TabId)> SignInAndClickOnPageAsync(Microsoft.Playwright.IBrowserContext browser, TestTenant tenant, string fixturePage)
    {
        var popup = await fixture.OpenAsync(browser, tenant.Rep);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url(fixturePage));
        return (popup, await fixture.ClickExtensionButtonAsync(browser, page, popup.Page));
    }
}
