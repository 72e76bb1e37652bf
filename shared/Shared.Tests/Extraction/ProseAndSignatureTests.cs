namespace ComplianceConnect.Shared.Tests.Extraction;

/// <summary>
/// People stated in sentences, titles with noise, a member's page on an organization's site, contact details in
/// contact sections and signatures, own homepages, development-server URLs and compound family names.
/// </summary>
public class ProseAndSignatureTests
{
    [Fact]
    public void A_first_person_introduction_gives_the_name_and_the_job_stated_in_a_sentence()
    {
        const string html = """
            <html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/posts">Posts</a></nav>
            <main><p>Hi! My name is Ines Kowalczyk and I write about search engines.</p>
            <p>I work as a search engineer for Lindgren Media, where I look after ranking.</p></main></body></html>
            """;

        var ines = Fixture.ExtractHtml(html, "https://blog.example/").Best!;

        Assert.Equal("Ines Kowalczyk", ines.FullName);
        Assert.Equal("Search Engineer", ines.JobTitle);
        Assert.Equal("Lindgren Media", ines.Organization);
    }

    [Fact]
    public void A_third_person_bio_sentence_with_the_given_name_gives_the_title_and_the_institution()
    {
        const string html = """
            <main><h1>Dr Helen Ashby</h1><p>Email: <a href="mailto:h.ashby@uni.example">h.ashby@uni.example</a></p>
            <h2>Biography</h2><p>Helen is a senior lecturer in media law at the University of Eastfield. She previously worked as a solicitor.</p></main>
            """;

        var helen = Fixture.ExtractHtml(html, "https://uni.example/staff/ashby").Best!;

        Assert.Equal("Helen Ashby", helen.FullName);
        Assert.Equal("Senior Lecturer in Media Law", helen.JobTitle);
        Assert.Equal("University of Eastfield", helen.Organization);
        Assert.Equal("h.ashby@uni.example", helen.Email);
    }

    [Fact]
    public void A_currently_at_sentence_gives_title_and_company()
    {
        const string html = """<main><h1>Dana Price</h1><p>Currently Product Manager at Fernhill Games, shipping cosy games.</p></main>""";

        var dana = Fixture.ExtractHtml(html).Best!;

        Assert.Equal(("Product Manager", "Fernhill Games"), (dana.JobTitle, dana.Organization));
    }

    [Fact]
    public void A_speaker_heading_with_name_and_title_is_split_into_both()
    {
        const string html = """
            <html><head><title>Priya Raman, VP Data Governance | PrivacyCon</title></head>
            <body><main><h1>Priya Raman, VP Data Governance</h1><p class="company">Castellan Bank</p></main></body></html>
            """;

        var priya = Fixture.ExtractHtml(html, "https://privacycon.example/speakers/priya").Best!;

        Assert.Equal("Priya Raman", priya.FullName);
        Assert.Equal("VP Data Governance", priya.JobTitle);
        Assert.Equal("Castellan Bank", priya.Organization);
    }

    [Theory]
    [InlineData("Berlin-based UX Designer", "UX Designer")]
    [InlineData("New York-based Data Journalist", "Data Journalist")]
    [InlineData("UX Designer based in Berlin", "UX Designer")]
    [InlineData("Head of Data Protection", "Head of Data Protection")]
    public void Place_words_do_not_stick_to_a_title(string line, string title)
    {
        var html = $"<main><h1>Leonie Hartmann</h1><h2>{line}</h2></main>";

        Assert.Equal(title, Fixture.ExtractHtml(html).Best!.JobTitle);
    }

    [Fact]
    public void A_members_page_on_a_labs_site_gives_the_member_and_never_the_lab()
    {
        const string html = """
            <html><head><title>Wei Zhang | Smith Lab</title><meta property="og:site_name" content="Smith Lab"></head>
            <body><header><h1 class="lab-name"><a href="/">Smith Lab</a></h1><nav><a href="/people">People</a></nav></header>
            <main><h2>Wei Zhang</h2><p class="member-role">Postdoctoral Researcher</p><p>Email: wei.zhang@uni.example</p></main></body></html>
            """;

        var result = Fixture.ExtractHtml(html, "https://smithlab.uni.example/people/wei-zhang");

        Assert.DoesNotContain(result.All, p => p.FullName == "Smith Lab");
        Assert.Equal("Wei Zhang", result.Best!.FullName);
        Assert.Equal("Postdoctoral Researcher", result.Best.JobTitle);
        Assert.Equal("wei.zhang@uni.example", result.Best.Email);
    }

