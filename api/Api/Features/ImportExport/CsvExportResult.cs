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
    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var scope = http.RequestServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().BeginAsync(context, IsolationLevel.RepeatableRead, ct);

        // The query runs before the first byte is written, so a failure still answers with a problem document.
        // The recorded ids are unnested and joined (hash or index join, linear in the ids): "c.id = ANY (x.contact_ids)"
        // as a join condition searched the whole array for each contact, quadratic at 100 000 ids. The ids are distinct.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("""
            SELECT c.first_name, c.last_name, c.company, c.title, c.email, c.phone, c.website, c.linked_in, c.twitter, c.facebook,
                   c.other, c.salesforce_id, c.id, c.created_at, c.updated_at, x.exported_at
            FROM contact_exports x
            CROSS JOIN LATERAL unnest(x.contact_ids) AS e(id)
            JOIN contacts c ON c.organization_id = x.organization_id AND c.id = e.id
            WHERE x.id = @export
            ORDER BY c.last_name NULLS LAST, c.first_name NULLS LAST, c.id
            """, connection);
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
