using System.Buffers;
using System.Data;
using System.Text;
using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>
/// Streams the contacts of one recorded export as CSV. PostgreSQL writes the records itself
/// (<c>COPY (SELECT …) TO STDOUT WITH (FORMAT csv)</c>: its own quoting, the cells already formatted and
/// formula-escaped by the query), and this copies them into the response body as they arrive, turning each
/// record's LF into the CRLF RFC 4180 asks for; memory stays flat whether it holds ten contacts or a million.
/// It runs after the request's unit of work committed the export's audit entry (nothing leaves before it is
/// audited), in a read-only unit of work of its own for the same organization and actor, so row-level security
/// applies to the COPY's query as to any other.
/// </summary>
public sealed class CsvExportResult(WorkContext context, Guid exportId, int contactCount, string fileName) : IResult
{
    /// <summary>
    /// From this many contacts on, the export joins its ids with the organization's contacts by a hash join (the
    /// contacts read once, in parallel) instead of one primary-key probe per id. At 200 000 contacts the probes took
    /// 3.0 s, the hash join 1.7 s; for a handful of ids the probes are what is cheap (a hash join reads every contact
    /// of the organization).
    /// </summary>
    internal const int HashJoinFrom = 20_000;

    /// <summary>
    /// What a large export's transaction sets before its COPY: no nested loops, so its join is a hash (or merge) join
    /// whatever the statistics say; no JIT, which the planner would otherwise start for the nested loops' disabled
    /// cost alone (it took 1.4 s at 200 000 contacts); and room to sort 200 000 formatted rows in memory (in each of
    /// the parallel workers) rather than in temporary files.
    /// </summary>
    internal static readonly (string Name, string Value)[] HashJoinSettings = [("enable_nestloop", "off"), ("jit", "off"), ("work_mem", "'32MB'")];

    /// <summary>
    /// The contacts of the export <c>@export</c>, each column formatted as the file holds it, in the order the export
    /// recorded them: the People list's name order when it was recorded. Sorting by the position in the record compares
    /// integers where sorting by the name key compared text under the database's collation: at 200 000 contacts the
    /// COPY took 0.76–0.86 s instead of 1.02–1.12 s (psql, 2026-12-02). Linear in the ids whatever the statistics say.
    /// Two plans this replaces were quadratic:
    /// <c>c.id = ANY (x.contact_ids)</c> as a join condition searched the whole array for each contact; and a plain
    /// join with the unnest let the planner, when the organization's contacts were newer than the last ANALYZE
    /// (estimated at one row, as right after an import), put the contacts outside a nested loop and rescan every
    /// unnested id for each of them, which ran for minutes at 200 000 contacts. So a small export looks each id up by
    /// the primary key in a lateral subquery with <c>OFFSET 0</c>, which cannot be flattened into the join (the ids are
    /// always the outer side, one index probe each). A large one joins with nested loops turned off
    /// (<see cref="HashJoinSettings"/>), its ids unnested from a subquery rather than laterally from the export's row:
    /// a lateral function can only be the inner side of a nested loop, which let the planner put the contacts outside
    /// it and rescan the ids for each one, turned off or not.
    /// </summary>
    internal static string Sql(bool large) => large ? LargeSql : SmallSql;

    private static readonly string LargeSql = $"""
            SELECT {Columns}
            FROM unnest((SELECT contact_ids FROM contact_exports WHERE id = @export)) WITH ORDINALITY AS e(id, n)
            JOIN contacts c ON c.id = e.id
            WHERE c.organization_id = @organization
            ORDER BY e.n
            """;

    private static readonly string SmallSql = $"""
            SELECT {Columns}
            FROM contact_exports x
            CROSS JOIN LATERAL unnest(x.contact_ids) WITH ORDINALITY AS e(id, n)
            CROSS JOIN LATERAL (SELECT * FROM contacts k WHERE k.organization_id = x.organization_id AND k.id = e.id OFFSET 0) c
            WHERE x.id = @export
            ORDER BY e.n
            """;

    /// <summary>
    /// The file's 16 columns of the contact <c>c</c>, formatted. The export's time is the same in every record, so it is
    /// formatted once, by an uncorrelated subquery (an InitPlan), not once per record.
    /// </summary>
    private static string Columns => $"""
        {Cell("c.first_name")}, {Cell("c.last_name")}, {Cell("c.company")}, {Cell("c.title")}, {Cell("c.email")},
               {Cell("c.phone")}, {Cell("c.website")}, {Cell("c.linked_in")}, {Cell("c.twitter")}, {Cell("c.facebook")},
               {Cell("c.other")}, {Cell("c.salesforce_id")}, c.id, {Time("c.created_at")}, {Time("c.updated_at")},
               (SELECT {Time("exported_at")} FROM contact_exports WHERE id = @export)
        """;

