using System.Data;
using ComplianceConnect.Api.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>
/// Streams the contacts of one recorded export as CSV, straight from a forward-only reader into
/// the response body, so memory stays flat whether it holds ten contacts or a million. It runs
/// after the request's unit of work committed the export's audit entry (nothing leaves before it
/// is audited), in a read-only unit of work of its own for the same organization and actor.
/// </summary>
public sealed class CsvExportResult(WorkContext context, Guid exportId, string fileName) : IResult
{
    /// <summary>
    /// The contacts of the export <c>@export</c>, in the file's column order. The recorded ids are unnested and each
    /// one is looked up by the primary key: linear in the ids whatever the statistics say. Two plans this replaces
    /// were quadratic: <c>c.id = ANY (x.contact_ids)</c> as a join condition searched the whole array for each
    /// contact; and a plain join with the unnest let the planner, when the organization's contacts were newer than
    /// the last ANALYZE (estimated at one row, as right after an import), put the contacts outside and rescan every
    /// unnested id for each of them, which ran for minutes at 200 000 contacts. The lateral subquery with
    /// <c>OFFSET 0</c> cannot be flattened into the join, so the ids are always the outer side, one index probe each.
    /// </summary>
    internal const string Sql = """
        SELECT c.first_name, c.last_name, c.company, c.title, c.email, c.phone, c.website, c.linked_in, c.twitter, c.facebook,
               c.other, c.salesforce_id, c.id, c.created_at, c.updated_at, x.exported_at
        FROM contact_exports x
        CROSS JOIN LATERAL unnest(x.contact_ids) AS e(id)
        CROSS JOIN LATERAL (SELECT * FROM contacts k WHERE k.organization_id = x.organization_id AND k.id = e.id OFFSET 0) c
        WHERE x.id = @export
        ORDER BY c.last_name NULLS LAST, c.first_name NULLS LAST, c.id
        """;

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var scope = http.RequestServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().BeginAsync(context, IsolationLevel.RepeatableRead, ct);

        // The query runs before the first byte is written, so a failure still answers with a problem document.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("export", exportId);
        // Default (non-sequential) access: Npgsql buffers each row (16 short columns) whole on ReadAsync, so the
        // field reads below are synchronous and do no I/O; rows are still read one at a time, never the result set.
        await using var reader = await command.ExecuteReaderAsync(ct);
        http.Response.ContentType = ContactCsv.MediaType + "; charset=utf-8";
        http.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        http.Response.Headers[HeaderNames.CacheControl] = "no-store"; // personal data: no copies in caches

        await using var csv = CsvWriter.Create(http.Response.Body, ContactCsv.Options, true);
        ContactCsv.WriteHeader(csv);

        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < 12; i++)
            {
                csv.WriteField(reader.IsDBNull(i) ? null : reader.GetString(i));
            }

            csv.WriteField(reader.GetGuid(12).ToString());
            for (var i = 13; i < 16; i++)
            {
                csv.WriteField(ContactCsv.Time(reader.GetFieldValue<DateTimeOffset>(i)));
            }

            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
        await reader.DisposeAsync(); // the connection takes no other command while a reader is open
        await work.CommitAsync(ct);
    }
}
