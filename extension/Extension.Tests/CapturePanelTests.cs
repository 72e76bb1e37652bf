using System.Net;
using ComplianceConnect.Extension.Components;
using ComplianceConnect.Extension.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Extension.Tests;

public sealed class CapturePanelTests : BunitContext
{
    private const string TeamPage = """
        <html><body><h1>Our team</h1>
          <div class="h-card"><span class="p-name">Alice Andersson</span> <span class="p-job-title">CEO</span> <a class="u-email" href="mailto:alice@team.example">mail</a></div>
          <div class="h-card"><span class="p-name">Bob Berg</span> <span class="p-job-title">CTO</span> <a class="u-email" href="mailto:bob@team.example">mail</a></div>
        </body></html>
        """;

    private readonly FakePage _page = new();
    private readonly FakeBadge _badge = new();

    private async Task<FakeApi> SetUpAsync(string language = "en")
    {
        var (api, _) = await this.AddSignedInExtensionAsync(language, services =>
        {
            services.AddSingleton<IChromeTabs>(_page);
            services.AddSingleton<IChromeScripting>(_page);
            services.AddSingleton<IChromeAction>(_badge);
        });
        return api;
    }

    [Fact]
    public async Task Several_people_on_a_page_can_be_picked_and_the_form_follows_the_pick()
    {
        var (api, panel) = await RenderTeamPageOfStrangersAsync();

        Assert.Equal("alice@team.example", panel.Find("#capture-email").GetAttribute("value"));
        panel.Find("#candidate").Change("1");
        panel.WaitForAssertion(() => Assert.Equal("bob@team.example", panel.Find("#capture-email").GetAttribute("value")));
        Assert.Equal("Bob", panel.Find("#capture-first-name").GetAttribute("value"));
        Assert.Equal(["/api/contacts/lookup?email=alice%40team.example", "/api/contacts/lookup?email=bob%40team.example"], api.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task The_lookup_sends_both_email_and_linkedin_so_either_finds_the_contact()
    {
        var api = await SetUpAsync();
        _page.Html = """<html><body><div class="h-card"><span class="p-name">Cai Chen</span><a class="u-email" href="mailto:cai@team.example">m</a><a class="u-url" href="https://www.linkedin.com/in/cai-chen">in</a></div></body></html>""";
        api.Answer(HttpStatusCode.NotFound, """{"status":404}""", "application/problem+json");

        var panel = Render<CapturePanel>();

        panel.WaitForAssertion(() => Assert.Single(api.Requests));
        Assert.Equal("/api/contacts/lookup?email=cai%40team.example&linkedIn=https%3A%2F%2Fwww.linkedin.com%2Fin%2Fcai-chen", api.Requests[0].Path);
    }

    [Fact]
    public async Task Switching_to_another_person_clears_the_legal_basis_entered_for_the_first()
    {
        var (_, panel) = await RenderTeamPageOfStrangersAsync();
        panel.Find("#authorization-type").Change("Consent");
        panel.Find("#consent-purpose").Change("Alice's newsletter");

        panel.Find("#candidate").Change("1");

        panel.WaitForAssertion(() => Assert.Equal("bob@team.example", panel.Find("#capture-email").GetAttribute("value")));
        Assert.Empty(panel.FindAll("#consent-purpose"));
        Assert.Equal("", panel.Find("#authorization-type").GetAttribute("value"));
    }

    [Fact]
    public async Task Recording_a_legal_basis_on_an_existing_contact_turns_the_badge_from_warning_to_check()
    {
        var api = await SetUpAsync();
        _page.Html = TeamPage;
        var id = Guid.NewGuid();
        var contact = $$$"""{"id":"{{{id}}}","firstName":"Alice","email":"alice@team.example","card":{"contactId":"{{{id}}}","authorizationType":null,"sourceType":"ChromeExtension","version":3}}""";
        api.Answer(HttpStatusCode.OK, contact); // lookup
        api.Answer(HttpStatusCode.OK, contact); // the contact view
        api.Answer(HttpStatusCode.OK, $$$"""{"contactId":"{{{id}}}","authorizationType":"LegitimateInterest","sourceType":"ChromeExtension","version":4}""");
        var panel = Render<CapturePanel>();
        panel.WaitForAssertion(() => Assert.Equal("!", _badge.Text));

        panel.WaitForAssertion(() => panel.Find("[data-testid=compliance-card] button").Click());
        panel.Find("#authorization-type").Change("LegitimateInterest");
        panel.Find("[data-testid=card-form]").Submit();

        panel.WaitForAssertion(() => Assert.Equal("✓", _badge.Text));
    }

    [Fact]
    public async Task A_person_who_is_already_a_contact_shows_their_card_and_the_badge_warns_without_legal_basis()
    {
        var api = await SetUpAsync();
        _page.Html = TeamPage;
        var contact = $$$"""{"id":"{{{Guid.NewGuid()}}}","firstName":"Alice","lastName":"Andersson","email":"alice@team.example","card":{"contactId":"{{{Guid.NewGuid()}}}","authorizationType":null,"sourceType":"ChromeExtension","version":3}}""";
        api.Answer(HttpStatusCode.OK, contact);
        api.Answer(HttpStatusCode.OK, contact);

        var panel = Render<CapturePanel>();

        panel.WaitForAssertion(() => Assert.Contains("Already a contact", panel.Find("[data-testid=capture-status]").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=capture-form]"));
        Assert.Equal((FakePage.TabId, "!"), (_badge.TabId, _badge.Text));
    }

    [Fact]
    public async Task An_unreadable_page_says_so_and_offers_to_enter_the_person_by_hand()
    {
        await SetUpAsync();
        _page.Html = null;

        var panel = Render<CapturePanel>();

        panel.WaitForAssertion(() => Assert.Contains("cannot be read", panel.Find("[data-testid=capture-problem]").TextContent));
        Assert.Empty(panel.FindAll("button.secondary")); // no page address, so nothing to record as the source
    }

    [Theory]
    [InlineData("en", "<html><body><p>Weather today: sunny.</p></body></html>", "No person was found on this page.")]
    [InlineData("sv", "<html><body><p>Väder i dag: sol.</p></body></html>", "Ingen person hittades på sidan.")]
    [InlineData("sv", " ", "Sidan är tom: det finns inget att läsa.")]
    [InlineData("sv", null, "Den här sidan kan inte läsas. Öppna tillägget med knappen i verktygsfältet på själva sidan; webbläsarens egna sidor och Chrome Web Store kan aldrig läsas.")]
    public async Task Why_nobody_is_offered_is_said_in_the_reps_language(string language, string? html, string shown)
    {
        await SetUpAsync(language);
        _page.Html = html;

        var panel = Render<CapturePanel>();

        panel.WaitForAssertion(() => Assert.Equal(shown, panel.Find("[data-testid=capture-problem]").TextContent));
    }

    [Fact]
    public async Task A_page_too_deeply_nested_to_read_is_said_to_be_so_in_swedish_with_the_limit()
    {
        await SetUpAsync("sv");
        _page.Html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", ComplianceConnect.Shared.Extraction.ContactExtractor.MaxNestingDepth + 1)) + "</body></html>";

        var panel = Render<CapturePanel>();

        panel.WaitForAssertion(() => Assert.Equal(
            "Sidan är för djupt nästlad för att läsas säkert: mer än 16\u00A0000 nivåer.", panel.Find("[data-testid=capture-problem]").TextContent));
    }

    [Fact]
    public async Task A_page_without_a_person_offers_to_enter_one_by_hand_with_the_page_as_source()
    {
        await SetUpAsync();
        _page.Html = "<html><body><p>Weather today: sunny.</p></body></html>";

        var panel = Render<CapturePanel>();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=capture-problem]")));
        panel.Find("button.secondary").Click();
        Assert.Equal(FakePage.Url, panel.Find("[data-testid=capture-page-url]").TextContent);
        Assert.Equal("", panel.Find("#capture-first-name").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Text_selected_when_the_toolbar_button_is_pressed_is_offered_and_captured_on_request()
    {
        var api = await SetUpAsync();
        _page.Html = "<html><body><p>Weather today: sunny.</p></body></html>";
        _page.Selection = "Erik Lindqvist\nSales Director | Nordlys AB\nerik.lindqvist@nordlys.example";
        api.Answer(HttpStatusCode.NotFound, """{"status":404}""", "application/problem+json");

        var panel = Render<CapturePanel>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=selection-offer] button").Click());

        panel.WaitForAssertion(() => Assert.Equal("Capture from the selection", panel.Find("[data-testid=capture] h1").TextContent));
        Assert.Equal("erik.lindqvist@nordlys.example", panel.Find("#capture-email").GetAttribute("value"));
        Assert.Equal("Nordlys AB", panel.Find("#capture-company").GetAttribute("value"));
        Assert.Empty(panel.FindAll("[data-testid=selection-offer]"));
    }

    [Fact]
    public async Task Without_a_selection_nothing_is_offered()
    {
        var (_, panel) = await RenderTeamPageOfStrangersAsync();

        Assert.Empty(panel.FindAll("[data-testid=selection-offer]"));
    }

    [Fact]
    public async Task A_person_entered_by_hand_whose_email_is_a_contact_keeps_what_was_typed_and_offers_the_contact()
    {
        var api = await SetUpAsync();
        _page.Html = "<html><body><p>Weather today: sunny.</p></body></html>";
        var id = Guid.NewGuid();
        var contact = $$$"""{"id":"{{{id}}}","firstName":"Alice","lastName":"Andersson","email":"alice@team.example","card":{"contactId":"{{{id}}}","authorizationType":null,"sourceType":"ChromeExtension","version":3}}""";
        api.Answer(HttpStatusCode.OK, $$$"""{"contact":{{{contact}}},"created":false}""");
        api.Answer(HttpStatusCode.OK, contact); // the contact view, once opened
        var panel = Render<CapturePanel>();
        panel.WaitForAssertion(() => panel.Find("button.secondary").Click());

        panel.Find("#capture-first-name").Change("Alicia");
        panel.Find("#capture-email").Change("alice@team.example");
        panel.Find("[data-testid=capture-form]").Submit();

        panel.WaitForAssertion(() => Assert.Contains("already a contact", panel.Find("[data-testid=capture-duplicate]").TextContent));
        Assert.Equal("Alicia", panel.Find("#capture-first-name").GetAttribute("value"));
        Assert.Equal("alice@team.example", panel.Find("#capture-email").GetAttribute("value"));
        Assert.Empty(panel.FindAll("[data-testid=capture-status]"));

        panel.Find("[data-testid=capture-duplicate] button").Click();
        panel.WaitForAssertion(() => Assert.Contains("Already a contact", panel.Find("[data-testid=capture-status]").TextContent));
        Assert.Equal((FakePage.TabId, "!"), (_badge.TabId, _badge.Text));
    }

    /// <summary>The team page, where neither person is a contact yet (both lookups answer 404).</summary>
    private async Task<(FakeApi Api, IRenderedComponent<CapturePanel> Panel)> RenderTeamPageOfStrangersAsync()
    {
        var api = await SetUpAsync();
        _page.Html = TeamPage;
        api.Answer(HttpStatusCode.NotFound, """{"status":404}""", "application/problem+json");
        api.Answer(HttpStatusCode.NotFound, """{"status":404}""", "application/problem+json");
        var panel = Render<CapturePanel>();
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("#candidate option").Count));
        return (api, panel);
    }

    internal sealed class FakePage : IChromeTabs, IChromeScripting
    {
        public const int TabId = 42;
        public const string Url = "https://team.example/about";

        public string? Html { get; set; }

        public string Selection { get; set; } = "";

        public Task<int?> ActiveTabIdAsync() => Task.FromResult<int?>(TabId);

        public Task<PageSnapshot> ReadPageAsync(int tabId) => Task.FromResult(Html is null
            ? new PageSnapshot(false, null, null, null, null, "Cannot access contents of the page.")
            : new PageSnapshot(true, Html, Url, "Team", Selection, null));
    }

    internal sealed class FakeBadge : IChromeAction
    {
        public int? TabId { get; private set; }
        public string? Text { get; private set; }

        public Task SetBadgeAsync(int tabId, string text, string? color, string? title)
        {
            (TabId, Text) = (tabId, text);
            return Task.CompletedTask;
        }
    }
}