    /// <summary>
    /// A text cell: empty for NULL and for '' alike (COPY would quote an empty string to tell it from NULL), and the
    /// OWASP apostrophe before a leading formula character, the same characters the import strips again.
    /// </summary>
    private static string Cell(string column)
    {
        // ascii() is the first character's code point (0 for '', NULL for NULL): no substring is made for each cell.
        var starts = string.Join(", ", ContactCsv.InjectionCharacters.Select(c => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"CASE WHEN ascii({column}) IN ({starts}) THEN chr({(int)ContactCsv.InjectionEscape}) || {column} ELSE nullif({column}, '') END";
    }

    /// <summary>ISO 8601 in UTC to the second: 2026-12-01T14:26:03Z.</summary>
    private static string Time(string column) => $"""to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')""";

    /// <summary>The COPY of <see cref="Sql"/> for one export (COPY takes no parameters; a <see cref="Guid"/> literal cannot carry anything else).</summary>
    internal static string Copy(Guid exportId, Guid organizationId, bool large) =>
        $"COPY ({Sql(large).Replace("@export", $"'{exportId:D}'::uuid", StringComparison.Ordinal)
            .Replace("@organization", $"'{organizationId:D}'::uuid", StringComparison.Ordinal)}) TO STDOUT WITH (FORMAT csv)";

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var scope = http.RequestServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().BeginAsync(context, IsolationLevel.RepeatableRead, ct);

        // COPY sends its first record only when the query has its first row (after the sort), and a failure until then
        // is thrown here, before the first byte is written, so it still answers with a problem document.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var large = contactCount >= HashJoinFrom;
        if (large)
        {
            await using var settings = new NpgsqlCommand(string.Join("; ", HashJoinSettings.Select(s => $"SET LOCAL {s.Name} = {s.Value}")), connection);
            await settings.ExecuteNonQueryAsync(ct);
        }

        // The CSV's UTF-8 bytes as PostgreSQL sends them (the connection's client encoding), copied into the body as
        // bytes: read from the text export's underlying COPY stream, never through the reader itself, which would decode
        // them into characters for the body's writer to encode again (Npgsql's raw COPY API takes binary COPY only). Each
        // read returns at most one record (one CopyData message), so reads fill a buffer before a write.
        using var export = await connection.BeginTextExportAsync(Copy(exportId, context.OrganizationId, large), ct);
        var records = export.BaseStream;
        var input = ArrayPool<byte>.Shared.Rent(BufferLength);
        var output = ArrayPool<byte>.Shared.Rent(2 * BufferLength);
        try
        {
            var read = await FillAsync(records, input, ct);
            http.Response.ContentType = ContactCsv.MediaType + "; charset=utf-8";
            http.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            http.Response.Headers[HeaderNames.CacheControl] = "no-store"; // personal data: no copies in caches

            // The byte order mark first (without it Excel reads the local ANSI code page), then the header line.
            var body = http.Response.Body;
            await body.WriteAsync(FileStart, ct);
            var quoted = false;
            while (read > 0)
            {
                var written = ToCrLf(input.AsSpan(0, read), output, ref quoted);
                await body.WriteAsync(output.AsMemory(0, written), ct);
                read = await FillAsync(records, input, ct);
            }

            await body.FlushAsync(ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }

        export.Dispose(); // ends the COPY: the connection takes no other command while it is open
        await work.CommitAsync(ct);
    }

    /// <summary>The file's first bytes: UTF-8's byte order mark and the header line.</summary>
    private static readonly byte[] FileStart = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(ContactCsv.HeaderLine)];

    /// <summary>Reads records into <paramref name="buffer"/> until it is nearly full or the COPY has ended; 0 at its end.</summary>
    private static async ValueTask<int> FillAsync(Stream records, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        int read;
        do
        {
            read = await records.ReadAsync(buffer.AsMemory(filled, BufferLength - filled), ct);
            filled += read;
        }
        while (read > 0 && filled < BufferLength - FillSlack);

        return filled;
    }

    /// <summary>A buffer this close to full is written rather than topped up by one more short read.</summary>
    private const int FillSlack = 1024;

    private const int BufferLength = 16 * 1024;

    /// <summary>
    /// Copies COPY's CSV bytes (UTF-8) from <paramref name="input"/> to <paramref name="output"/> (room for twice the
    /// input) with each record terminator (LF) made CRLF, and returns the bytes written. Quotes and line feeds are ASCII,
    /// and no byte of a multi-byte UTF-8 sequence is below 0x80, so a piece may end inside a character. A line break
    /// inside a quoted cell is part of the value and stays as it is: <paramref name="quoted"/> says whether the text so far ends
    /// inside quotes, carried from one piece to the next (a doubled quote inside a cell toggles it twice).
    /// </summary>
    internal static int ToCrLf(ReadOnlySpan<byte> input, Span<byte> output, ref bool quoted)
    {
        // Vectorized search for the next character that matters: inside quotes only the closing quote does.
        var written = 0;
        while (!input.IsEmpty)
        {
            var at = quoted ? input.IndexOf((byte)'"') : input.IndexOfAny((byte)'"', (byte)'\n');
            if (at < 0)
            {
                input.CopyTo(output[written..]);
                return written + input.Length;
            }

            input[..at].CopyTo(output[written..]);
            written += at;
            if (input[at] == (byte)'"')
            {
                quoted = !quoted;
            }
            else
            {
                output[written++] = (byte)'\r';
            }

            output[written++] = input[at];
            input = input[(at + 1)..];
        }

        return written;
    }
}
