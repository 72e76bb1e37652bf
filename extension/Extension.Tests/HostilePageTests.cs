using System.Net;
using ComplianceConnect.Extension.Components;
using ComplianceConnect.Extension.Services;
using ComplianceConnect.Shared.Compliance;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Extension.Tests;

/// <summary>Data from hostile pages, and hostile text the API stores verbatim, shows as inert text: no live script, event handler or script URL in the rendered markup.</summary>
public sealed class HostilePageTests : BunitContext
{
    private const string Script = "<script>alert(1)</script>";
    private const string Image = "<img src=x onerror=alert(1)>";

    private const string HostilePage = """
        <html><head><title>Eve <script>alert(1)</script></title></head><body>
          <div class="h-card">
            <span class="p-name">Eve<script>alert('name')</script> Evilson</span>
            <span class="p-job-title"><b onclick="alert('title')">Head of Sales</b><img src=x onerror="alert('title')"></span>
            <span class="p-org">Acme<svg onload="alert('org')"></svg> AB</span>
            <a class="u-email" href="mailto:eve@acme.example">mail</a>
            <a class="u-url" href="javascript:alert('site')">site</a>
            <a href="javascript:alert('https://www.linkedin.com/in/eve')">LinkedIn</a>
          </div>
        </body></html>
        """;

    private readonly CapturePanelTests.FakePage _page = new();

    private async Task<FakeApi> SetUpAsync()
    {
        var (api, _) = await this.AddSignedInExtensionAsync(replace: services =>
        {
            services.AddSingleton<IChromeTabs>(_page);
            services.AddSingleton<IChromeScripting>(_page);
            services.AddSingleton<IChromeAction>(new CapturePanelTests.FakeBadge());
        });
        return api;
    }

    /// <summary>No element the data could have made live: no script, iframe, object or svg; no on… attribute; no script or data URL in a link or source.</summary>
    private static void AssertInert<T>(IRenderedComponent<T> component) where T : IComponent
    {
        Assert.DoesNotContain("<script", component.Markup, StringComparison.OrdinalIgnoreCase);
        foreach (var element in component.FindAll("*"))
        {
            Assert.DoesNotContain(element.TagName.ToLowerInvariant(), new[] { "script", "iframe", "object", "embed", "svg", "img" });
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"<{element.TagName} {attribute.Name}=\"{attribute.Value}\">");
                if (attribute.Name is "href" or "src" or "action" or "formaction")
                {
                    var value = attribute.Value.Trim();
                    Assert.False(value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase), $"<{element.TagName} {attribute.Name}=\"{attribute.Value}\">");
                }
            }
        }
    }

    [Fact]
    public async Task A_person_captured_from_a_hostile_page_shows_in_the_form_as_plain_text_without_script_links()
    {
        var api = await SetUpAsync();
        _page.Html = HostilePage;
        api.Answer(HttpStatusCode.NotFound, """{"status":404}""", "application/problem+json");

        var panel = Render<CapturePanel>();

        panel.WaitForAssertion(() => Assert.Equal("eve@acme.example", panel.Find("#capture-email").GetAttribute("value")));
        Assert.Equal("Eve", panel.Find("#capture-first-name").GetAttribute("value"));
        AssertInert(panel);
        Assert.All(panel.FindAll("input"), input => Assert.DoesNotContain("javascript:", input.GetAttribute("value") ?? "", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_contact_whose_stored_fields_are_markup_shows_them_as_text_in_the_card()
    {
        var api = await SetUpAsync();
        _page.Html = """<html><body><div class="h-card"><span class="p-name">Eve Evilson</span><a class="u-email" href="mailto:eve@acme.example">m</a></div></body></html>""";
        var id = Guid.NewGuid();
        var contact = System.Text.Json.JsonSerializer.Serialize(new
        {
            id, firstName = Script, lastName = Image, email = "eve@acme.example", company = "\"><svg onload=alert(1)>", title = Script,
            card = new { contactId = id, authorizationType = "Consent", consentDate = "2025-01-01", consentPurpose = Image, sourceType = "Other", sourceDescription = Script, sourceUrl = "javascript:alert(1)", version = 3 },
        });
        api.Answer(HttpStatusCode.OK, contact); // the lookup
        api.Answer(HttpStatusCode.OK, contact); // the contact view

        var panel = Render<CapturePanel>();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=compliance-card]")));
        AssertInert(panel);
        Assert.Contains(Image, panel.Find("[data-testid=consent-purpose]").TextContent, StringComparison.Ordinal);
        Assert.Contains("javascript:alert(1)", panel.Find("[data-testid=compliance-card]").TextContent, StringComparison.Ordinal);
        Assert.Contains(Script, panel.Find("[data-testid=compliance-card]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public async Task A_source_url_that_is_not_http_is_shown_as_text_not_as_a_link(string url)
    {
        await this.AddSignedInExtensionAsync();
        var data = new ComplianceCardDto(Guid.NewGuid(), null, null, null, null, SourceType.ChromeExtension, null, url, DateTimeOffset.UtcNow, 1);

        var card = Render<ComplianceCard>(p => p.Add(c => c.ContactId, data.ContactId).Add(c => c.Card, data));

        AssertInert(card);
        Assert.Contains(url.Trim(), card.Find("dl").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_source_url_stays_a_link_that_opens_without_an_opener()
    {
        await this.AddSignedInExtensionAsync();
        var data = new ComplianceCardDto(Guid.NewGuid(), null, null, null, null, SourceType.ChromeExtension, null, "https://acme.example/team", DateTimeOffset.UtcNow, 1);

        var card = Render<ComplianceCard>(p => p.Add(c => c.ContactId, data.ContactId).Add(c => c.Card, data));

        var link = card.Find("a[href='https://acme.example/team']");
        Assert.Contains("noopener", link.GetAttribute("rel"), StringComparison.Ordinal);
    }
}
