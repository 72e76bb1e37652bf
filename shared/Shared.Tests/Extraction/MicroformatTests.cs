namespace ComplianceConnect.Shared.Tests.Extraction;

public class MicroformatTests
{
    [Fact]
    public void Team_page_h_cards_come_in_document_order_and_the_company_card_is_left_out()
    {
        var result = Fixture.Extract("team-page-h-cards.html", "https://nordlicht.example/team");

        Assert.Equal(["Anna Lindqvist", "Ben Okafor", "Chloé Martin"], result.All.Select(p => p.FullName));
        Assert.All(result.All, p => Assert.Equal("h-card", p.Origin));
    }

    [Fact]
    public void H_card_properties_are_read()
    {
        var result = Fixture.Extract("team-page-h-cards.html", "https://nordlicht.example/team");

        var anna = result.Named("Anna Lindqvist");
        Assert.Equal("Managing Partner", anna.JobTitle);
        Assert.Equal("anna.lindqvist@nordlicht.example", anna.Email);
        Assert.Equal("https://www.linkedin.com/in/annalindqvist", anna.LinkedIn);

        var ben = result.Named("Ben Okafor"); // name built from p-given-name and p-family-name
        Assert.Equal("Ben", ben.GivenName);
        Assert.Equal("Okafor", ben.FamilyName);
        Assert.Equal("+46 8 555 010 20", ben.Phone);

        Assert.Equal("chloe.martin@nordlicht.example", result.Named("Chloé Martin").Email);
    }

    [Fact]
    public void Representative_h_card_is_the_subject_even_after_comment_authors()
    {
        var result = Fixture.Extract("h-card-representative.html", "https://mariekejansen.example/");

        var best = result.Best!;
        Assert.Equal("Marieke Jansen", best.FullName);
        Assert.Equal("Privacy Consultant", best.JobTitle);
        Assert.Equal("Jansen Privacy", best.Organization);
        Assert.Equal("marieke@mariekejansen.example", best.Email);
        Assert.Equal("https://mariekejansen.example/", best.Website);
        Assert.Equal(["Kevin Nakamura", "Priya Nair"], result.Others.Select(p => p.FullName));
    }

    [Fact]
    public void Implied_name_and_implied_url_come_from_a_bare_link_h_card()
    {
        var result = Fixture.Extract("h-card-representative.html", "https://mariekejansen.example/");

        var kevin = result.Named("Kevin Nakamura");
        Assert.Equal("https://kevin.example/", kevin.Website);
    }

    [Fact]
    public void Nested_org_h_card_gives_the_organization_name()
    {
        const string html = """
            <div class="h-card">
              <span class="p-name">Ines Vogel</span>
              <span class="p-job-title">Head of Legal</span>
              <div class="p-org h-card"><a class="p-name u-url" href="https://vogel-ag.example">Vogel AG</a></div>
              <a class="u-tel" href="tel:+41441234567">call</a>
              <a class="u-uid" href="https://vogel-ag.example/ines">profile</a>
            </div>
            """;

        var result = Fixture.ExtractHtml(html);

        var ines = Assert.Single(result.All);
        Assert.Equal("Vogel AG", ines.Organization);
        Assert.Equal("+41441234567", ines.Phone);
        Assert.Equal("https://vogel-ag.example/ines", ines.Website);
    }

    [Fact]
    public void Implied_name_comes_from_an_image_alt()
    {
        const string html = """<a class="h-card" href="https://omar.example/"><img src="/omar.jpg" alt="Omar Haddad"></a>""";

        var omar = Assert.Single(Fixture.ExtractHtml(html).All);

        Assert.Equal("Omar Haddad", omar.FullName);
        Assert.Equal("https://omar.example/", omar.Website);
    }

    [Fact]
    public void Classic_hcard_is_read_and_the_organization_card_is_skipped()
    {
        var result = Fixture.Extract("hcard-classic.html", "https://brownco.example/contact");

        var oliver = Assert.Single(result.All);
        Assert.Equal("Oliver Brown", oliver.FullName);
        Assert.Equal("Oliver", oliver.GivenName);
        Assert.Equal("Brown", oliver.FamilyName);
        Assert.Equal("Chief Privacy Officer", oliver.JobTitle);
        Assert.Equal("Brown & Co. Ltd", oliver.Organization);
        Assert.Equal("oliver.brown@brownco.example", oliver.Email);
        Assert.Equal("+44 20 7946 0000", oliver.Phone); // value-class pattern skips the "Work" type label
        Assert.Equal("https://brownco.example/oliver", oliver.Website);
        Assert.Equal("hcard", oliver.Origin);
    }

    [Fact]
    public void Utility_classes_that_look_like_properties_do_not_break_the_implied_name()
    {
        const string html = """<div class="h-card p-4 u-mt-2"><span class="text-lg">Rosa Pérez</span></div>""";

        Assert.Equal("Rosa Pérez", Assert.Single(Fixture.ExtractHtml(html).All).FullName);
    }
}
