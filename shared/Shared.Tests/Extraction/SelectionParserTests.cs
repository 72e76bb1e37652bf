using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Shared.Tests.Extraction;

public class SelectionParserTests
{
    [Fact]
    public void Email_signature_gives_all_fields()
    {
        const string text = "Jane Doe\nHead of Data Protection | Acme GmbH\njane.doe@acme.example\n+49 30 1234567\nhttps://www.linkedin.com/in/janedoe";

        var person = SelectionParser.Parse(text)!;

        Assert.Equal("Jane Doe", person.FullName);
        Assert.Equal("Jane", person.GivenName);
        Assert.Equal("Doe", person.FamilyName);
        Assert.Equal("Head of Data Protection", person.JobTitle);
        Assert.Equal("Acme GmbH", person.Organization);
        Assert.Equal("jane.doe@acme.example", person.Email);
        Assert.Equal("+49 30 1234567", person.Phone);
        Assert.Equal("https://www.linkedin.com/in/janedoe", person.LinkedIn);
        Assert.Equal("selection", person.Origin);
    }

    [Fact]
    public void Speaker_bio_gives_name_title_and_company()
    {
        const string text = "Jane Doe is the Head of Data Protection at Acme GmbH. She has advised regulators across Europe and "
            + "speaks regularly about privacy engineering. Follow her at @janedoe_dp.";

        var person = SelectionParser.Parse(text)!;

        Assert.Equal("Jane Doe", person.FullName);
        Assert.Equal("Head of Data Protection", person.JobTitle);
        Assert.Equal("Acme GmbH", person.Organization);
        Assert.Equal("https://x.com/janedoe_dp", person.Twitter);
    }

    [Fact]
    public void Signature_with_greeting_labels_and_a_fax_number()
    {
        const string text = """
            Kind regards,

            Dr. Markus Lehmann
            Datenschutzbeauftragter
            Beispiel Versicherung AG
            Friedrichstraße 123, 10117 Berlin
            Fax: +49 30 9999999
            Tel.: +49 30 7654321
            E-Mail: markus.lehmann [at] beispiel-versicherung [dot] de
            www.beispiel-versicherung.de
            """;

        var person = SelectionParser.Parse(text)!;

        Assert.Equal("Markus Lehmann", person.FullName);
        Assert.Equal("Datenschutzbeauftragter", person.JobTitle);
        Assert.Equal("Beispiel Versicherung AG", person.Organization);
        Assert.Equal("+49 30 7654321", person.Phone);
        Assert.Equal("markus.lehmann@beispiel-versicherung.de", person.Email);
        Assert.Equal("https://www.beispiel-versicherung.de/", person.Website);
    }

    [Fact]
    public void One_line_signature_with_separators()
    {
        var person = SelectionParser.Parse("Erik Svensson · CTO at Nordic Data AB · erik@nordicdata.example")!;

        Assert.Equal("Erik Svensson", person.FullName);
        Assert.Equal("CTO", person.JobTitle);
        Assert.Equal("Nordic Data AB", person.Organization);
        Assert.Equal("erik@nordicdata.example", person.Email);
    }

    [Fact]
    public void Apposition_bio_in_german_and_comma_forms()
    {
        var comma = SelectionParser.Parse("Sofia Rossi, Data Protection Officer at Università di Esempio, will open the session.")!;
        Assert.Equal("Sofia Rossi", comma.FullName);
        Assert.Equal("Data Protection Officer", comma.JobTitle);
        Assert.Equal("Università di Esempio", comma.Organization);

        var german = SelectionParser.Parse("Katrin Müller ist Datenschutzbeauftragte bei Müller & Söhne GmbH und berät Mittelständler.")!;
        Assert.Equal("Katrin Müller", german.FullName);
        Assert.Equal("Datenschutzbeauftragte", german.JobTitle);
        Assert.Equal("Müller & Söhne GmbH", german.Organization);
    }

    [Fact]
    public void Bio_with_several_affiliations_takes_the_first_company()
    {
        var person = SelectionParser.Parse("Dr. Priya Raman is a Senior Data Scientist with Meridian Bank plc and a visiting lecturer at LSE.")!;

        Assert.Equal("Priya Raman", person.FullName);
        Assert.Equal("Senior Data Scientist", person.JobTitle);
        Assert.Equal("Meridian Bank plc", person.Organization);
    }

    [Fact]
    public void Signature_with_post_nominals_and_a_bare_linkedin_address_is_not_read_as_a_bio()
    {
        const string text = "John Smith, CIPP/E\nPrivacy Counsel\njohn.smith@example.com\nlinkedin.com/in/johnsmith-privacy";

        var person = SelectionParser.Parse(text)!;

        Assert.Equal("John Smith", person.FullName);
        Assert.Equal("Privacy Counsel", person.JobTitle);
        Assert.Equal("https://www.linkedin.com/in/johnsmith-privacy", person.LinkedIn);
    }

    [Fact]
    public void Fax_number_is_never_taken_as_the_phone()
    {
        var person = SelectionParser.Parse("Thomas Weber\nRechtsanwalt\nF +49 211 987654-9 · T +49 211 987654-0")!;

        Assert.Equal("+49 211 987654-0", person.Phone);
    }

    [Fact]
    public void Email_alone_is_enough_for_a_candidate()
    {
        var person = SelectionParser.Parse("reach me at sam.lee@example.com")!;

        Assert.Equal("sam.lee@example.com", person.Email);
        Assert.Null(person.FullName);
    }

    [Fact]
    public void Relative_profile_links_resolve_against_the_page_url()
    {
        var person = SelectionParser.Parse("Ana Souza\n/in/ana-souza", "https://www.linkedin.com/feed/")!;

        Assert.Equal("Ana Souza", person.FullName);
        Assert.Equal("https://www.linkedin.com/in/ana-souza", person.LinkedIn);
    }

    [Fact]
    public void Selection_on_the_persons_own_linkedin_profile_gets_that_profile()
    {
        var person = SelectionParser.Parse("Jane Doe\nHead of Data Protection at Acme GmbH", "https://de.linkedin.com/in/jane-doe-4b1a2c/")!;

        Assert.Equal("https://www.linkedin.com/in/jane-doe-4b1a2c", person.LinkedIn);
    }

    [Fact]
    public void Selection_on_someone_elses_profile_does_not_get_that_profile()
    {
        var person = SelectionParser.Parse("John Smith\nCISO at Foo Bank", "https://www.linkedin.com/in/jane-doe-4b1a2c/")!;

        Assert.Equal("John Smith", person.FullName);
        Assert.Null(person.LinkedIn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("asdf qwe 123 !!! ###")]
    [InlineData("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")]
    [InlineData("Privacy Policy | Terms of Service | Cookie Settings")]
    [InlineData("+49 30 1234567")]
    [InlineData("Head of Data Protection")]
    public void Text_without_a_person_gives_null(string? text)
    {
        Assert.Null(SelectionParser.Parse(text));
    }

    [Fact]
    public void Huge_or_hostile_text_does_not_throw()
    {
        var text = string.Concat(Enumerable.Repeat("a@b. +1 ( ((( [at] ", 20_000));

        var exception = Record.Exception(() => SelectionParser.Parse(text));

        Assert.Null(exception);
    }
}
