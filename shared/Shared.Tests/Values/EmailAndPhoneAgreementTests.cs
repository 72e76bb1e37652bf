using System.Net;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Extraction;
using ComplianceConnect.Shared.Tests.Extraction;
using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Shared.Tests.Values;

/// <summary>Every row of <see cref="EmailAndPhoneTable"/> gets the same answer from every side that reads emails and phones.</summary>
public class EmailAndPhoneAgreementTests
{
    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Emails), MemberType = typeof(EmailAndPhoneTable))]
    public void Email_value_type_gives_the_canonical_form_or_refuses(string input, string? canonical)
    {
        Assert.Equal(canonical is not null, EmailAddress.TryParse(input, out var email));
        Assert.Equal(canonical, email?.Value);
        Assert.Equal(canonical, email?.ToString());
    }

    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Emails), MemberType = typeof(EmailAndPhoneTable))]
    public void Extractor_keeps_a_mailto_address_only_when_it_is_an_email(string input, string? canonical)
    {
        var html = $"<main><h1>Jane Doe</h1><p>Data Protection Officer</p><a href=\"mailto:{WebUtility.HtmlEncode(input)}\">Write to Jane</a></main>";

        var best = Fixture.ExtractHtml(html).Best;

        Assert.Equal(canonical, EmailAddress.Canonical(best?.Email));
    }

    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Emails), MemberType = typeof(EmailAndPhoneTable))]
    public void Extractor_keeps_an_address_written_in_the_text_only_when_it_is_an_email(string input, string? canonical)
    {
        var html = $"<main><h1>Jane Doe</h1><p>Data Protection Officer</p><p>Email: {WebUtility.HtmlEncode(input.Trim())}</p></main>";

        var best = Fixture.ExtractHtml(html).Best;

        Assert.Equal(canonical, EmailAddress.Canonical(best?.Email));
    }

    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Emails), MemberType = typeof(EmailAndPhoneTable))]
    public void Selection_parser_keeps_an_address_only_when_it_is_an_email(string input, string? canonical)
    {
        var person = SelectionParser.Parse($"Jane Doe\nData Protection Officer\n{input.Trim()}");

        Assert.Equal(canonical, EmailAddress.Canonical(person?.Email));
    }

    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Emails), MemberType = typeof(EmailAndPhoneTable))]
    public void Contact_validation_accepts_an_email_only_when_it_is_one(string input, string? canonical)
    {
        var errors = new ValidationErrors();

        new CreateContactRequest { FirstName = "Jane", Email = input }.Validate(errors);

        Assert.Equal(canonical is not null, errors.For("email").Count == 0);
        Assert.Equal(canonical is not null, ValidationErrors.IsEmail(input));
    }

    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Phones), MemberType = typeof(EmailAndPhoneTable))]
    public void Phone_value_type_gives_E164_or_refuses(string input, string? canonical)
    {
        Assert.Equal(canonical is not null, PhoneNumber.TryParse(input, EmailAndPhoneTable.Region, out var phone));
        Assert.Equal(canonical, phone?.Value);
        Assert.Equal(canonical, phone?.ToString());
    }

    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Phones), MemberType = typeof(EmailAndPhoneTable))]
    public void Extractor_keeps_a_tel_number_only_when_it_is_a_phone_number(string input, string? canonical)
    {
        var html = $"<main><h1>Jane Doe</h1><p>Data Protection Officer</p><a href=\"mailto:jane.doe@acme.example\">Mail</a> "
            + $"<a href=\"tel:{WebUtility.HtmlEncode(input)}\">Call Jane</a></main>";

        var best = Fixture.ExtractHtml(html).Best;

        Assert.Equal(canonical, PhoneNumber.Canonical(best?.Phone, EmailAndPhoneTable.Region));
    }

    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Phones), MemberType = typeof(EmailAndPhoneTable))]
    public void Extractor_keeps_a_labelled_number_in_the_text_only_when_it_is_a_phone_number(string input, string? canonical)
    {
        var html = $"<main><h1>Jane Doe</h1><p>Data Protection Officer</p><p>jane.doe@acme.example</p><p>Tel: {WebUtility.HtmlEncode(input)}</p></main>";

        var best = Fixture.ExtractHtml(html).Best;

        Assert.Equal(canonical, PhoneNumber.Canonical(best?.Phone, EmailAndPhoneTable.Region));
    }

    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Phones), MemberType = typeof(EmailAndPhoneTable))]
    public void Selection_parser_keeps_a_number_only_when_it_is_a_phone_number(string input, string? canonical)
    {
        var person = SelectionParser.Parse($"Jane Doe\nData Protection Officer\njane.doe@acme.example\nTel: {input}");

        Assert.NotNull(person);
        Assert.Equal(canonical, PhoneNumber.Canonical(person.Phone, EmailAndPhoneTable.Region));
    }

    [Theory]
    [MemberData(nameof(EmailAndPhoneTable.Phones), MemberType = typeof(EmailAndPhoneTable))]
    public void Contact_validation_accepts_a_phone_only_when_it_is_one(string input, string? canonical)
    {
        var errors = new ValidationErrors();

        new CreateContactRequest { FirstName = "Jane", Phone = input }.Validate(errors);

        Assert.Equal(canonical is not null, errors.For("phone").Count == 0);
    }
}
