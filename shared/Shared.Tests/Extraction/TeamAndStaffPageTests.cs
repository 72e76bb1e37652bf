namespace ComplianceConnect.Shared.Tests.Extraction;

/// <summary>Team, about and staff-list pages without person markup: who is on them, and whose company they are.</summary>
public class TeamAndStaffPageTests
{
    private const string TeamPage = """
        <html><head><title>Our Team | Harbour Freight</title><meta property="og:site_name" content="Harbour Freight"></head>
        <body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
        <main><h1>Harbour Freight</h1><p>Moving goods across the Irish Sea since 1990.</p>
          <div class="member"><h3>Aoife Byrne</h3><p>Managing Director</p><a href="mailto:aoife.byrne@harbourfreight.example">Email Aoife</a></div>
          <div class="member"><h3>Ciaran Walsh</h3><p>Fleet Manager</p><a href="mailto:ciaran.walsh@harbourfreight.example">Email Ciaran</a></div>
        </main>
        <footer><p>© 2026 Harbour Freight Ltd. Registered in Ireland.</p><p><a href="mailto:info@harbourfreight.example">info@harbourfreight.example</a></p></footer>
        </body></html>
        """;

    [Fact]
    public void The_company_of_a_team_page_is_never_offered_as_a_person()
    {
        var result = Fixture.ExtractHtml(TeamPage, "https://harbourfreight.example/about/team");

        Assert.DoesNotContain(result.All, p => p.FullName is "Harbour Freight" or "Harbour Freight Ltd");
        Assert.Equal(["Aoife Byrne", "Ciaran Walsh"], result.All.Select(p => p.FullName));
    }

    [Fact]
    public void The_company_of_a_team_page_with_its_legal_form_is_each_members_company()
    {
        var result = Fixture.ExtractHtml(TeamPage, "https://harbourfreight.example/about/team");

        Assert.All(result.All, p => Assert.Equal("Harbour Freight Ltd", p.Organization));
        Assert.Equal("Fleet Manager", result.Named("Ciaran Walsh").JobTitle);
    }

    [Fact]
    public void The_company_from_the_sites_structured_data_fills_the_company_of_staff_with_the_sites_email_domain()
    {
        const string html = """
            <html><head><title>Webinar | Pinecrest</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Pinecrest Software AB"}</script></head>
            <body><main><h1>Zero trust in practice</h1><div class="host"><h3>Malin Ek</h3><p>Solutions Architect</p>
            <p>Questions? <a href="mailto:malin.ek@pinecrest.example">malin.ek@pinecrest.example</a></p></div></main></body></html>
            """;

        var malin = Fixture.ExtractHtml(html, "https://www.pinecrest.example/webinars/zero-trust").Best!;

        Assert.Equal("Pinecrest Software AB", malin.Organization);
    }

    [Fact]
    public void Speakers_on_a_conference_site_do_not_get_the_conference_as_their_company()
    {
        const string html = """
            <html><head><title>Speakers | DataConf</title><meta property="og:site_name" content="DataConf"></head>
            <body><main><h1>Speakers</h1>
            <div class="speaker"><h3>Ravi Menon</h3><p>Head of Data, Lumio</p></div>
            <div class="speaker"><h3>Eva Roth</h3><p>CTO</p></div></main>
            <footer>© 2026 DataConf Events GmbH</footer></body></html>
            """;

        var result = Fixture.ExtractHtml(html, "https://dataconf.example/2026/speakers");

        Assert.Equal("Lumio", result.Named("Ravi Menon").Organization);
        Assert.Null(result.Named("Eva Roth").Organization);
    }

    [Fact]
    public void A_swedish_staff_list_with_bold_names_gives_whole_names_with_their_email_and_number()
    {
        const string html = """
            <html lang="sv"><head><title>Personal – Ödeshögs bibliotek</title></head><body><main>
            <h1>Personal</h1>
            <ul>
              <li><strong>Åsa Öberg</strong><br>Bibliotekschef<br>0144-351 01<br><a href="mailto:asa.oberg@odeshog.example">asa.oberg@odeshog.example</a></li>
              <li><strong>Tomás Ferreira</strong><br>Bibliotekarie<br><a href="mailto:tomas.ferreira@odeshog.example">tomas.ferreira@odeshog.example</a></li>
            </ul></main></body></html>
            """;

        var result = Fixture.ExtractHtml(html, "https://www.odeshog.example/bibliotek/personal");

        Assert.Equal(2, result.All.Count);
        var asa = result.Named("Åsa Öberg");
        Assert.Equal(("Åsa", "Öberg"), (asa.GivenName, asa.FamilyName));
        Assert.Equal("asa.oberg@odeshog.example", asa.Email);
        Assert.Equal("Bibliotekschef", asa.JobTitle);
        Assert.Equal("0144-351 01", asa.Phone);
        Assert.Equal("tomas.ferreira@odeshog.example", result.Named("Tomás Ferreira").Email);
    }

    [Fact]
    public void A_table_of_staff_keeps_each_row_one_person()
    {
        const string html = """
            <main><h1>Ansatte</h1><table>
            <tr><th>Navn</th><th>Stilling</th><th>E-post</th></tr>
            <tr><td>Øystein Berg</td><td>Daglig leder</td><td><a href="mailto:oystein.berg@fjell.example">oystein.berg@fjell.example</a></td></tr>
            <tr><td>Kari Nordmann</td><td>Regnskapsfører</td><td><a href="mailto:kari.nordmann@fjell.example">kari.nordmann@fjell.example</a></td></tr>
            </table></main>
            """;

        var result = Fixture.ExtractHtml(html, "https://fjell.example/ansatte");

        Assert.Equal(2, result.All.Count);
        Assert.Equal("Daglig leder", result.Named("Øystein Berg").JobTitle);
        Assert.Equal("kari.nordmann@fjell.example", result.Named("Kari Nordmann").Email);
    }

    [Fact]
    public void A_board_list_gives_each_role_mailbox_to_the_person_on_its_line()
    {
        const string html = """
            <main><h2>Styrelse</h2><dl>
            <dt>Ordförande</dt><dd>Gunnel Ek, <a href="mailto:ordforande@klubben.example">ordforande@klubben.example</a></dd>
            <dt>Kassör</dt><dd>Per Lund, <a href="mailto:kassor@klubben.example">kassor@klubben.example</a></dd>
            </dl></main>
            """;

        var result = Fixture.ExtractHtml(html, "https://klubben.example/styrelse");

        Assert.Equal("ordforande@klubben.example", result.Named("Gunnel Ek").Email);
        Assert.Equal("Ordförande", result.Named("Gunnel Ek").JobTitle);
        Assert.Equal("kassor@klubben.example", result.Named("Per Lund").Email);
    }

    [Fact]
    public void A_section_heading_stops_a_contact_from_being_given_to_a_name_above_it()
    {
        const string html = """
            <main><section><h3>Grace Hopper</h3><p>A feature named after a pioneer.</p></section>
            <section><h2>Contact</h2><p>Call us on +46 8 123 456 78.</p></section></main>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.DoesNotContain(result.All, p => p.Phone is not null);
    }
}
