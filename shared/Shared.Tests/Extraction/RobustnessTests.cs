using System.Text;
using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Shared.Tests.Extraction;

public class RobustnessTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Empty_or_null_input_gives_an_empty_result(string? html)
    {
        var result = new ContactExtractor().Extract(html!, null!);

        Assert.Null(result.Best);
        Assert.Empty(result.Others);
        Assert.Empty(result.All);
        Assert.Equal(ExtractionRefusal.Empty, result.Refused);
    }

    [Theory]
    [InlineData("not html at all, just text with < and > and & signs")]
    [InlineData("<<<>>><!-- <script type=\"application/ld+json\">{</script> --><div class=\"h-card\"")]
    [InlineData("\0\u0001\u0002<\uFFFF>\uD800")]
    [InlineData("<a href=\"mailto:\">x</a><a href=\"tel:\">y</a><a href=\"http://[::1\">z</a><base href=\"::::\">")]
    public void Garbage_input_is_read_without_any_reader_failing(string html)
    {
        var result = new ContactExtractor().Extract(html, "not a url");

        // Extract never throws: a crash inside would only show as a warning, so the warnings are what is checked.
        Assert.DoesNotContain(result.Warnings, w => w.Contains("could not be read", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("reader failed", StringComparison.Ordinal));
        Assert.Empty(result.All);
    }

    [Fact]
    public void Invalid_json_ld_is_reported_and_the_rest_of_the_page_is_still_read()
    {
        const string html = """
            <script type="application/ld+json">{"@type": "Person", "name": "Broken</script>
            <div class="h-card"><span class="p-name">Eva Lind</span><a class="u-email" href="mailto:eva.lind@example.com">mail</a></div>
            """;

        var result = Fixture.ExtractHtml(html);

        Assert.Contains(result.Warnings, w => w.Contains("JSON-LD block 1", StringComparison.Ordinal));
        var eva = Assert.Single(result.All);
        Assert.Equal(("Eva Lind", "eva.lind@example.com", "h-card"), (eva.FullName, eva.Email, eva.Origin));
    }

    [Fact]
    public void Broken_markup_still_yields_the_person_and_ignores_script_and_style_text()
    {
        var result = Fixture.Extract("broken-markup.html", "https://mueller-soehne.example/kontakt");

        var best = Assert.Single(result.All);
        Assert.Equal("Katrin Müller", best.FullName);
        Assert.Equal("Datenschutzbeauftragte", best.JobTitle);
        Assert.Equal("k.mueller@mueller-soehne.example", best.Email);
        Assert.Equal("+4989123456", best.Phone);
    }

    [Fact]
    public void Relative_urls_resolve_against_base_href()
    {
        var result = Fixture.Extract("relative-urls-base.html", "https://www.example.org/some/other/page");

        var amelia = Assert.Single(result.All); // JSON-LD and h-card merged
        Assert.Equal("https://people.example.org/staff/amelia-clarke/index.html", amelia.Website);
        Assert.Equal("https://www.linkedin.com/in/ameliaclarke", amelia.LinkedIn); // protocol-relative
        Assert.Equal("Professor of Information Law", amelia.JobTitle);
    }

    [Fact]
    public void Relative_urls_resolve_against_the_page_url_without_base()
    {
        const string html = """<div class="h-card"><a class="p-name u-url" href="../people/tove">Tove Ek</a></div>""";

        var tove = Fixture.ExtractHtml(html, "https://firm.example/en/team/index.html").Best!;

        Assert.Equal("https://firm.example/en/people/tove", tove.Website);
    }

    [Fact]
    public void Ten_thousand_nested_divs_do_not_overflow_the_stack()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 10_000; i++)
        {
            html.Append("<div class=\"level\">");
        }

        html.Append("<div class=\"h-card\"><span class=\"p-name\">Deep Diver</span><a class=\"u-email\" href=\"mailto:deep.diver@example.com\">m</a></div>");
        html.Append("</body></html>");

        // A small stack proves that no part of the extractor recurses per nesting level.
        ExtractionResult? result = null;
        var thread = new Thread(() => result = new ContactExtractor().Extract(html.ToString(), "https://example.com/"), 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.Equal("deep.diver@example.com", result!.Best!.Email);
    }

    [Fact]
    public void Pathologically_deep_nesting_is_refused_quickly_with_a_warning()
    {
        // 300,000 levels would keep the HTML parser busy for many minutes (its cost grows with depth squared).
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 300_000)) + "<h1>Jane Doe</h1></body></html>";

        var result = new ContactExtractor().Extract(html, "https://example.com/");

        // Refused before parsing: the only warning is the nesting guard's, naming its limit.
        Assert.Null(result.Best);
        Assert.Equal(ExtractionRefusal.TooDeep, result.Refused);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("nests its markup too deeply", warning, StringComparison.Ordinal);
        Assert.Contains(ContactExtractor.MaxNestingDepth.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_unclosed_list_items_and_paragraphs_are_not_mistaken_for_deep_nesting()
    {
        var html = "<main><h1>Jane Doe</h1><p>Chief Privacy Officer<ul>"
            + string.Concat(Enumerable.Repeat("<li>item<p>text<br><img src=x>", 20_000)) + "</ul></main>";

        var result = Fixture.ExtractHtml(html);

        Assert.Empty(result.Warnings);
        Assert.Null(result.Refused);
        Assert.Equal("Jane Doe", result.Best!.FullName);
    }

    [Fact]
    public void Deeply_nested_json_ld_is_skipped_with_a_warning()
    {
        var json = new string('[', 5_000) + new string(']', 5_000);
        var html = $"<script type=\"application/ld+json\">{json}</script><main><h1>Anna Schmidt</h1><p>CEO</p></main>";

        var result = Fixture.ExtractHtml(html);

        Assert.Contains(result.Warnings, w => w.Contains("JSON-LD", StringComparison.Ordinal));
        Assert.Equal("Anna Schmidt", result.Best!.FullName);
    }

    [Fact]
    public void Input_over_the_cap_is_not_parsed_and_the_warning_gives_size_and_limit()
    {
        var html = "<h1>Jane Doe</h1>" + new string('x', ContactExtractor.MaxHtmlLength);

        var result = new ContactExtractor().Extract(html, "https://example.com/");

        Assert.Null(result.Best);
        Assert.Empty(result.Others);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("too large", warning, StringComparison.Ordinal);
        Assert.Equal(ExtractionRefusal.TooLarge, result.Refused);
        Assert.Contains(html.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), warning, StringComparison.Ordinal);
        Assert.Contains(ContactExtractor.MaxHtmlLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_exactly_at_the_cap_is_parsed()
    {
        var prefix = "<main><h1>Jane Doe</h1><p>Chief Privacy Officer</p></main><!--";
        var html = prefix + new string('x', ContactExtractor.MaxHtmlLength - prefix.Length);

        var result = new ContactExtractor().Extract(html, "https://example.com/");

        Assert.Equal("Jane Doe", result.Best!.FullName);
    }

    [Fact]
    public void A_wide_page_with_thousands_of_cards_returns_at_most_the_limit_with_each_address_in_its_own_card()
    {
        string[] given = ["Anna", "Erik", "Karin", "Lars", "Maria", "Nils", "Sara", "Johan", "Eva", "Per"];
        string[] family = ["Berg", "Lind", "Holm", "Ek", "Dahl", "Sund", "Strand", "Wall", "Nord", "Falk"];
        var html = new StringBuilder("<main><h1>Directory</h1>");
        for (var i = 0; i < 3_000; i++)
        {
            var name = $"{given[i % 10]} {family[i / 10 % 10]}{(char)('a' + (i / 100))}son";
            html.Append($"<div class=\"card\"><h3>{name}</h3><p>Engineer</p><a href=\"mailto:p{i}@example.com\">m</a></div>");
        }

        html.Append("</main>");

        var result = Fixture.ExtractHtml(html.ToString());

        // The limit keeps a directory usable; it is a count, not a clock, so it holds on a slow machine too.
        Assert.Empty(result.Warnings);
        Assert.Equal(ContactExtractor.MaxOthers + 1, result.All.Count);
        Assert.Equal("p0@example.com", result.Named("Anna Bergason").Email);
        Assert.Equal("p11@example.com", result.Named("Erik Lindason").Email);
    }
}
