using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Shared.Tests.Extraction;

/// <summary>
/// The shortcuts that keep the extractor fast under WebAssembly (docs/benchmarks.md, row 7) answer exactly as the
/// work they skip: prefixes compared by their first letter first, patterns not run where they cannot match, paths
/// walked instead of split, and answers remembered for one page only.
/// </summary>
public class ExtractorShortcutTests
{
    // Lead-ins that open with ASCII letters of either case, with non-ASCII letters, and one that is empty.
    private static readonly string[] Prefixes = ["about ", "Über ", "à propos de ", "I'm ", "sie ", "KONTAKT ", "ı ", "de:", ""];

    public static TheoryData<string> Texts() =>
    [
        "", "a", "About Jane Doe", "ABOUT JANE", "about", "über Jane", "ÜBER Jane", "À PROPOS DE Jane", "i'm Jane", "İ'M Jane",
        "ſie Jane", "Sie Jane", "kontakt Jane", "Kontakt", "\u212Aontakt Jane", "I Jane", "ı Jane", "De: Jane", "de :", "Jane Doe",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_prefix_list_finds_the_prefix_that_trying_each_in_turn_finds(string text)
    {
        foreach (var prefixes in new[] { Prefixes, Prefixes[..^1] })
        {
            var expected = -1;
            for (var i = 0; i < prefixes.Length; i++)
            {
                if (text.StartsWith(prefixes[i], StringComparison.OrdinalIgnoreCase))
                {
                    expected = i;
                    break;
                }
            }

            Assert.Equal(expected, new PrefixList(prefixes).IndexIn(text));
        }
    }

    [Theory]
    [InlineData("https://blog.example/author/jane-doe/", true)]
    [InlineData("https://blog.example/AUTHORS/jane", true)]
    [InlineData("https://blog.example//author//jane//", true)]
    [InlineData("https://blog.example/sv/skribent/jane/page/2", true)]
    [InlineData("https://blog.example/author/", false)]
    [InlineData("https://blog.example/jane/author", false)]
    [InlineData("https://blog.example/authority/jane", false)]
    [InlineData("https://blog.example/", false)]
    public void An_author_archive_has_its_folder_before_the_last_segment_of_the_path(string url, bool archive) =>
        Assert.Equal(archive, Urls.IsAuthorArchive(new Uri(url)));

    [Theory]
    [InlineData("Mail jane.doe@acme.example today", "jane.doe@acme.example")]
    [InlineData("jane [at] acme [dot] example", "jane@acme.example")]
    [InlineData("jane (at) acme.example", "jane@acme.example")]
    [InlineData("no address on this line", null)]
    public void Addresses_are_found_on_a_line_and_a_line_without_one_gives_none(string text, string? email) =>
        Assert.Equal(email is null ? [] : [email], ContactValues.FindEmails(text).ToList());

    [Theory]
    [InlineData("Call +46 70 123 45 67 now", "SE", "46701234567")]
    [InlineData("Tel.: 030 1234567", "DE", "49301234567")]
    public void Numbers_are_found_on_a_line(string text, string region, string digits)
    {
        using var scope = ContactValues.ReadNationalNumbersIn(region);
        Assert.Equal([digits], ContactValues.FindPhones(text).Select(p => new string([.. p.Where(char.IsAsciiDigit)])).ToList());
    }

    [Fact]
    public void The_same_line_is_read_again_in_another_region()
    {
        // A Berlin number in Germany; read in Sweden the same digits are not that number (remembered per region).
        string german;
        using (ContactValues.ReadNationalNumbersIn("DE"))
        {
            german = Assert.Single(ContactValues.FindPhones("Tel.: 030 1234567"));
            Assert.StartsWith("+49", german, StringComparison.Ordinal);
        }

        using (ContactValues.ReadNationalNumbersIn("SE"))
        {
            Assert.DoesNotContain(german, ContactValues.FindPhones("Tel.: 030 1234567"));
        }
    }

    [Theory]
    [InlineData("About Jane Doe", "Jane Doe")]
    [InlineData("JANE DOE", "Jane Doe")]
    [InlineData("I'm Jane Doe", "Jane Doe")]
    [InlineData("about jane doe", null)]
    [InlineData("Related articles", null)]
    [InlineData("Jane", null)]
    public void A_name_needs_two_capitals_and_all_caps_is_title_cased(string text, string? name) =>
        Assert.Equal(name, PageTitles.NameOf(text));

    [Fact]
    public void Nothing_a_page_asked_is_kept_once_it_is_read()
    {
        var extractor = new ContactExtractor();
        var page = Fixture.Html("speaker-page.html");
        var alone = Json(extractor.Extract(page, "https://conf.example/speakers/"));

        Assert.NotNull(Names.Key("Jane Doe")); // remembered outside any page read
        Assert.NotEqual(0, PageMemo.Count);
        extractor.Extract("<h1>Jane Doe</h1><p>Jane Doe is the Head of Data Protection at Acme GmbH.</p>", "https://acme.example/");
        Assert.Equal(0, PageMemo.Count);
        Assert.NotNull(SelectionParser.Parse("Jane Doe\nHead of Data Protection | Acme GmbH\njane.doe@acme.example"));
        Assert.Equal(0, PageMemo.Count);

        // The page reads the same after another page as on its own.
        extractor.Extract("<h2>Jane Doe</h2><p>Head of Legal</p><h2>Anna Berg</h2><p>CTO</p>", "https://other.example/team");
        Assert.Equal(alone, Json(extractor.Extract(page, "https://conf.example/speakers/")));
    }

    private static string Json(ExtractionResult result) => System.Text.Json.JsonSerializer.Serialize(result);
}
