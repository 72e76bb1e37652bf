using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceConnect.Api.Features.Retention;

/// <summary>
/// Retention review (GDPR Art. 5(1)(e)). A contact is due when its latest real activity is older
/// than the organization's retention period. Real activity is what its audit trail records as
/// creation, a compliance-card change or a "keep" decision (and emails sent, once they exist);
/// viewing, exporting, re-capturing or an import that only touches personal data do not renew it
/// — the self-renewing retention the CNIL fined KASPR for.
/// </summary>
public static class RetentionApi
{
    /// <summary>The audit actions that count as activity.</summary>
    public static readonly string[] ActivityActions =
    [
        AuditActions.ContactCreated, AuditActions.ContactCaptured, AuditActions.ComplianceCardChanged, "contact.changed", RetentionKept,
    ];

    public const string RetentionKept = "contact.retention-kept";

    public static IEndpointRouteBuilder MapRetentionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Retention").RequireAuthorization().Validate();
        group.MapGet(ApiRoutes.RetentionSettings, GetSettings);
        group.MapPut(ApiRoutes.RetentionSettings, SetSettings).RequireAuthorization(Policies.Admin);
        group.MapGet(ApiRoutes.RetentionDue, Due);
        group.MapPost(ApiRoutes.RetentionKeepTemplate, Keep);
        return app;
    }

    public static async Task<Ok<RetentionSettingsDto>> GetSettings(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new RetentionSettingsDto(await db.Organizations.Where(o => o.Id == db.TenantId).Select(o => o.RetentionDays).SingleOrDefaultAsync(ct)));

    public static async Task<Ok<RetentionSettingsDto>> SetSettings(RetentionSettingsDto request, AppDbContext db, CancellationToken ct)
    {
        await db.Organizations.Where(o => o.Id == db.TenantId).ExecuteUpdateAsync(s => s.SetProperty(o => o.RetentionDays, request.Days), ct);
        return TypedResults.Ok(request);
    }

    /// <summary>The contacts due for review, longest inactive first; the total is the overview's "due" count.</summary>
    public static async Task<Results<Ok<PagedResult<RetentionDueDto>>, ValidationProblem>> Due(
        AppDbContext db, TimeProvider clock, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (page < 1 || pageSize is < 1 or > Contacts.ContactsApi.MaxPageSize)
        {
            return Problems.Validation(page < 1 ? nameof(page) : nameof(pageSize), ValidationCodes.OutOfRange, $"page must be 1 or more, pageSize between 1 and {Contacts.ContactsApi.MaxPageSize}.");
        }

        var days = await db.Organizations.Where(o => o.Id == db.TenantId).Select(o => o.RetentionDays).SingleOrDefaultAsync(ct);
        if (days is null)
        {
            return TypedResults.Ok(new PagedResult<RetentionDueDto>([], page, pageSize, 0));
        }

        var cutoff = clock.GetUtcNow().AddDays(-days.Value);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("""
            WITH activity AS (
                SELECT c.id, greatest(c.created_at, (SELECT max(e.occurred_at) FROM audit_entries e
                                                     WHERE e.organization_id = c.organization_id AND e.contact_id = c.id AND e.action = ANY (@actions))) AS last_at
                FROM contacts c)
            SELECT id, last_at, count(*) OVER () FROM activity WHERE last_at < @cutoff
            ORDER BY last_at, id OFFSET @skip LIMIT @take
            """, connection);
        command.Parameters.AddWithValue("actions", ActivityActions);
        command.Parameters.AddWithValue("cutoff", cutoff);
        command.Parameters.AddWithValue("skip", (page - 1) * pageSize);
        command.Parameters.AddWithValue("take", pageSize);
        var rows = new List<(Guid Id, DateTimeOffset LastAt)>();
        var total = 0L;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
                total = reader.GetInt64(2);
            }
        }

        if (rows.Count == 0 && page > 1)
        {
            // Past the last page: the window function had no row to carry the total.
            total = await CountDueAsync(connection, cutoff, ct);
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var contacts = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var items = rows.Where(r => contacts.ContainsKey(r.Id)).Select(r => new RetentionDueDto(contacts[r.Id].ToDto(), r.LastAt)).ToList();
        return TypedResults.Ok(new PagedResult<RetentionDueDto>(items, page, pageSize, (int)total));
    }

    private static async Task<long> CountDueAsync(NpgsqlConnection connection, DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM contacts c
            WHERE greatest(c.created_at, (SELECT max(e.occurred_at) FROM audit_entries e
                                          WHERE e.organization_id = c.organization_id AND e.contact_id = c.id AND e.action = ANY (@actions))) < @cutoff
            """, connection);
        command.Parameters.AddWithValue("actions", ActivityActions);
        command.Parameters.AddWithValue("cutoff", cutoff);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Keeps a contact after review; the reason is audited (by the table's trigger) and counts as activity.</summary>
    public static async Task<Results<NoContent, NotFound>> Keep(Guid id, RetentionKeepRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Contacts.AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        db.RetentionReviews.Add(new RetentionReview { ContactId = id, Reason = request.Reason!.Trim(), DecidedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
