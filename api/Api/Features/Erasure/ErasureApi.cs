using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.Erasure;

/// <summary>
/// Erasure (GDPR Art. 17): the contact's row goes, every audit entry about it loses its values
/// (the one change the trail's protection allows; the chain covers only their digest), the delete's
/// own entry (<c>contact.erased</c>) carries none, retention decisions go with the contact, and
/// keyed hashes of the email and LinkedIn profile join the suppression list.
/// </summary>
public static class ErasureApi
{
    public const string Reason = "Erased (GDPR Art. 17): the contact's personal data was removed, including from this trail.";

    public static IEndpointRouteBuilder MapErasureApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Erasure").RequireAuthorization().WithChannel(Channels.Erasure).Validate();
        group.MapDelete(ApiRoutes.ContactTemplate, EraseOne);
        group.MapPost(ApiRoutes.ContactsErase, EraseMany);
        app.MapGet(ApiRoutes.SuppressionCount, Count).WithTags("Erasure").RequireAuthorization(Policies.Admin);
        return app;
    }

    public static async Task<Results<NoContent, NotFound>> EraseOne(
        Guid id, AppDbContext db, UnitOfWork work, IOptions<AuditOptions> options, TimeProvider clock, CancellationToken ct) =>
        (await EraseAsync(db, work, options.Value, [id], clock, ct)).Erased == 0 ? TypedResults.NotFound() : TypedResults.NoContent();

    public static async Task<Ok<ErasureResult>> EraseMany(
        ContactIdsRequest request, AppDbContext db, UnitOfWork work, IOptions<AuditOptions> options, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await EraseAsync(db, work, options.Value, [.. request.Ids!.Distinct()], clock, ct));

    public static async Task<Ok<SuppressionCountDto>> Count(AppDbContext db, CancellationToken ct)
    {
        var kinds = await db.Suppressions.AsNoTracking().GroupBy(s => s.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var emails = kinds.SingleOrDefault(k => k.Key == Suppression.Email)?.Count ?? 0;
        var profiles = kinds.SingleOrDefault(k => k.Key == Suppression.LinkedIn)?.Count ?? 0;
        return TypedResults.Ok(new SuppressionCountDto(emails + profiles, emails, profiles));
    }

    /// <summary>Set-based, in the request's one unit of work: all of it happens, or none.</summary>
    public static async Task<ErasureResult> EraseAsync(AppDbContext db, UnitOfWork work, AuditOptions options, Guid[] ids, TimeProvider clock, CancellationToken ct)
    {
        var organization = db.TenantId ?? throw new InvalidOperationException("Erasure needs an open unit of work.");
        var targets = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.EmailNormalized, c.LinkedInNormalized })
            .ToListAsync(ct);
        if (targets.Count == 0)
        {
            return new ErasureResult(0, 0);
        }

        var keys = targets
            .SelectMany(t => new[] { (Kind: Suppression.Email, Value: t.EmailNormalized), (Kind: Suppression.LinkedIn, Value: t.LinkedInNormalized) })
            .Where(k => k.Value is not null)
            .Select(k => (k.Kind, Hash: Suppression.Hash(options, organization, k.Kind, k.Value!)))
            .Distinct()
            .ToList();
        var kinds = keys.Select(k => k.Kind).ToArray();
        var hashes = keys.Select(k => k.Hash).ToArray();
        var now = clock.GetUtcNow();
        var suppressed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO suppressions (organization_id, kind, key_hash, erased_at)
            SELECT app_organization_id(), k.kind, k.hash, {now} FROM unnest({kinds}, {hashes}) AS k(kind, hash)
            ON CONFLICT DO NOTHING
            """, ct);

        var contactIds = targets.Select(t => t.Id).ToArray();
        await work.ReasonAsync(Reason, ct);
        await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET changes = NULL WHERE contact_id = ANY ({contactIds}) AND changes IS NOT NULL", ct);
        var erased = await db.Contacts.Where(c => contactIds.Contains(c.Id)).ExecuteDeleteAsync(ct);
        return new ErasureResult(erased, suppressed);
    }
}
