namespace ComplianceConnect.Shared.Tests.Extraction;

public class LinkTests
{
    [Fact]
    public void Mailto_and_tel_links_in_a_card_belong_to_the_person_in_that_card()
    {
        const string html = """
            <main>
              <div class="person"><h3>Ida Berg</h3><p>Head of Compliance</p>
                <a href="mailto:ida.berg@firm.example?subject=Hello">Mail</a> <a href="tel:+46%208%20123%20456%2078">Call</a></div>
              <div class="person"><h3>Per Lund</h3><p>Legal Counsel</p>
                <a href="mailto:per.lund@firm.example">Mail</a></div>
            </main>
            """;

        var result = Fixture.ExtractHtml(html);

        var ida = result.Named("Ida Berg");
        Assert.Equal("ida.berg@firm.example", ida.Email);
        Assert.Equal("+46 8 123 456 78", ida.Phone);
        Assert.Equal("per.lund@firm.example", result.Named("Per Lund").Email);
    }

    [Fact]
    public void Share_buttons_company_pages_and_tweet_links_are_not_profiles()
    {
        const string html = """
            <main><h1>Jane Doe</h1><p>Chief Privacy Officer</p>
              <a href="https://www.linkedin.com/company/acme">Acme on LinkedIn</a>
              <a href="https://www.linkedin.com/shareArticle?mini=true&url=x">Share</a>
              <a href="https://twitter.com/intent/tweet?text=hi">Tweet</a>
              <a href="https://twitter.com/hashtag/gdpr">#gdpr</a>
              <a href="https://x.com/home">X</a>
              <a href="https://twitter.com/someone/status/123456">a tweet</a>
              <a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a>
              <a href="https://www.facebook.com/groups/privacy">Group</a>
            </main>
            """;

        var best = Fixture.ExtractHtml(html).Best!;

        Assert.Equal("Jane Doe", best.FullName);
        Assert.Null(best.LinkedIn);
        Assert.Null(best.Twitter);
        Assert.Null(best.Facebook);
    }

    [Fact]
    public void Profile_links_in_the_main_content_go_to_the_subject_and_are_normalized()
    {
        const string html = """
            <main><h1>Jane Doe</h1><p>Chief Privacy Officer</p>
              <p><a href="http://uk.linkedin.com/in/jane-doe-123/?trk=public_profile">LinkedIn</a>
                 <a href="https://mobile.twitter.com/JaneDoePrivacy?s=20">Twitter</a>
                 <a href="https://m.facebook.com/profile.php?id=100004&ref=bookmarks">Facebook</a></p>
            </main>
            """;

        var best = Fixture.ExtractHtml(html).Best!;

        Assert.Equal("https://www.linkedin.com/in/jane-doe-123", best.LinkedIn);
        Assert.Equal("https://twitter.com/JaneDoePrivacy", best.Twitter);
        Assert.Equal("https://www.facebook.com/profile.php?id=100004", best.Facebook);
    }

    [Fact]
    public void An_email_spelling_someone_elses_name_is_not_given_to_the_subject()
    {
        const string html = """
            <main><h1>Jane Doe</h1><p>Chief Privacy Officer</p>
              <p>Press enquiries go to our agency, <a href="mailto:john.smith@agency.example">John</a>.</p>
              <p>General questions: <a href="mailto:info@acme.example">info@acme.example</a></p>
            </main>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.Null(result.Best!.Email);
        var john = Assert.Single(result.Others);
        Assert.Equal("john.smith@agency.example", john.Email);
        Assert.Equal("links", john.Origin);
        Assert.DoesNotContain(result.All, p => p.Email == "info@acme.example");
    }

    [Fact]
    public void A_page_with_only_a_mailto_link_gives_a_links_candidate()
    {
        const string html = """<p>Write to <a href="mailto:Ravi%20Kumar%20%3Cravi.kumar@example.in%3E">Ravi Kumar</a></p>""";

        var best = Fixture.ExtractHtml(html).Best!;

        Assert.Equal("ravi.kumar@example.in", best.Email);
        Assert.Equal("Ravi Kumar", best.FullName);
        Assert.Equal("links", best.Origin);
    }

    [Fact]
    public void Footer_company_phone_is_not_given_to_the_subject()
    {
        const string html = """
            <main><h1>Jane Doe</h1><p>Chief Privacy Officer</p></main>
            <footer>Acme GmbH · <a href="tel:+49301111111">+49 30 1111111</a> · <a href="https://twitter.com/acme">@acme</a></footer>
            """;

        var best = Fixture.ExtractHtml(html).Best!;

        Assert.Null(best.Phone);
        Assert.Null(best.Twitter);
    }

    [Fact]
    public void Twitter_follow_button_names_the_profile()
    {
        var best = Fixture.Extract("speaker-page.html", "https://privacyconf.example/speakers/jane-doe").Best!;

        Assert.Equal("https://twitter.com/janedoe_dp", best.Twitter);
        Assert.Equal("https://www.linkedin.com/in/jane-doe-4b1a2c", best.LinkedIn);
    }

    [Fact]
    public void A_blog_authors_archive_on_the_blog_is_not_their_website_but_the_site_they_link_is()
    {
        const string html = """
            <html><head><title>Observability budgets</title><script type="application/ld+json">{"@context":"https://schema.org",
            "@type":"Article","headline":"Observability budgets","author":{"@type":"Person","name":"Dmitri Volkov-Hayes",
            "url":"https://blog.heliostack.example/author/dmitri/","sameAs":["https://dvh.example","https://x.com/dvolkovhayes"]}}</script></head>
            <body><article><h1>Observability budgets</h1><p>Spend where it hurts.</p></article></body></html>
            """;

        var best = Fixture.ExtractHtml(html, "https://blog.heliostack.example/observability-budgets/").Best!;

        Assert.Equal("Dmitri Volkov-Hayes", best.FullName);
        Assert.Equal("https://dvh.example/", best.Website);
    }

    [Theory]
    [InlineData("""<a href="https://rodrigo.example.nl">Website</a>""")]
    [InlineData("""<a href="https://rodrigo.example.nl">Hemsida</a>""")]
    public void A_card_link_labelled_website_is_the_persons_website(string link)
    {
        var html = $"""
            <html><body><main><h3>Rodrigo van den Heuvel</h3><p>Head of Platform at Quantix</p>
            <p><a href="https://twitter.com/rodrigovdh"><i class="fab fa-twitter"></i></a> {link}</p></main></body></html>
            """;

        var best = Fixture.ExtractHtml(html, "https://devopsdays.example/events/2026-amsterdam/speakers/rodrigo").Best!;

        Assert.Equal("Rodrigo van den Heuvel", best.FullName);
        Assert.Equal("https://rodrigo.example.nl/", best.Website);
    }
}
