using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>
/// Exports: one contact or a selection as CSV, and a data-subject copy as JSON. Each is recorded
/// in <c>contact_exports</c>, whose trigger writes the export's single audit entry.
/// </summary>
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Export").RequireAuthorization().Validate();
        group.MapGet(ApiRoutes.ContactExportCsvTemplate, ExportOne).Produces(StatusCodes.Status200OK, contentType: ContactCsv.MediaType);
        group.MapPost(ApiRoutes.ContactsExport, ExportMany).Produces(StatusCodes.Status200OK, contentType: ContactCsv.MediaType);
        group.MapPost(ApiRoutes.ContactsExportMatching, ExportMatching).Produces(StatusCodes.Status200OK, contentType: ContactCsv.MediaType);
        group.MapGet(ApiRoutes.DataSubjectCopyTemplate, DataSubjectCopy);
        return app;
    }

    public static async Task<Results<CsvExportResult, NotFound>> ExportOne(Guid id, AppDbContext db, TenantScope scope, TimeProvider clock, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.FirstName, c.LastName }).SingleOrDefaultAsync(ct);
        if (contact is null)
        {
            return TypedResults.NotFound();
        }

        var export = await RecordAsync(db, ContactExport.Csv, db.Contacts.Where(c => c.Id == id), clock, ct);
        return new CsvExportResult(scope.Current!, export.Id, export.ContactCount, ContactCsv.FileName(contact.FirstName, contact.LastName, export.ExportedAt));
    }

    /// <summary>
    /// The People page's selection as one CSV. The ids that are the organization's contacts are
    /// recorded (and audited) first; then exactly those are streamed.
    /// </summary>
    public static async Task<CsvExportResult> ExportMany(ContactIdsRequest request, AppDbContext db, TenantScope scope, TimeProvider clock, CancellationToken ct)
    {
        var requested = request.Ids!.Distinct().ToArray();
        var export = await RecordAsync(db, ContactExport.Csv, db.Contacts.Where(c => requested.Contains(c.Id)), clock, ct);
        return new CsvExportResult(scope.Current!, export.Id, export.ContactCount, ContactCsv.BulkFileName(export.ExportedAt));
    }

    /// <summary>
    /// Every contact matching the People list's filter (the list's own <see cref="ContactList.Matching"/>) as one CSV:
    /// the matching ids are recorded (one audit entry) in the request's unit of work, then streamed like a selection.
    /// </summary>
    public static async Task<CsvExportResult> ExportMatching(ExportMatchingRequest request, AppDbContext db, TenantScope scope, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var export = await RecordAsync(db, ContactExport.Csv, db.Contacts.Matching(db, request.Filter!, user.UserId), clock, ct);
        return new CsvExportResult(scope.Current!, export.Id, export.ContactCount, ContactCsv.BulkFileName(export.ExportedAt));
    }

    /// <summary>Everything held about one person (GDPR Art. 15/20), as JSON.</summary>
    public static async Task<Results<Ok<DataSubjectCopyDto>, NotFound>> DataSubjectCopy(Guid id, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null)
        {
            return TypedResults.NotFound();
        }

        var export = await RecordAsync(db, ContactExport.DataSubjectCopy, db.Contacts.Where(c => c.Id == id), clock, ct);
        var trail = await db.AuditEntries.AsNoTracking().Where(e => e.ContactId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var subscription = await db.SubscriptionEvents.AsNoTracking().Where(e => e.ContactId == id).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(ct);
        var emails = await db.EmailMessages.AsNoTracking().Where(e => e.ContactId == id).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(new DataSubjectCopyDto(
            export.ExportedAt,
            contact.ToDto(),
            new CaptureSourceDto(contact.SourceType, contact.SourceDescription, contact.SourceUrl, contact.CapturedAt),
            subscription.Select(e => new DataSubjectEventDto(e.OccurredAt, e.Kind.ToString(),
                string.Join("; ", new[] { $"via {e.Source}", e.ActorName, e.Reason, e.EvidenceReference }.Where(s => !string.IsNullOrWhiteSpace(s))))).ToList(),
            emails.Select(e => new DataSubjectEventDto(e.SentAt ?? e.CreatedAt, $"Email {e.Status}",
                $"\"{e.Subject}\" from {e.SenderName}, Message-ID {e.MessageId}{(e.PrivacyNotice is null ? "" : ", with the privacy notice")}")).ToList(),
            trail.Select(AuditApi.ToDto).ToList()));
    }

    /// <summary>
    /// Records (and so audits) an export of the contacts <paramref name="contacts"/> selects, in one statement: the query's
    /// own SQL and parameters, as EF Core builds them, feed an <c>INSERT … SELECT</c>, so the ids never travel to the
    /// API and back (at 200 000 contacts, 3 MB each way and a third of a second). Row-level security applies to the
    /// query and to the insert as to any other statement of the unit of work. The ids are recorded in the file's order,
    /// the People list's name order (<c>ARRAY(SELECT … ORDER BY …)</c> keeps its subquery's order), so the stream sorts
    /// by their position in the record instead of comparing names again (<see cref="CsvExportResult"/>).
    /// </summary>
    private static async Task<RecordedExport> RecordAsync(AppDbContext db, string kind, IQueryable<Contact> contacts, TimeProvider clock, CancellationToken ct)
    {
        var export = new RecordedExport(Guid.CreateVersion7(), 0, clock.GetUtcNow());
        await using var command = contacts.OrderBy(c => c.SortName).ThenBy(c => c.Id).Select(c => c.Id).CreateDbCommand();
        command.CommandText = $"""
            INSERT INTO contact_exports (organization_id, id, kind, contact_count, contact_ids, exported_at)
            SELECT app_organization_id(), @export_id, @export_kind, cardinality(m.ids), m.ids, @exported_at
            FROM (SELECT ARRAY({command.CommandText}) AS ids) AS m
            RETURNING contact_count
            """;
        command.Parameters.Add(new NpgsqlParameter("export_id", export.Id));
        command.Parameters.Add(new NpgsqlParameter("export_kind", kind));
        command.Parameters.Add(new NpgsqlParameter("exported_at", export.ExportedAt));
        return export with { ContactCount = (int)(await command.ExecuteScalarAsync(ct))! };
    }

    private readonly record struct RecordedExport(Guid Id, int ContactCount, DateTimeOffset ExportedAt);
}
