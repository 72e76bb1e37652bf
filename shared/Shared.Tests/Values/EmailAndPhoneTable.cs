namespace ComplianceConnect.Shared.Tests.Values;

/// <summary>
/// The one table of email and phone inputs every side must agree on: the value types, the extractor, the selection
/// parser, the shared validation — and the API over HTTP, which can use these rows as they are. A row's expected value
/// is the canonical form, or null when the input must be refused everywhere.
/// </summary>
/// <remarks>
/// Inputs are what a person types into a field, not surrounding prose: how the extractor peels "(jane@x.example)." or
/// "Jane &lt;jane@x.example&gt;" off a page is extraction, tested with the extractor.
/// </remarks>
public static class EmailAndPhoneTable
{
    /// <summary>The region national phone numbers in <see cref="Phones"/> are read in.</summary>
    public const string Region = "SE";

    /// <summary>The longest address allowed: a 64-character local part on a domain that brings it to 254.</summary>
    public static readonly string LongestEmail = new string('a', 64) + "@" + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 58) + ".se";

    /// <summary>Email input → canonical form, or null when it is no email address.</summary>
    public static TheoryData<string, string?> Emails => new()
    {
        { "jane.doe@acme.example", "jane.doe@acme.example" },
        { "Jane.Doe@ACME.Example", "jane.doe@acme.example" },
        { "  jane@acme.example ", "jane@acme.example" },
        { "jane+newsletter@acme.example", "jane+newsletter@acme.example" },
        { "o'brien@acme.example", "o'brien@acme.example" },
        { "anna@bücher.example", "anna@bücher.example" },
        { "anna@xn--bcher-kva.example", "anna@bücher.example" },
        { "\"jane doe\"@acme.example", "\"jane doe\"@acme.example" },
        { "j@x.se", "j@x.se" },
        { LongestEmail, LongestEmail },

        { "a..b@acme.example", null },
        { "jane.@acme.example", null },
        { "jane@acme..example", null },
        { "jane@x.c", null },
        { "jane@localhost", null },
        { "jane@acme.123", null },
        { "jane@-acme.example", null },
        { "jane@exa_mple.example", null },
        { "jane@@acme.example", null },
        { "jane@[192.168.0.1]", null },
        { "jane.acme.example", null },
        { "x" + LongestEmail, null },
        { new string('a', 65) + "@acme.example", null },
    };

    /// <summary>Phone input (national numbers in <see cref="Region"/>) → E.164, or null when it is no valid number.</summary>
    public static TheoryData<string, string?> Phones => new()
    {
        { "+46 70 123 45 67", "+46701234567" },
        { "070-123 45 67", "+46701234567" },
        { "(08) 123 456 78", "+46812345678" },
        { "0046 70 123 45 67", "+46701234567" },
        { "+49 30 1234567", "+49301234567" },
        { "+44 20 7946 0958", "+442079460958" },
        { "+1 201-555-0123", "+12015550123" },

        { "+46 8 123 45", null },
        { "+46 70 123", null },
        { "+46 70 123 45 67 89 01", null },
        { "+999 123 456 789", null },
        { "070-ABC 45 67", null },
        { "123456", null },
    };
}
