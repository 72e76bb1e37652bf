namespace ComplianceConnect.Shared.Tests.Extraction;

public class MetadataTests
{
    [Fact]
    public void Open_graph_profile_gives_the_subject_with_first_and_last_name()
    {
        var result = Fixture.Extract("og-profile.html", "https://social.example/@jonasberg");

        var best = result.Best!;
        Assert.Equal("Jonas Berg", best.FullName); // "(@jonasberg)" is not part of the name
        Assert.Equal("Jonas", best.GivenName);
        Assert.Equal("Berg", best.FamilyName);
        Assert.Equal("https://x.com/jonasberg", best.Twitter); // twitter:creator, not twitter:site
        Assert.Equal("meta", best.Origin);
    }

    [Fact]
    public void Meta_author_and_byline_are_one_person_ahead_of_comment_authors()
    {
        var result = Fixture.Extract("blog-with-comments.html", "https://privacydesk.example/cookie-banners/");

        var best = result.Best!;
        Assert.Equal("Hannah Schmidt", best.FullName);
        Assert.Equal("https://x.com/hannahschmidt", best.Twitter);
        Assert.Null(best.Email); // press@ is a role mailbox, not Hannah's
        Assert.Equal(["Tomasz Nowak", "Lucy Evans"], result.Others.Select(p => p.FullName));
        Assert.Equal("https://tomasz.example/", result.Named("Tomasz Nowak").Website);
    }

    [Fact]
    public void Meta_author_that_is_not_a_person_is_ignored()
    {
        const string html = """<head><meta name="author" content="Acme Editorial Team"><title>News</title></head><body><p>Text</p></body>""";

        Assert.Null(Fixture.ExtractHtml(html).Best);
    }

    [Fact]
    public void Citation_author_in_family_first_form_is_turned_around()
    {
        const string html = """<head><meta name="citation_author" content="Curie, Marie"><title>On radioactivity</title></head>""";

        var best = Fixture.ExtractHtml(html).Best!;

        Assert.Equal("Marie Curie", best.FullName);
        Assert.Equal("Marie", best.GivenName);
        Assert.Equal("Curie", best.FamilyName);
    }
}
