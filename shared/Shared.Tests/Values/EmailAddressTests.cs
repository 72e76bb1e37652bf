using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Shared.Tests.Values;

public class EmailAddressTests
{
    [Fact]
    public void Longest_table_address_is_exactly_the_limit() =>
        Assert.Equal(Limits.Email, EmailAndPhoneTable.LongestEmail.Length);

    [Fact]
    public void Addresses_differing_only_in_case_are_one_address() =>
        Assert.Equal(EmailAddress.Parse("Jane.Doe@Acme.Example"), EmailAddress.Parse("jane.doe@acme.example"));

    [Theory]
    [InlineData("Jane Doe <jane@acme.example>")]
    [InlineData("<jane@acme.example>")]
    [InlineData("jane@acme.example (Jane)")]
    [InlineData("jane@acme.example, john@acme.example")]
    [InlineData("jane@acme.example.")]
    public void Anything_but_a_bare_address_is_refused(string input) =>
        Assert.False(EmailAddress.TryParse(input, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_is_no_address(string? input) => Assert.False(EmailAddress.TryParse(input, out _));

    [Fact]
    public void Parse_throws_a_format_exception_for_a_bad_address() =>
        Assert.Throws<FormatException>(() => EmailAddress.Parse("a..b@acme.example"));

    [Fact]
    public void Blank_email_is_valid_when_optional_and_refused_when_required()
    {
        var optional = new ValidationErrors();
        optional.Email("email", "  ");
        var required = new ValidationErrors();
        required.Email("email", "  ", required: true);

        Assert.True(optional.IsValid);
        Assert.False(required.IsValid);
    }
}
