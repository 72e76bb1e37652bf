using ComplianceConnect.Extension.Components;
using ComplianceConnect.Extension.Services;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Extraction;

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
    public void Every_legal_basis_and_source_has_a_label()
    {
        var (english, _) = Text.Keys;

        Assert.All(Enum.GetNames<AuthorizationType>(), name => Assert.Contains("Auth." + name, english));
        Assert.All(Enum.GetNames<SourceType>(), name => Assert.Contains("Source." + name, english));
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
