namespace ComplianceConnect.Shared.Tests.Extraction;

/// <summary>Pages shaped like the ones reps capture from most: code hosts, universities, X, news sites.</summary>
public class RealisticPageTests
{
    [Fact]
    public void Code_host_profile_with_microdata_on_list_items_gives_links_inside_them()
    {
        var best = Fixture.Extract("github-like-profile.html", "https://github.com/janedoe").Best!;

        Assert.Equal("Jane Doe", best.FullName);
        Assert.Equal("acme", best.Organization); // "@acme" handle without the @
        Assert.Equal("jane@janedoe.dev", best.Email);
        Assert.Equal("https://janedoe.dev/", best.Website); // the href inside itemprop="url", not a path on the host
        Assert.Equal("https://twitter.com/janedoe_dp", best.Twitter);
        Assert.Equal("https://www.linkedin.com/in/jane-doe-4b1a2c", best.LinkedIn);
    }

    [Fact]
    public void University_staff_page_reads_obfuscated_email_and_phone_from_the_text()
    {
        var result = Fixture.Extract("university-staff-page.html", "https://www.uni-beispielstadt.de/personen/hoffmann");

        var best = Assert.Single(result.All);
        Assert.Equal("Julia Hoffmann", best.FullName);
        Assert.Equal("Inhaberin des Lehrstuhls für Informationsrecht", best.JobTitle);
        Assert.Equal("julia.hoffmann@uni-beispielstadt.de", best.Email);
        Assert.Equal("+49 721 608-12345", best.Phone);
    }

    [Fact]
    public void X_profile_page_with_the_display_name_in_given_name_is_split_properly()
    {
        var best = Fixture.Extract("x-like-profile.html", "https://x.com/janedoe_dp").Best!;

        Assert.Equal("Jane Doe", best.FullName);
        Assert.Equal("Jane", best.GivenName);
        Assert.Equal("Doe", best.FamilyName);
        Assert.Equal("Head of Data Protection", best.JobTitle); // from the bio
        Assert.Equal("https://x.com/janedoe_dp", best.Twitter);
    }

    [Fact]
    public void News_article_lists_its_authors_in_order_and_ignores_a_staff_byline()
    {
        var result = Fixture.Extract("news-article-two-authors.html", "https://news.example/2026/11/fine");

        Assert.Equal(["Maria Lopez", "Tom Becker"], result.All.Select(p => p.FullName));
        Assert.Equal("https://news.example/authors/maria-lopez", result.Best!.Website);
    }

    [Fact]
    public void Logged_in_linkedin_profile_reads_the_headline_beside_the_wrapped_name()
    {
        var result = Fixture.Extract("linkedin-logged-in-profile.html", "https://www.linkedin.com/in/jane-doe-4b1a2c/");

        var best = result.Best!;
        Assert.Equal("Jane Doe", best.FullName);
        Assert.Equal("Head of Data Protection", best.JobTitle);
        Assert.Equal("Acme GmbH", best.Organization); // "| CIPP/E" after the company is not part of it
        Assert.Equal("https://www.linkedin.com/in/jane-doe-4b1a2c", best.LinkedIn);
    }

    [Fact]
    public void Profile_links_named_by_their_slug_become_other_people_and_never_the_subjects_profile()
    {
        var result = Fixture.Extract("linkedin-logged-in-profile.html", "https://www.linkedin.com/in/jane-doe-4b1a2c/");

        var john = result.Named("John Smith");
        Assert.Equal("https://www.linkedin.com/in/john-smith-99", john.LinkedIn);
        Assert.Equal("CISO", john.JobTitle);
        Assert.Equal("Foo Bank", john.Organization);
        Assert.Equal("links", john.Origin);
        Assert.Equal("https://www.linkedin.com/in/bob-smith-1", result.Named("Bob Smith").LinkedIn);
        Assert.Equal(["Bob Smith", "John Smith"], result.Others.Select(p => p.FullName)); // the sidebar comes last
    }

    [Fact]
    public void Facebook_profile_page_address_becomes_the_facebook_field()
    {
        const string html = "<title>Jane Doe | Facebook</title><main><h1>Jane Doe</h1></main>";

        var best = Fixture.ExtractHtml(html, "https://www.facebook.com/jane.doe.berlin?ref=bookmarks").Best!;

        Assert.Equal("Jane Doe", best.FullName);
        Assert.Equal("https://www.facebook.com/jane.doe.berlin", best.Facebook);
    }
}