    [Theory]
    [InlineData("Email: marcus (at) lindholm-privacy (dot) example")]
    [InlineData("Write to marcus [at] lindholm-privacy [dot] example")]
    [InlineData("<a href=\"mailto:marcus@lindholm-privacy.example\">marcus@lindholm-privacy.example</a>")]
    public void An_email_in_a_contact_section_is_the_subjects(string contact)
    {
        var html = $"<main><h1>Hello, I'm Marcus Lindholm</h1><p>Independent Privacy Consultant</p><h2>Get in touch</h2><p>{contact}</p></main>";

        Assert.Equal("marcus@lindholm-privacy.example", Fixture.ExtractHtml(html, "https://lindholm-privacy.example/").Best!.Email);
    }

    [Fact]
    public void A_function_mailbox_on_a_domain_that_spells_the_subjects_name_is_theirs()
    {
        const string html = """<main><h1>Hannah Kowal</h1><p>Data Engineer</p><p>Mail me: <a href="mailto:hello@hannahkowal.example">hello@hannahkowal.example</a></p></main>""";

        var hannah = Fixture.ExtractHtml(html, "https://hannahkowal.example/").Best!;

        Assert.Equal("hello@hannahkowal.example", hannah.Email);
    }

    [Fact]
    public void The_persons_own_site_is_recorded_as_their_website()
    {
        const string html = """<main><h1>Leonie Hartmann</h1><p>UX Designer</p></main>""";

        Assert.Equal("https://www.leonie-hartmann.example/", Fixture.ExtractHtml(html, "https://www.leonie-hartmann.example/work").Best!.Website);
    }

    [Fact]
    public void A_company_page_about_someone_is_not_their_own_site()
    {
        const string html = """<main><h1>Leonie Hartmann</h1><p>UX Designer</p></main>""";

        Assert.Null(Fixture.ExtractHtml(html, "https://www.acme.example/team/leonie").Best!.Website);
    }

    [Fact]
    public void A_development_server_url_in_markup_does_not_win_over_the_real_one()
    {
        const string html = """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Person","name":"Priya Raman",
            "url":"http://localhost:4000/","sameAs":["https://priyaraman.example/"]}</script><main><h1>About</h1></main>
            """;

        Assert.Equal("https://priyaraman.example/", Fixture.ExtractHtml(html, "https://priyaraman.example/about").Best!.Website);
    }

    [Fact]
    public void A_compound_family_name_spelled_by_the_persons_address_stays_whole()
    {
        const string html = """<main><h1>Gabriel García Márquez</h1><p>Backend Engineer</p><a href="mailto:gabriel@garciamarquez.example">Mail</a></main>""";

        var gabriel = Fixture.ExtractHtml(html, "https://garciamarquez.example/cv").Best!;

        Assert.Equal(("Gabriel", "García Márquez"), (gabriel.GivenName, gabriel.FamilyName));
    }

    [Fact]
    public void A_middle_name_without_such_evidence_stays_with_the_given_name()
    {
        const string html = """<main><h1>Mary Ellen Carter</h1><p>Backend Engineer</p><a href="mailto:mary.carter@acme.example">Mail</a></main>""";

        var mary = Fixture.ExtractHtml(html).Best!;

        Assert.Equal(("Mary Ellen", "Carter"), (mary.GivenName, mary.FamilyName));
    }

    [Fact]
    public void A_capitalized_arabic_particle_belongs_to_the_family_name()
    {
        const string html = """<main><p>Thank you,</p><p>Fatima Zahra El Idrissi<br>Office Manager – Atlas Travel SARL<br>f.elidrissi@atlastravel.example</p></main>""";

        var fatima = Fixture.ExtractHtml(html).Best!;

        Assert.Equal(("Fatima Zahra", "El Idrissi"), (fatima.GivenName, fatima.FamilyName));
        Assert.Equal(("Office Manager", "Atlas Travel SARL"), (fatima.JobTitle, fatima.Organization));
    }

    [Fact]
    public void A_plain_text_email_signature_gives_one_whole_person_and_not_the_greeting()
    {
        const string html = """
            <body><h1>[discuss] Re: CSV dialect</h1><pre>Hi Frank,

            we use semicolons.

            --
            Andrea Moretti
            Open Data Coordinator
            Comune di Bologna
            andrea.moretti@comune.bologna.example
            </pre></body>
            """;

        var andrea = Fixture.ExtractHtml(html, "https://lists.example/pipermail/discuss/1.html").Best!;

        Assert.Equal("Andrea Moretti", andrea.FullName);
        Assert.Equal("Open Data Coordinator", andrea.JobTitle);
        Assert.Equal("Comune di Bologna", andrea.Organization);
        Assert.Equal("andrea.moretti@comune.bologna.example", andrea.Email);
    }

