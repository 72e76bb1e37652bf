using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Contacts;

/// <summary>
/// Bulk changes of the compliance card: one set-based UPDATE in the request's unit of work (channel
/// "bulk"), checked by the card's own rules first; the database's trigger writes one audit entry per
/// contact whose values changed.
/// </summary>
public static class BulkApi
{
    /// <summary>100 000 ids as JSON are about 4 MB.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapBulkApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Bulk).WithTags("Bulk").RequireAuthorization()
            .WithChannel(Channels.Bulk)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .Validate();

        group.MapPost("/authorization", SetAuthorization);
        group.MapPost("/source", SetSource);
        group.MapPost("/unsubscribe", Unsubscribe);
        return app;
    }

    /// <summary>Sets the legal basis (and its consent date and purpose or description) of the chosen contacts.</summary>
    public static Task<Results<Ok<BulkChangeResult>, ValidationProblem, ProblemHttpResult>> SetAuthorization(
        BulkAuthorizationRequest request, AppDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var description = TextValue.OrNull(request.AuthorizationDescription);
        var purpose = TextValue.OrNull(request.ConsentPurpose);
        var now = clock.GetUtcNow();
        return ApplyAsync(request, db, user, contacts => contacts.ExecuteUpdateAsync(set => set
            .SetProperty(c => c.AuthorizationType, request.AuthorizationType)
            .SetProperty(c => c.AuthorizationDescription, description)
            .SetProperty(c => c.ConsentDate, request.ConsentDate)
            .SetProperty(c => c.ConsentPurpose, purpose)
            .SetProperty(c => c.UpdatedAt, now), ct), ct);
    }

    /// <summary>Sets the source (and its description) of the chosen contacts; the captured page URL stays.</summary>
    public static Task<Results<Ok<BulkChangeResult>, ValidationProblem, ProblemHttpResult>> SetSource(
        BulkSourceRequest request, AppDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var source = request.SourceType!.Value;
        var description = TextValue.OrNull(request.SourceDescription);
        var now = clock.GetUtcNow();
        return ApplyAsync(request, db, user, contacts => contacts.ExecuteUpdateAsync(set => set
            .SetProperty(c => c.SourceType, source)
            .SetProperty(c => c.SourceDescription, description)
            .SetProperty(c => c.UpdatedAt, now), ct), ct);
    }

    /// <summary>
    /// Records by hand that the chosen contacts asked not to be emailed: one INSERT … SELECT of a Manual
    /// unsubscribe event per contact not yet unsubscribed (row-locked, so a simultaneous unsubscribe records
    /// one event, not two). The events' trigger sets each contact's status and writes its audit entry.
    /// </summary>
    public static async Task<Results<Ok<BulkChangeResult>, ValidationProblem, ProblemHttpResult>> Unsubscribe(
        BulkUnsubscribeRequest request, AppDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var reason = TextValue.OrNull(request.Reason);
        var now = clock.GetUtcNow();
        var actorName = user.Name;
        var actorId = user.UserId;
        List<Guid> notFound = [];
        Guid[] ids;
        if (request.Ids is { } requested)
        {
            var distinct = requested.Distinct().ToList();
            ids = await db.Contacts.Where(c => distinct.Contains(c.Id)).Select(c => c.Id).ToArrayAsync(ct);
            var existing = ids.ToHashSet();
            notFound = [.. distinct.Where(id => !existing.Contains(id))];
        }
        else
        {
            ids = await db.Contacts.Matching(db, request.Filter!, user.UserId).Select(c => c.Id).ToArrayAsync(ct);
            if (ids.Length != request.ExpectedCount)
            {
                return Problems.Conflict("expectedCount", ValidationCodes.SelectionChanged,
                    $"The filter now matches {ids.Length} contacts, not the {request.ExpectedCount} you confirmed. Nothing was changed; review the selection and confirm again.",
                    new Dictionary<string, object?> { ["matching"] = ids.Length });
            }
        }

        var source = nameof(SubscriptionSource.Manual);
        var kind = nameof(SubscriptionEventKind.Unsubscribe);
        var unsubscribed = ids.Length == 0 ? 0 : await db.Database.ExecuteSqlAsync($"""
            WITH chosen AS (
                SELECT c.organization_id, c.id FROM contacts c
                WHERE c.organization_id = app_organization_id() AND c.id = ANY ({ids}) AND c.unsubscribed_at IS NULL
                ORDER BY c.id
                FOR UPDATE)
            INSERT INTO subscription_events (organization_id, id, contact_id, kind, source, occurred_at, actor_id, actor_name, reason)
            SELECT organization_id, gen_random_uuid(), id, {kind}::text, {source}::text, {now}::timestamptz, {actorId}::uuid, {actorName}::text, {reason}::text FROM chosen
            """, ct);
        return TypedResults.Ok(new BulkChangeResult(unsubscribed, notFound));
    }

    private static async Task<Results<Ok<BulkChangeResult>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        BulkChangeRequest request, AppDbContext db, CurrentUser user, Func<IQueryable<Contact>, Task<int>> update, CancellationToken ct)
    {
        if (request.Ids is { } requested)
        {
            // Row-level security (and the query filter) keep other organizations' rows out of both statements.
            var ids = requested.Distinct().ToList();
            var chosen = db.Contacts.Where(c => ids.Contains(c.Id));
            var found = await chosen.Select(c => c.Id).ToListAsync(ct);
            var updated = found.Count == 0 ? 0 : await update(chosen);
            var existing = found.ToHashSet();
            return TypedResults.Ok(new BulkChangeResult(updated, [.. ids.Where(id => !existing.Contains(id))]));
        }

        // By filter: the UPDATE's own row count is the number that matches now. If it is not what the user
        // confirmed, the savepoint takes the change (and its audit entries) back and nothing is changed.
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Bulk changes run inside the request's unit of work.");
        await transaction.CreateSavepointAsync("bulk_change", ct);
        var changed = await update(db.Contacts.Matching(db, request.Filter!, user.UserId));
        if (changed != request.ExpectedCount)
        {
            await transaction.RollbackToSavepointAsync("bulk_change", ct);
            return Problems.Conflict("expectedCount", ValidationCodes.SelectionChanged,
                $"The filter now matches {changed} contacts, not the {request.ExpectedCount} you confirmed. Nothing was changed; review the selection and confirm again.",
                new Dictionary<string, object?> { ["matching"] = changed });
        }

        await transaction.ReleaseSavepointAsync("bulk_change", ct);
        return TypedResults.Ok(new BulkChangeResult(changed, []));
    }
}
