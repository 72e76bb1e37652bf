using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Shared.Tests.Extraction;

/// <summary>Pages written to attack whoever shows their data: script tags, event handlers and <c>javascript:</c> links must leave no markup in a candidate and never become a link value.</summary>
public class HostilePageTests
{
    private const string Hcard = """
        <html><head><title>Eve <script>alert(1)</script></title></head><body>
          <div class="h-card">
            <span class="p-name">Eve<script>alert('name')</script> Evilson</span>
            <span class="p-job-title"><b onclick="alert('title')">Head of Sales</b><img src=x onerror="alert('title')"></span>
            <span class="p-org">Acme<svg onload="alert('org')"></svg> AB</span>
            <a class="u-email" href="mailto:eve@acme.example">mail</a>
            <a class="u-url" href="javascript:alert('site')">site</a>
            <a href="javascript:alert('https://www.linkedin.com/in/eve')">LinkedIn</a>
            <a href="JaVaScRiPt:alert(1)//twitter.com/eve">Twitter</a>
            <a href=" javascript:alert(1)//facebook.com/eve">Facebook</a>
          </div>
        </body></html>
        """;

    /// <summary>A page must write "&lt;\/script&gt;" inside JSON-LD (a literal one ends the script element), so the attack arrives as tags inside JSON strings.</summary>
    private const string JsonLd = """
        <html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@type":"Person",
         "name":"<script>alert('name')<\/script>Eve Evilson",
         "givenName":"<img src=x onerror=alert(1)>Eve","familyName":"Evilson<b onmouseover=alert(1)>",
         "jobTitle":"<a href=\"javascript:alert(1)\">Head of Sales</a>",
         "worksFor":{"@type":"Organization","name":"Acme <iframe src=javascript:alert(1)><\/iframe>AB"},
         "email":"eve@acme.example",
         "url":"javascript:alert('site')",
         "sameAs":["javascript:alert('https://www.linkedin.com/in/eve')","javascript://twitter.com/eve%0aalert(1)","data:text/html,<script>alert(1)<\/script>"]}
        </script></head><body><p>Hello</p></body></html>
        """;

    private const string Microdata = """
        <html><body><div itemscope itemtype="https://schema.org/Person">
          <span itemprop="name">Eve &lt;script&gt;alert(1)&lt;/script&gt; Evilson</span>
          <span itemprop="jobTitle">CTO <img src=x onerror=alert(1)></span>
          <a itemprop="url" href="javascript:alert(1)">site</a>
          <link itemprop="sameAs" href="javascript:alert('linkedin.com/in/eve')">
          <a itemprop="email" href="mailto:eve@acme.example">mail</a>
        </div></body></html>
        """;

    public static TheoryData<string, string> Pages => new()
    {
        { "h-card", Hcard },
        { "JSON-LD", JsonLd },
        { "microdata", Microdata },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Names_titles_and_companies_from_a_hostile_page_carry_no_markup(string kind, string html)
    {
        var result = Fixture.ExtractHtml(html, "https://acme.example/team");

        Assert.Contains(result.All, p => p.Email == "eve@acme.example" && p.FullName is { } name && name.Contains("Eve", StringComparison.Ordinal));
        foreach (var person in result.All)
        {
            foreach (var (field, value) in new[] { ("name", person.FullName), ("given", person.GivenName), ("family", person.FamilyName), ("title", person.JobTitle), ("organization", person.Organization) })
            {
                Assert.False(value is not null && (value.Contains('<') || value.Contains('>') || value.Contains("alert(", StringComparison.Ordinal)), $"{kind}: {field} is '{value}'");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_script_or_data_link_never_becomes_a_website_or_profile(string kind, string html)
    {
        var result = Fixture.ExtractHtml(html, "https://acme.example/team");

        foreach (var person in result.All)
        {
            foreach (var (field, value) in new[] { ("website", person.Website), ("linkedIn", person.LinkedIn), ("twitter", person.Twitter), ("facebook", person.Facebook) })
            {
                Assert.True(value is null || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase), $"{kind}: {field} is '{value}'");
            }
        }
    }
}