    [Fact]
    public void A_saved_message_gives_the_senders_address_not_the_recipients()
    {
        const string html = """
            <body><p><b>From:</b> Ólafur Grímsson &lt;olafur@tindur.example&gt;<br><b>To:</b> Rep &lt;rep@ourcompany.example&gt;<br><b>Subject:</b> Follow-up</p>
            <p>Thanks for the meeting.</p><p><b>Ólafur Grímsson</b></p><p>Sales Director Nordics</p><p>Tindur Software ehf.</p></body>
            """;

        var olafur = Fixture.ExtractHtml(html, "file:///home/rep/Follow-up.htm").Best!;

        Assert.Equal("Ólafur Grímsson", olafur.FullName);
        Assert.Equal("olafur@tindur.example", olafur.Email);
    }

    [Fact]
    public void In_an_Outlook_reply_the_sender_wins_over_the_quoted_From_header_of_the_message_answered()
    {
        // The reader is Sam (the title names the mailbox); the quoted header below the signature is Sam's earlier mail.
        const string html = """
            <html><head><title>Mail - Sam Carter - Outlook</title></head><body><div role="main">
            <div><span>Charlotte Abernathy-Price &lt;charlotte@meridian.example.com&gt;</span><div>To: Sam Carter</div></div>
            <div><p>Dear Sam,</p><p>Please find attached our draft terms.</p><p>Kind regards,</p><p>Charlotte</p></div>
            <table><tr><td><p><b>Charlotte Abernathy-Price</b></p><p>Head of Partnerships</p><p>Meridian Insurance Group</p>
            <p><a href="mailto:charlotte@meridian.example.com">charlotte@meridian.example.com</a></p></td></tr></table>
            <div id="x_divRplyFwdMsg"><b>From:</b> Sam Carter &lt;sam.carter@yourcompany.example&gt;<br><b>Sent:</b> 28 November 2026 16:20<br>
            <b>To:</b> Charlotte Abernathy-Price &lt;charlotte@meridian.example.com&gt;<br><b>Subject:</b> Renewal</div>
            <div><p>Hi Charlotte, could you send the draft terms before Tuesday? Thanks, Sam</p></div>
            </div></body></html>
            """;

        var best = Fixture.ExtractHtml(html, "https://outlook.office.com/mail/inbox/id/AAQk").Best!;

        Assert.Equal("Charlotte Abernathy-Price", best.FullName);
        Assert.Equal("Head of Partnerships", best.JobTitle);
        Assert.Equal("charlotte@meridian.example.com", best.Email);
    }

    [Theory]
    [InlineData("""<div class="gmail_quote"><div class="gmail_attr">On Fri, 27 Nov 2026 at 10:02, Sam Carter &lt;sam.carter@yourcompany.example&gt; wrote:</div><blockquote>Could you send the terms?<br>Sam Carter<br>Account Manager<br>sam.carter@yourcompany.example</blockquote></div>""")]
    [InlineData("""<blockquote type="cite">From: Sam Carter &lt;sam.carter@yourcompany.example&gt;<br>Could you send the terms?<br><b>Sam Carter</b><br>Account Manager<br>sam.carter@yourcompany.example</blockquote>""")]
    public void The_reader_named_by_a_mail_clients_title_is_not_the_subject_when_their_earlier_message_is_quoted(string quoted)
    {
        // A web mail client's title names the signed-in reader, who is also the sender of the quoted message.
        var html = $"""
            <html><head><title>Re: Terms - Sam Carter - Mail</title></head><body>
            <p>Here they are.</p><p><b>Ingrid Solberg</b><br>Commercial Lead<br>Fjordlys AS<br>
            <a href="mailto:ingrid@fjordlys.example">ingrid@fjordlys.example</a></p>{quoted}</body></html>
            """;

        var best = Fixture.ExtractHtml(html, "https://mail.example.com/u/0/#inbox/1").Best!;

        Assert.Equal("Ingrid Solberg", best.FullName);
        Assert.Equal("ingrid@fjordlys.example", best.Email);
    }

    [Fact]
    public void Titles_in_brackets_or_between_commas_in_an_about_story_belong_to_the_names_before_them()
    {
        const string html = """
            <html><body><main><h1>Our story</h1>
            <p>Kelpworks was founded in 2020 by Ingrid Solberg (CEO) and Tariq Al-Mansouri (CTO), who met in Trondheim.</p>
            <p>Today we are 34 people across Bergen and Lisbon. Our operations are led by Julia Brandão, Head of Operations, who joined from Amcor in 2023.</p>
            </main></body></html>
            """;

        var result = Fixture.ExtractHtml(html, "https://www.kelpworks.example/about");

        Assert.Equal("CEO", result.Named("Ingrid Solberg").JobTitle);
        Assert.Equal("CTO", result.Named("Tariq Al-Mansouri").JobTitle);
        Assert.Equal("Head of Operations", result.Named("Julia Brandão").JobTitle);
        Assert.DoesNotContain(result.All, p => p.FullName is "Bergen" or "Lisbon" or "Amcor");
    }
}
