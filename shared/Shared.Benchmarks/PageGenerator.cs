using System.Globalization;
using System.Text;

namespace ComplianceConnect.Shared.Benchmarks;

/// <summary>
/// Builds a realistic, deterministic profile page of a given size: head metadata and JSON-LD, navigation, the
/// profile itself, a long article body, a "people also viewed" sidebar, a comment thread with hCards, inline
/// scripts and styles, and a footer full of links — the mix a captured page really has.
/// </summary>
public static class PageGenerator
{
    private static readonly string[] GivenNames = ["Anna", "Ben", "Chloé", "David", "Elin", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena"];
    private static readonly string[] FamilyNames = ["Berg", "Okafor", "Martin", "Schmidt", "Nowak", "Haddad", "Lindqvist", "Tanaka", "Vogel", "Rossi"];
    private static readonly string[] Titles = ["Privacy Engineer", "Head of Legal", "Data Protection Officer", "CTO", "Security Analyst", "Product Manager"];

    private const string Paragraph =
        "Data protection is a team sport. In this section we look at how consent records, retention schedules and " +
        "access reviews fit together, why the audit trail must be tamper-evident, and what a regulator asks for first " +
        "when a data subject complains. <a href=\"/glossary/dpia\">DPIA</a> &amp; <em>records of processing</em> " +
        "are discussed with <strong>practical examples</strong> from real projects.";

    public static string Generate(int targetChars)
    {
        var html = new StringBuilder(targetChars + 4096);
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Jane Doe – Head of Data Protection | Acme GmbH</title>
            <meta property="og:type" content="profile"><meta property="profile:first_name" content="Jane">
            <meta property="profile:last_name" content="Doe"><meta name="twitter:creator" content="@janedoe_dp">
            <link rel="stylesheet" href="/assets/app.css">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"ProfilePage","mainEntity":{"@type":"Person",
            "name":"Jane Doe","jobTitle":"Head of Data Protection","worksFor":{"@type":"Organization","name":"Acme GmbH"},
            "sameAs":["https://www.linkedin.com/in/jane-doe-4b1a2c","https://twitter.com/janedoe_dp"]}}</script>
            <style>body{font-family:sans-serif}.card{display:flex}.sidebar{width:300px}</style>
            </head><body>
            <header class="site-header"><nav class="menu"><a href="/">Home</a><a href="/people">People</a><a href="/jobs">Jobs</a></nav></header>
            <main><article class="profile"><h1>Jane Doe</h1><p class="headline">Head of Data Protection at Acme GmbH</p>
            <p><a href="mailto:jane.doe@acme.example">jane.doe@acme.example</a> · <a href="tel:+49301234567">+49 30 1234567</a></p>
            """);

        var i = 0;
        var sidebar = new StringBuilder("<aside class=\"sidebar\"><h2>People also viewed</h2><ul>");
        var comments = new StringBuilder("<section id=\"comments\" class=\"comments-area\"><ol class=\"comment-list\">");
        var budget = targetChars - 2_000;
        while (html.Length + sidebar.Length + comments.Length < budget)
        {
            var name = Name(i);
            switch (i % 4)
            {
                case 0 or 1:
                    html.Append("<section class=\"post\"><h2>Section ").Append(i).Append("</h2><p>").Append(Paragraph)
                        .Append("</p><p>").Append(Paragraph).Append("</p><script>window.dataLayer=window.dataLayer||[];dataLayer.push({section:")
                        .Append(i).Append("});</script></section>\n");
                    break;
                case 2:
                    sidebar.Append("<li class=\"card\"><a href=\"https://www.linkedin.com/in/").Append(Slug(i))
                        .Append("?trk=pav\"><img src=\"/img/").Append(i).Append(".jpg\" alt=\"\"><h3 class=\"card__name\">").Append(name)
                        .Append("</h3><p class=\"card__subtitle\">").Append(Titles[i % Titles.Length]).Append(" at Example ")
                        .Append(i % 50).Append(" GmbH</p></a></li>\n");
                    break;
                default:
                    comments.Append("<li class=\"comment\"><div class=\"comment-author vcard\"><img alt=\"\" src=\"/a/").Append(i)
                        .Append(".png\"><b class=\"fn\"><a class=\"url\" href=\"https://").Append(Slug(i)).Append(".example/\">").Append(name)
                        .Append("</a></b> <span class=\"says\">says:</span></div><div class=\"comment-content\"><p>").Append(Paragraph[..160])
                        .Append("</p></div><a class=\"reply\" href=\"#reply-").Append(i).Append("\">Reply</a></li>\n");
                    break;
            }

            i++;
        }

        html.Append("</article></main>").Append(sidebar).Append("</ul></aside>").Append(comments).Append("</ol></section>");
        html.Append("""
            <footer><p>&copy; 2026 Acme GmbH · <a href="https://www.linkedin.com/company/acme">LinkedIn</a> ·
            <a href="https://twitter.com/share?url=x">Share</a> · <a href="mailto:info@acme.example">info@acme.example</a></p></footer>
            </body></html>
            """);
        return html.ToString();
    }

    private static string Name(int i) =>
        GivenNames[i % GivenNames.Length] + " " + FamilyNames[(i / GivenNames.Length) % FamilyNames.Length]
        + (i >= GivenNames.Length * FamilyNames.Length ? "-" + (i / (GivenNames.Length * FamilyNames.Length)).ToString(CultureInfo.InvariantCulture) : "");

    private static string Slug(int i) => "person-" + i.ToString(CultureInfo.InvariantCulture);
}
