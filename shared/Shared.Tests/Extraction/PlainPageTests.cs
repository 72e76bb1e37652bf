namespace ComplianceConnect.Shared.Tests.Extraction;

public class PlainPageTests
{
    [Fact]
    public void About_me_page_without_markup_gives_name_title_company_and_links()
    {
        var result = Fixture.Extract("about-me.html", "https://lenafischer.example/about");

        var best = result.Best!;
        Assert.Equal("Lena Fischer", best.FullName);
        Assert.Equal("Lena", best.GivenName);
        Assert.Equal("Fischer", best.FamilyName);
        Assert.Equal("Privacy Engineer", best.JobTitle);
        Assert.Equal("Quellwerk AG", best.Organization);
        Assert.Equal("lena@lenafischer.example", best.Email);
        Assert.Equal("+49 170 1234567", best.Phone);
        Assert.Equal("https://www.linkedin.com/in/lena-fischer-privacy", best.LinkedIn);
        Assert.Equal("https://twitter.com/lenafischer", best.Twitter);
        Assert.Equal("text", best.Origin);
        Assert.Empty(result.Others);
    }

    [Fact]
    public void Speaker_page_names_the_speaker_with_title_and_company_from_the_line_below()
    {
        var result = Fixture.Extract("speaker-page.html", "https://privacyconf.example/speakers/jane-doe");

        var best = result.Best!;
        Assert.Equal("Jane Doe", best.FullName);
        Assert.Equal("Head of Data Protection", best.JobTitle);
        Assert.Equal("Acme GmbH", best.Organization);
        Assert.Null(best.Email); // speakers@ in the footer is the conference's
    }

    [Fact]
    public void Speaker_page_lists_the_other_speakers_after_the_subject()
    {
        var result = Fixture.Extract("speaker-page.html", "https://privacyconf.example/speakers/jane-doe");

        var rahul = result.Named("Rahul Mehta");
        Assert.Equal("CTO", rahul.JobTitle);
        Assert.Equal("Ledgerline", rahul.Organization);
        Assert.Equal("Privacy Researcher", result.Named("Grace Kim").JobTitle);
        Assert.Equal(2, result.Others.Count);
    }

    [Fact]
    public void Title_tag_names_the_person_when_the_heading_does_not()
    {
        const string html = """
            <head><title>Dr. Priya Raman – Senior Data Scientist</title></head>
            <body><h1>Welcome to my corner of the web</h1><p>Notes on statistics.</p></body>
            """;

        var best = Fixture.ExtractHtml(html).Best!;

        Assert.Equal("Priya Raman", best.FullName);
        Assert.Equal("Senior Data Scientist", best.JobTitle);
    }

    [Fact]
    public void Bio_sentence_gives_title_and_company()
    {
        const string html = """
            <main><h1>Samuel Okoro</h1>
              <p>Samuel Okoro is the Chief Information Security Officer at Meridian Bank plc, where he leads a team of forty.</p>
            </main>
            """;

        var best = Fixture.ExtractHtml(html).Best!;

        Assert.Equal("Chief Information Security Officer", best.JobTitle);
        Assert.Equal("Meridian Bank plc", best.Organization);
    }

    [Theory]
    [InlineData("<h1>Privacy Policy</h1><p>We process data lawfully.</p>")]
    [InlineData("<h1>Rocket Science</h1><p>Things that go up.</p>")]
    [InlineData("<title>Acme GmbH | Data Protection Software</title><h1>Data protection made simple</h1>")]
    [InlineData("<h1>Contact Us</h1><p>Call <a href=\"tel:+4930123456\">030 123456</a> or write to <a href=\"mailto:info@acme.example\">us</a>.</p>")]
    public void Pages_that_are_not_about_a_person_give_no_one(string html)
    {
        var result = Fixture.ExtractHtml(html);

        Assert.Null(result.Best);
        Assert.Empty(result.All);
    }

    [Fact]
    public void Product_landing_page_with_company_data_and_feature_headings_gives_no_person()
    {
        // "Grace Period" over "Manager approval for changes." reads like a name over a title, but it is prose.
        var result = Fixture.Extract("product-landing-page.html", "https://acme.example/");

        Assert.Null(result.Best);
        Assert.Empty(result.All);
    }

    [Fact]
    public void Team_cards_without_markup_are_found_in_document_order()
    {
        const string html = """
            <main><h1>Leadership</h1>
              <div class="member"><h3>Karin Olsson</h3><span>Chief Executive Officer</span></div>
              <div class="member"><h3>Mehmet Yilmaz</h3><span>Chief Technology Officer</span></div>
              <div class="member"><h3>Data Processing</h3><span>We never sell data.</span></div>
            </main>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.Equal(["Karin Olsson", "Mehmet Yilmaz"], result.All.Select(p => p.FullName));
        Assert.Equal("Chief Technology Officer", result.Named("Mehmet Yilmaz").JobTitle);
    }

    [Fact]
    public void Personal_site_with_the_name_in_the_site_header_names_its_owner_ahead_of_commenters()
    {
        const string html = """
            <title>Notes on pseudonymisation</title>
            <header class="site-header"><h1 class="site-title"><a href="/">Tobias Frank</a></h1>
              <p class="site-description">Data Protection Consultant</p></header>
            <main><article><h2>Notes on pseudonymisation</h2><p>Hashing is not anonymisation.</p>
              <p>Questions? <a href="mailto:tobias@tobiasfrank.example">Write to me</a>.</p></article></main>
            <section class="comments"><div class="comment-author vcard"><span class="fn">Greta Lind</span></div></section>
            """;

        var result = Fixture.ExtractHtml(html, "https://tobiasfrank.example/notes/pseudonymisation");

        var best = result.Best!;
        Assert.Equal("Tobias Frank", best.FullName);
        Assert.Equal("Data Protection Consultant", best.JobTitle);
        Assert.Equal("tobias@tobiasfrank.example", best.Email);
        Assert.Equal("Greta Lind", Assert.Single(result.Others).FullName);
    }

    [Fact]
    public void Html_entities_are_decoded_and_whitespace_is_normalized()
    {
        const string html = "<main><h1>  Bj&ouml;rn\n\t  &Aring;str&ouml;m&nbsp; </h1><p>Head of Legal &amp; Compliance</p></main>";

        var best = Fixture.ExtractHtml(html).Best!;

        Assert.Equal("Björn Åström", best.FullName);
        Assert.Equal("Head of Legal & Compliance", best.JobTitle);
    }

    [Fact]
    public void An_event_list_of_bold_speakers_after_an_emoji_gives_each_with_title_and_company_but_not_the_talk()
    {
        const string html = """
            <html><body><main><h1>Rust Copenhagen: embedded night</h1><p>Two talks, pizza after.</p>
            <p>🎤 <b>Freja Kristensen</b>, Senior Engineer at Vestas: "No heap, no problem – Rust on turbine controllers"</p>
            <p>• <strong>Yusuf Demir</strong>, Embedded developer at Grundfos: “Async on a microcontroller that costs 2 dollars”</p>
            </main></body></html>
            """;

        var result = Fixture.ExtractHtml(html, "https://www.meetup.example/copenhagen-rust/events/301234567/");

        var freja = result.Named("Freja Kristensen");
        Assert.Equal("Senior Engineer", freja.JobTitle);
        Assert.Equal("Vestas", freja.Organization);
        var yusuf = result.Named("Yusuf Demir");
        Assert.Equal("Embedded developer", yusuf.JobTitle);
        Assert.Equal("Grundfos", yusuf.Organization);
    }
}
