using System.Globalization;
using CsvHelper;
using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>
/// The export's CSV: the model product's 16 columns, RFC 4180 quoting, UTF-8 with a byte order
/// mark (so Excel shows å, ä, ö), ISO 8601 UTC times, and OWASP formula-injection protection — a
/// cell starting with = + - @ tab or CR gets a leading apostrophe (E.164 phones included, which also
/// keeps Excel from turning them into numbers). <see cref="ImportColumns"/> removes it again.
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

    /// <summary>RFC 4180 with CRLF, the injection apostrophe, and a UTF-8 byte order mark (without it Excel reads the local ANSI code page).</summary>
    public static CsvWriterOptions Options => new()
    {
        Mode = CsvMode.Rfc4180,
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
        WriteByteOrderMark = true,
    };

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The header record (CsvHelper ends it).</summary>
    public static void WriteHeader(CsvWriter csv) => csv.WriteHeader(Header);

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
