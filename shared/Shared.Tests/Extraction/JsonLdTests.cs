namespace ComplianceConnect.Shared.Tests.Extraction;

public class JsonLdTests
{
    [Fact]
    public void Json_ld_person_in_graph_is_found_through_id_references()
    {
        var result = Fixture.Extract("json-ld-graph.html", "https://blog.example/dpia-lessons/");

        var best = Assert.IsType<ComplianceConnect.Shared.Extraction.PersonCandidate>(result.Best);
        Assert.Equal("Sam Taylor", best.FullName);
        Assert.Equal("Sam", best.GivenName);
        Assert.Equal("Taylor", best.FamilyName);
        Assert.Equal("Privacy Counsel", best.JobTitle);
        Assert.Equal("Privacy Notes", best.Organization); // worksFor is an @id reference to the Organization node
        Assert.Equal("https://x.com/samtaylor", best.Twitter);
        Assert.Equal("https://samtaylor.example/", best.Website); // their own site in sameAs, not the blog's /author/sam/
        Assert.Equal("json-ld", best.Origin);
        Assert.Empty(result.Others);
    }

    [Fact]
    public void Profile_page_main_entity_is_the_subject_with_all_its_fields()
    {
        var result = Fixture.Extract("profile-page-with-sidebar.html", "https://acme.example/team/jane-doe");

        var best = result.Best!;
        Assert.Equal("Jane Doe", best.FullName);
        Assert.Equal("Jane", best.GivenName);
        Assert.Equal("Doe", best.FamilyName);
        Assert.Equal("Head of Data Protection", best.JobTitle);
        Assert.Equal("Acme GmbH", best.Organization);
        Assert.Equal("jane.doe@acme.example", best.Email);
        Assert.Equal("+49 30 1234567", best.Phone);
        Assert.Equal("https://janedoe.example/", best.Website);
        Assert.Equal("json-ld", best.Origin);
    }

    [Fact]
    public void Same_as_links_are_sorted_into_social_fields_and_normalized()
    {
        var best = Fixture.Extract("profile-page-with-sidebar.html", "https://acme.example/team/jane-doe").Best!;

        Assert.Equal("https://www.linkedin.com/in/jane-doe-4b1a2c", best.LinkedIn);
        Assert.Equal("https://twitter.com/janedoe_dp", best.Twitter);
        Assert.Equal("https://www.facebook.com/jane.doe.berlin", best.Facebook);
    }

    [Fact]
    public void Top_level_arrays_prefixed_properties_and_full_iris_are_understood()
    {
        var result = Fixture.Extract("schema-prefixed.html", "https://example.fr/profil");

        var emile = result.Named("Émile Dubois");
        Assert.Equal("Émile", emile.GivenName);
        Assert.Equal("Dubois", emile.FamilyName);
        Assert.Equal("Délégué à la protection des données", emile.JobTitle);
        Assert.Equal("Société Exemple SAS", emile.Organization); // first of the affiliation array
        Assert.Equal("emile.dubois@exemple.example", emile.Email);

        var sarah = result.Named("Sarah O'Connor"); // HTML entities inside JSON strings are decoded
        Assert.Equal("46701234567", sarah.Phone); // a JSON number, read with the country code and no "+"
        Assert.Equal("Tech & Law Ltd", sarah.Organization);
    }

    [Fact]
    public void Job_title_and_works_for_given_as_arrays_take_the_first_entry()
    {
        var best = Fixture.Extract("linkedin-like-profile.html", "https://de.linkedin.com/in/jane-doe-4b1a2c").Best!;

        Assert.Equal("Head of Data Protection", best.JobTitle);
        Assert.Equal("Acme GmbH", best.Organization);
    }

    [Fact]
    public void Invalid_json_ld_block_is_skipped_with_a_warning_and_valid_blocks_still_count()
    {
        var result = Fixture.Extract("invalid-json-ld.html", "https://example.com/team");

        var warning = Assert.Single(result.Warnings);
        Assert.Contains("JSON-LD block 1", warning);
        Assert.DoesNotContain(result.All, p => p.FullName == "Broken Block");
        Assert.Equal("Privacy Program Manager", result.Named("Olivia Hart").JobTitle); // raw line break repaired
        Assert.Equal("Security Architect", result.Named("Noah Becker").JobTitle); // HTML comment wrapper removed
    }

    [Fact]
    public void Name_is_derived_from_given_and_family_name_and_the_other_way_round()
    {
        const string html = """
            <script type="application/ld+json">[
              {"@context":"https://schema.org","@type":"Person","givenName":"Ada","familyName":"Lovelace"},
              {"@context":"https://schema.org","@type":"Person","name":"Ludwig van Beethoven"},
              {"@context":"https://schema.org","@type":"Person","name":"Doe, John"}
            ]</script>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.Equal("Ada Lovelace", result.All[0].FullName);
        var ludwig = result.Named("Ludwig van Beethoven");
        Assert.Equal("Ludwig", ludwig.GivenName);
        Assert.Equal("van Beethoven", ludwig.FamilyName);
        var john = result.Named("John Doe");
        Assert.Equal("John", john.GivenName);
        Assert.Equal("Doe", john.FamilyName);
    }

    [Fact]
    public void Works_for_as_a_plain_string_and_affiliation_as_fallback_are_used()
    {
        const string html = """
            <script type="application/ld+json">[
              {"@context":"https://schema.org","@type":"Person","name":"Ada Lovelace","worksFor":"Analytical Engines Ltd"},
              {"@context":"https://schema.org","@type":"Person","name":"Alan Turing","affiliation":{"@type":"CollegeOrUniversity","name":"University of Manchester"}}
            ]</script>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.Equal("Analytical Engines Ltd", result.Named("Ada Lovelace").Organization);
        Assert.Equal("University of Manchester", result.Named("Alan Turing").Organization);
    }

    [Fact]
    public void Profile_page_main_entity_reference_outranks_a_person_listed_first()
    {
        const string html = """
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"Person","@id":"#colleague","name":"Tom Fletcher","jobTitle":"Engineer"},
              {"@type":"Person","@id":"#me","name":"Nora Quist","jobTitle":"CISO"},
              {"@type":"ProfilePage","mainEntity":{"@id":"#me"}}
            ]}</script>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.Equal("Nora Quist", result.Best!.FullName);
        Assert.Equal("Tom Fletcher", Assert.Single(result.Others).FullName);
    }

    [Fact]
    public void Non_person_types_are_ignored()
    {
        const string html = """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Acme GmbH",
              "email":"info@acme.example","sameAs":["https://www.linkedin.com/company/acme"]}</script>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.Null(result.Best);
        Assert.Empty(result.All);
    }
}
