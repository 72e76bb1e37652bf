using System.Text;
using CsvHelper;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>What an import reads from a file: which contact field each column feeds.</summary>
public enum ImportField
{
    Ignored, FirstName, LastName, Email, Phone, Company, Title, Website, LinkedIn, Twitter, Facebook, Other, SalesforceId,
    AuthorizationType, AuthorizationDescription, ConsentDate, ConsentPurpose,
}

/// <summary>
/// Reading an import file: the header's columns (the export's own plus common English and Swedish
/// variants), strict UTF-8, RFC 4180 quotes, and the check that refuses a malformed file before
/// anything is written.
/// </summary>
public static class ImportFile
{
    /// <summary>The longest cell accepted; a longer one is nearly always an unbalanced quote swallowing lines.</summary>
    public const int MaxCellLength = 10_000;

    private static readonly Dictionary<string, ImportField> Names = Build(
        (ImportField.FirstName, ["firstname", "givenname", "forename", "first", "förnamn", "fornamn"]),
        (ImportField.LastName, ["lastname", "surname", "familyname", "last", "efternamn"]),
        (ImportField.Email, ["emailid", "email", "emailaddress", "mail", "epost", "epostadress", "mejl"]),
        (ImportField.Phone, ["phonenumber", "phone", "telephone", "tel", "mobile", "mobilephone", "telefon", "telefonnummer", "mobil", "mobilnummer"]),
        (ImportField.Company, ["company", "companyname", "organization", "organisation", "account", "företag", "foretag"]),
        (ImportField.Title, ["title", "jobtitle", "position", "titel", "befattning"]),
        (ImportField.Website, ["website", "web", "url", "homepage", "webbplats", "hemsida"]),
        (ImportField.LinkedIn, ["linkedin", "linkedinurl", "linkedinprofile"]),
        (ImportField.Twitter, ["twitter", "x", "twitterurl"]),
        (ImportField.Facebook, ["facebook", "facebookurl"]),
        (ImportField.Other, ["other", "notes", "note", "övrigt", "ovrigt", "anteckningar"]),
        (ImportField.SalesforceId, ["salesforceid", "sfid"]),
        (ImportField.AuthorizationType, ["authorizationtype", "legalbasis", "rättsliggrund"]),
        (ImportField.AuthorizationDescription, ["authorizationdescription", "legalbasisdescription"]),
        (ImportField.ConsentDate, ["consentdate", "dateofconsent", "datumförsamtycke"]),
        (ImportField.ConsentPurpose, ["consentpurpose", "purposeofprocessing", "ändamålmedbehandlingen"]),
        (ImportField.Ignored, ["personid", "createdat", "updatedat", "exportedat"]));

    private static Dictionary<string, ImportField> Build(params (ImportField Field, string[] Names)[] groups) =>
        groups.SelectMany(g => g.Names.Select(n => (n, g.Field))).ToDictionary(p => p.n, p => p.Field, StringComparer.Ordinal);

    /// <summary>"First name", "E-mail", "first_name" → one key.</summary>
    public static string Key(string header) =>
        new([.. header.Trim().TrimStart('\uFEFF').ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_' or '.' or '\'' or '"'))]);

    /// <summary>The field each column feeds; null when the row is no header the import knows.</summary>
    public static ImportField[]? Map(string[] header)
    {
        var seen = new HashSet<ImportField>();
        var fields = header.Select(h => Names.TryGetValue(Key(h), out var f) && (f == ImportField.Ignored || seen.Add(f)) ? f : ImportField.Ignored).ToArray();
        return fields.Any(f => f is ImportField.FirstName or ImportField.LastName or ImportField.Email) ? fields : null;
    }

    /// <summary>A strict UTF-8 reader (a byte that is not UTF-8 throws); a leading byte order mark is skipped.</summary>
    public static StreamReader Reader(Stream stream) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);

    /// <summary>
    /// RFC 4180, the separator detected (comma, or the semicolon a Swedish Excel writes), malformed
    /// quoting refused, no values in exception messages (they may be personal data).
    /// </summary>
    public static CsvReaderOptions Options => new()
    {
        Mode = CsvMode.Rfc4180,
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        IncludeValuesInExceptions = false,
        MaxRecordSize = 1024 * 1024,
    };

    /// <summary>A reader over the file, decoded as strict UTF-8.</summary>
    public static CsvReader Open(string path) => CsvReader.Create(Reader(File.OpenRead(path)), Options, false);

    /// <summary>Removes the formula-injection apostrophe the export adds (so an export imports back as it was), trims, and makes blanks null.</summary>
    public static string? Cell(string raw)
    {
        var value = raw.Length > 1 && raw[0] == '\'' && Array.IndexOf(ContactCsv.InjectionCharacters, raw[1]) >= 0 ? raw[1..] : raw;
        value = value.Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// Checks a whole spooled upload before a job is queued, so a malformed file writes nothing:
    /// not binary, UTF-8, balanced quotes, a header the import knows. Returns the delimiter and
    /// the number of data rows; throws <see cref="InvalidImportFileException"/> with the reason.
    /// </summary>
    public static async Task<int> CheckAsync(string path, CancellationToken ct)
    {
        var (length, quotes) = await ScanBytesAsync(path, ct);
        if (length == 0)
        {
            throw new InvalidImportFileException("The file is empty.");
        }

        if (quotes % 2 != 0)
        {
            throw new InvalidImportFileException("The file has unbalanced quotes: a quoted cell is never closed.");
        }

        await using var csv = Open(path);
        var rows = 0;
        try
        {
            await csv.ReadHeaderAsync(ct);
            if (Map([.. csv.Headers]) is null)
            {
                throw new InvalidImportFileException(
                    "The first row is not a header the import knows: it must name the columns, e.g. First Name, Last Name, Email ID (the export's own header works).");
            }

            while (await csv.ReadAsync(ct))
            {
                rows++;
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    if (csv.GetString(i).Length > MaxCellLength)
                    {
                        throw new InvalidImportFileException($"Data row {rows}: a cell is longer than {MaxCellLength} characters (most likely a quote that is not closed).");
                    }
                }
            }
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidImportFileException("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.");
        }
        catch (CsvFormatException e)
        {
            throw new InvalidImportFileException($"Record {e.RecordNumber} breaks the CSV quoting rules (RFC 4180: quote a whole cell and double a quote inside it).");
        }

        return rows;
    }

    /// <summary>One pass over the bytes: NUL bytes mean a binary file (or UTF-16); every RFC 4180 quote comes in pairs.</summary>
    private static async Task<(long Length, long Quotes)> ScanBytesAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        long length = 0, quotes = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            if (span.Contains((byte)0))
            {
                throw new InvalidImportFileException("The file is not text (it holds NUL bytes: a binary file, or text saved as UTF-16). Save it as \"CSV UTF-8\".");
            }

            quotes += span.Count((byte)'"');
            length += read;
        }

        return (length, quotes);
    }
}

/// <summary>An upload the import cannot read; its message says why, without quoting the file.</summary>
public sealed class InvalidImportFileException(string message) : Exception(message);
