using ComplianceConnect.Extension.Components;
using ComplianceConnect.Extension.Services;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Extraction;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Extension.Tests;

public sealed class TextTests
{
    [Fact]
    public void Every_english_string_has_a_swedish_translation_and_no_extra_ones()
    {
        var (english, swedish) = Text.Keys;

        Assert.Empty(english.Except(swedish));
        Assert.Empty(swedish.Except(english));
    }

    [Fact]
    public void Every_singular_text_belongs_to_a_text_that_has_the_same_placeholders()
    {
        var text = new Text(null!);
        var (english, _) = Text.Keys;
        var singulars = english.Where(k => k.EndsWith(".One", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(singulars);
        foreach (var language in new[] { Text.English, Text.Swedish })
        {
            text.Use(language);
            foreach (var singular in singulars)
            {
                var plural = singular[..^".One".Length];
                Assert.Contains(plural, english);
                // Every placeholder of the singular is one the plural has: both are formatted with the same arguments.
                var placeholders = System.Text.RegularExpressions.Regex.Matches(text[singular], @"\{(\d)\}").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                var pluralPlaceholders = System.Text.RegularExpressions.Regex.Matches(text[plural], @"\{(\d)\}").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                Assert.All(placeholders, p => Assert.Contains(p, pluralPlaceholders));
            }
        }
    }

    [Theory]
    [InlineData("en", 0, "0 contacts")]
    [InlineData("en", 1, "1 contact")]
    [InlineData("en", 2, "2 contacts")]
    [InlineData("sv", 0, "0 kontakter")]
    [InlineData("sv", 1, "1 kontakt")]
    [InlineData("sv", 1204, "1\u00A0204 kontakter")]
    public void A_count_of_one_takes_the_singular_and_every_other_count_the_plural(string language, int count, string expected)
    {
        var text = new Text(null!);
        text.Use(language);

        Assert.Equal(expected, text.Plural("People.Total", count, text.Number(count)));
    }

    [Fact]
    public void Every_legal_basis_and_source_has_a_label()
    {
        var (english, _) = Text.Keys;

        Assert.All(Enum.GetNames<AuthorizationType>(), name => Assert.Contains("Auth." + name, english));
        Assert.All(Enum.GetNames<SourceType>(), name => Assert.Contains("Source." + name, english));
    }

    [Fact]
    public void Every_reason_for_offering_nobody_to_capture_has_a_text()
    {
        var (english, _) = Text.Keys;

        Assert.All(Enum.GetNames<CaptureProblem>(), name => Assert.Contains("Capture.Problem." + name, english));
    }

    [Fact]
    public void Every_role_has_a_name()
    {
        var (english, _) = Text.Keys;

        Assert.All(Enum.GetNames<UserRole>(), name => Assert.Contains("Role." + name, english));
    }

    [Theory]
    [InlineData("Consent", "2026-01-02", "Newsletter", "ignored", "Consent", true, true, false)]
    [InlineData("LegitimateInterest", "2026-01-02", "Newsletter", "ignored", "LegitimateInterest", false, false, false)]
    [InlineData("Other", "2026-01-02", "Newsletter", "Works council", "Other", false, false, true)]
    [InlineData("", "2026-01-02", "Newsletter", "x", null, false, false, false)]
    public void Legal_basis_input_sends_only_what_the_chosen_basis_allows(
        string type, string date, string purpose, string description, string? expected, bool keepsDate, bool keepsPurpose, bool keepsDescription)
    {
        var input = new LegalBasisInput(type, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), purpose, description);

        var request = input.ToRequest();

        Assert.Equal(expected, request.Type?.ToString());
        Assert.Equal(keepsDate, request.ConsentDate is not null);
        Assert.Equal(keepsPurpose, request.ConsentPurpose is not null);
        Assert.Equal(keepsDescription, request.Description is not null);
    }

    [Theory]
    [InlineData(null, "Ada", "Lovelace", "Ada", "Lovelace")]
    [InlineData("Jean-Luc Picard", null, null, "Jean-Luc", "Picard")]
    [InlineData("Anna Maria de la Cruz", null, null, "Anna", "Maria de la Cruz")]
    [InlineData("Cher", null, null, "Cher", null)]
    public void A_candidates_name_splits_into_first_and_last(string? full, string? given, string? family, string? first, string? last)
    {
        var person = new PersonCandidate { FullName = full, GivenName = given, FamilyName = family, Origin = "test" };

        Assert.Equal((first, last), PersonNames.Split(person));
    }
}
