namespace ComplianceConnect.Shared.Tests.Extraction;

public class MicrodataAndRdfaTests
{
    [Fact]
    public void Microdata_person_with_nested_organization_is_found()
    {
        var result = Fixture.Extract("microdata-person.html", "https://kanzlei-weber.example/anwaelte/");

        var best = result.Best!;
        Assert.Equal("Thomas Weber", best.FullName); // the "Dr." honorific is not part of the name
        Assert.Equal("Thomas", best.GivenName);
        Assert.Equal("Weber", best.FamilyName);
        Assert.Equal("Rechtsanwalt & Fachanwalt für IT-Recht", best.JobTitle);
        Assert.Equal("Kanzlei Weber & Partner mbB", best.Organization);
        Assert.Equal("t.weber@kanzlei-weber.example", best.Email);
        Assert.Equal("+49 (0)211 987654-0", best.Phone);
        Assert.Equal("microdata", best.Origin);
    }

    [Fact]
    public void Microdata_urls_are_resolved_and_same_as_platforms_are_not_websites()
    {
        var best = Fixture.Extract("microdata-person.html", "https://kanzlei-weber.example/anwaelte/").Best!;

        Assert.Equal("https://kanzlei-weber.example/anwaelte/thomas-weber", best.Website);
        Assert.Equal("https://www.linkedin.com/in/thomasweber-it-recht", best.LinkedIn);
    }

    [Fact]
    public void Rdfa_lite_person_is_found_with_content_attribute_and_nested_organization()
    {
        var result = Fixture.Extract("rdfa-person.html", "https://people.uni.example/staff/rossi");

        var best = result.Best!;
        Assert.Equal("Sofia Rossi", best.FullName);
        Assert.Equal("Data Protection Officer", best.JobTitle);
        Assert.Equal("Università di Esempio", best.Organization);
        Assert.Equal("sofia.rossi@uni.example", best.Email);
        Assert.Equal("+39 06 1234 5678", best.Phone); // content="" wins over the displayed text
        Assert.Equal("https://people.uni.example/rossi", best.Website);
        Assert.Equal("https://twitter.com/sofiarossi_dpo", best.Twitter);
        Assert.Equal("rdfa", best.Origin);
    }

    [Fact]
    public void Microdata_profile_page_main_entity_is_the_subject()
    {
        const string html = """
            <body itemscope itemtype="https://schema.org/ProfilePage">
              <div itemprop="about" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Kim Sand</span></div>
              <div itemprop="mainEntity" itemscope itemtype="https://schema.org/Person">
                <span itemprop="name">Lea Strand</span><span itemprop="jobTitle">Chief Privacy Officer</span>
              </div>
            </body>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.Equal("Lea Strand", result.Best!.FullName);
        Assert.Equal("Kim Sand", Assert.Single(result.Others).FullName);
    }

    [Fact]
    public void Rdfa_with_prefixed_types_and_properties_is_understood()
    {
        const string html = """
            <div prefix="schema: http://schema.org/" typeof="schema:Person">
              <span property="schema:givenName">Mats</span> <span property="schema:familyName">Holm</span>
              <span property="schema:jobTitle">CTO</span>
            </div>
            """;

        var best = Fixture.ExtractHtml(html).Best!;

        Assert.Equal("Mats Holm", best.FullName);
        Assert.Equal("CTO", best.JobTitle);
        Assert.Equal("rdfa", best.Origin);
    }
}
