namespace ComplianceConnect.Shared.Tests.Extraction;

public class RankingAndMergingTests
{
    [Fact]
    public void Profile_page_subject_comes_first_and_sidebar_people_are_others()
    {
        var result = Fixture.Extract("profile-page-with-sidebar.html", "https://acme.example/team/jane-doe");

        Assert.Equal("Jane Doe", result.Best!.FullName);
        Assert.Equal(["John Smith", "María García", "Erik Svensson"], result.Others.Select(p => p.FullName));
        Assert.Equal("https://acme.example/people/john-smith", result.Named("John Smith").Website);
        var erik = result.Named("Erik Svensson");
        Assert.Equal("Privacy Engineer", erik.JobTitle);
        Assert.Equal("Nordic Data AB", erik.Organization);
    }

    [Fact]
    public void The_same_person_in_json_ld_heading_and_links_is_merged_into_one()
    {
        var result = Fixture.Extract("profile-page-with-sidebar.html", "https://acme.example/team/jane-doe");

        Assert.Single(result.All, p => p.FullName == "Jane Doe");
        Assert.Single(result.All, p => p.Email == "jane.doe@acme.example");
        Assert.DoesNotContain(result.All, p => p.Email == "info@acme.example");
    }

    [Fact]
    public void All_lists_best_first_then_others()
    {
        var result = Fixture.Extract("profile-page-with-sidebar.html", "https://acme.example/team/jane-doe");

        Assert.Equal(result.Others.Count + 1, result.All.Count);
        Assert.Same(result.Best, result.All[0]);
        Assert.Equal(result.Others, result.All.Skip(1));
    }

    [Fact]
    public void Linkedin_profile_page_gets_its_own_url_as_the_linkedin_field_and_sidebar_profiles()
    {
        var result = Fixture.Extract("linkedin-like-profile.html", "https://de.linkedin.com/in/jane-doe-4b1a2c?trk=public_profile");

        var best = result.Best!;
        Assert.Equal("Jane Doe", best.FullName);
        Assert.Equal("https://www.linkedin.com/in/jane-doe-4b1a2c", best.LinkedIn);
        Assert.Single(result.All, p => p.FullName == "Jane Doe");

        var john = result.Named("John Smith");
        Assert.Equal("CISO", john.JobTitle);
        Assert.Equal("Foo Bank", john.Organization);
        Assert.Equal("https://www.linkedin.com/in/john-smith-99", john.LinkedIn);
        Assert.Equal("https://www.linkedin.com/in/maria-garcia-3", result.Named("María García").LinkedIn);
    }

    [Fact]
    public void H_card_and_json_ld_for_the_same_name_merge_and_keep_the_json_ld_origin()
    {
        const string html = """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Person","name":"Nina Petrova","jobTitle":"DPO"}</script>
            <div class="h-card"><span class="p-name">Nina Petrova</span><a class="u-email" href="mailto:nina@petrova.example">mail</a>
              <span class="p-org">Petrova Consulting</span></div>
            """;

        var nina = Assert.Single(Fixture.ExtractHtml(html).All);

        Assert.Equal("json-ld", nina.Origin);
        Assert.Equal("DPO", nina.JobTitle);
        Assert.Equal("nina@petrova.example", nina.Email);
        Assert.Equal("Petrova Consulting", nina.Organization);
    }

    [Fact]
    public void Page_author_outranks_people_mentioned_in_the_content()
    {
        const string html = """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"Interview",
              "author":{"@type":"Person","name":"Clara Vidal"},
              "mentions":[{"@type":"Person","name":"Hugo Lambert"}]}</script>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.Equal("Clara Vidal", result.Best!.FullName);
        Assert.Equal("Hugo Lambert", Assert.Single(result.Others).FullName);
    }
}
