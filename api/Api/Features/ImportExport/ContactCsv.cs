using System.Globalization;
using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>
/// The export's CSV: the model product's 16 columns, RFC 4180 quoting and CRLF records, UTF-8 with a
/// byte order mark (so Excel shows å, ä, ö), ISO 8601 UTC times, and OWASP formula-injection protection —
/// a cell starting with = + - @ tab or CR gets a leading apostrophe (E.164 phones included, which also
/// keeps Excel from turning them into numbers). <see cref="ImportColumns"/> removes it again.
/// <see cref="CsvExportResult"/> has PostgreSQL write the records.
/// </summary>
public static class ContactCsv
{
    public static readonly string[] Header =
    [
        "First Name", "Last Name", "Company", "Title", "Email ID", "Phone Number", "Website", "LinkedIn", "Twitter", "Facebook",
        "Other", "Salesforce ID", "Person ID", "Created At", "Updated At", "Exported At",
    ];

    /// <summary>Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).</summary>
    public static readonly char[] InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'];

    public const string MediaType = "text/csv";

    /// <summary>What goes before a cell that starts with one of <see cref="InjectionCharacters"/>.</summary>
    public const char InjectionEscape = '\'';

    /// <summary>The header record, CRLF-terminated (RFC 4180); no name needs quoting.</summary>
    public static readonly string HeaderLine = string.Join(',', Header) + "\r\n";

    /// <summary>
    /// A sensible file name: "contact-jane-doe-2026-12-01.csv" for one person (letters folded to
    /// ASCII, so every browser keeps it), "contacts-2026-12-01.csv" for many.
    /// </summary>
    public static string FileName(string? firstName, string? lastName, DateTimeOffset exportedAt)
    {
        var date = exportedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var slug = FileNames.Slug($"{firstName} {lastName}");
        return slug.Length == 0 ? $"contact-{date}.csv" : $"contact-{slug}-{date}.csv";
    }

    public static string BulkFileName(DateTimeOffset exportedAt) =>
        $"contacts-{exportedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
}
