using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Shared.Tests.Extraction;

/// <summary>
/// National numbers are read in the country of the page (its country domain, its html lang, its international
/// numbers) and handed on in international form, because the API reads a national number as Swedish.
/// </summary>
public class PhoneRegionTests
{
    [Fact]
    public void A_UK_team_page_gives_its_national_numbers_with_the_UK_country_code()
    {
        const string html = """
            <html lang="en-GB"><body><h2>Our team</h2>
            <div class="member"><h3>David Ashworth</h3><p>Managing Director</p>
            <p><a href="tel:01423560101">01423 560 101</a></p></div>
            <div class="member"><h3>Chloe McAllister</h3><p>Client Services Coordinator</p>
            <p>Mobile: 07911 123456</p></div>
            </body></html>
            """;

        var result = Fixture.ExtractHtml(html, "https://www.greenleaf.example.co.uk/our-team/");

        Assert.Equal("+44 1423 560101", result.Named("David Ashworth").Phone);
        Assert.Equal("+44 7911 123456", result.Named("Chloe McAllister").Phone);
    }

    [Fact]
    public void A_US_faculty_table_reads_North_American_numbers_by_the_plus_one_number_in_its_structured_data()
    {
        // No country domain and lang="en": the university's own +1 number in its JSON-LD places the page.
        const string html = """
            <html lang="en"><head><script type="application/ld+json">{"@context":"https://schema.org",
            "@type":"CollegeOrUniversity","name":"Westbrook University","telephone":"+1 617 555 0100"}</script></head>
            <body><h1>Faculty</h1><table><thead><tr><th>Name</th><th>Position</th><th>Email</th><th>Phone</th></tr></thead>
            <tbody><tr><td>Maria de la Cruz</td><td>Professor of Physical Chemistry</td>
            <td><a href="mailto:m.delacruz@westbrook.example">m.delacruz@westbrook.example</a></td><td>(617) 253-0142</td></tr>
            <tr><td>Li Wei</td><td>Assistant Professor</td>
            <td><a href="mailto:li.wei@westbrook.example">li.wei@westbrook.example</a></td><td>(617) 253-0199</td></tr>
            </tbody></table></body></html>
            """;

        var result = Fixture.ExtractHtml(html, "https://chemistry.westbrook.example/people");

        Assert.Equal("+1 617-253-0142", result.Named("Maria de la Cruz").Phone);
        Assert.Equal("+1 617-253-0199", result.Named("Li Wei").Phone);
        Assert.Equal("+16172530142", PhoneNumber.Canonical(result.Named("Maria de la Cruz").Phone)); // what the API saves
    }

    [Fact]
    public void A_labelled_North_American_number_is_read_on_a_US_page()
    {
        const string html = """
            <html lang="en-US"><body><h1>Dr. Grace Okafor</h1><p>Associate Professor of Economics</p>
            <p>Email: g.okafor@riverside.example<br>Phone: (312) 263-4410</p></body></html>
            """;

        Assert.Equal("+1 312-263-4410", Fixture.ExtractHtml(html, "https://econ.riverside.example/okafor").Best!.Phone);
    }

    [Fact]
    public void A_Finnish_staff_page_reads_puh_numbers_as_Finnish()
    {
        const string html = """
            <html lang="fi"><body><h1>Henkilöstö</h1>
            <p><strong>Pekka Möttönen</strong><br>Toimitusjohtaja<br>puh. 040 123 4567<br>pekka.mottonen@kaarna.example</p>
            <p><strong>Aino Äijälä</strong><br>Myyntipäällikkö<br>puh. 050 765 4321<br>aino.aijala@kaarna.example</p>
            </body></html>
            """;

        var result = Fixture.ExtractHtml(html, "https://www.kaarna.example/henkilosto");

        Assert.Equal("+358 40 1234567", result.Named("Pekka Möttönen").Phone);
        Assert.Equal("+358 50 7654321", result.Named("Aino Äijälä").Phone);
    }

    [Fact]
    public void A_Swedish_page_keeps_its_national_numbers_as_written()
    {
        const string html = """
            <html lang="sv"><body><h1>Medarbetare</h1>
            <p><strong>Åsa Lindqvist</strong><br>VD<br>Tel: 070-123 45 67<br>asa@bygg.example.se</p>
            </body></html>
            """;

        var result = Fixture.ExtractHtml(html, "https://bygg.example.se/medarbetare");

        Assert.Equal("070-123 45 67", result.Named("Åsa Lindqvist").Phone);
    }

    [Fact]
    public void A_number_without_a_trunk_zero_is_not_read_on_a_Swedish_page()
    {
        const string html = """
            <html lang="sv"><body><h1>Åsa Lindqvist</h1><p>VD</p><p>Tel: 617 253 0142</p></body></html>
            """;

        Assert.Null(Fixture.ExtractHtml(html, "https://bygg.example.se/asa").Best!.Phone);
    }
}
