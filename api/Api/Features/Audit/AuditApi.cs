using System.Text.Json;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Audit;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.ContactAuditTemplate, ForContact).WithTags("Audit").RequireAuthorization();
        app.MapGet(ApiRoutes.AuditVerify, Verify).WithTags("Audit").RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>A contact's trail, oldest first. Erased contacts keep their trail without personal values.</summary>
    public static async Task<Results<Ok<List<AuditEntryDto>>, NotFound>> ForContact(Guid id, AppDbContext db, CancellationToken ct)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.ContactId == id)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        if (entries.Count == 0 && !await db.Contacts.AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(entries.Select(ToDto).ToList());
    }

    /// <summary>Re-computes the organization's chain and reports the first entry that does not verify.</summary>
    public static async Task<Ok<AuditVerificationDto>> Verify(AppDbContext db, AuditTrail trail, CurrentUser user, CancellationToken ct)
    {
        var organizationId = user.RequiredOrganizationId;

        // One snapshot for the entries and the chain head, so writes landing meanwhile cannot look like gaps.
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        // The chain head, kept by the insert trigger, knows how long the chain should be: this catches a cut-off tail.
        var length = await db.Database
            .SqlQuery<long>($"SELECT last_sequence AS \"Value\" FROM audit_chain_heads WHERE organization_id = {organizationId}")
            .SingleOrDefaultAsync(ct);
        var previousHash = "";
        long expected = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            expected++;
            if (entry.Sequence != expected)
            {
                return Broken(expected, expected, "it is missing");
            }

            var reason =
                entry.PreviousHash != previousHash ? "its link to the previous entry does not match" :
                entry.Changes is not null && trail.Digest(organizationId, entry.Changes) != entry.PersonalDigest ? "its recorded values were altered" :
                AuditTrail.ChainHash(entry) != entry.Hash ? "its contents were altered" :
                null;
            if (reason is not null)
            {
                return Broken(expected, entry.Sequence, reason);
            }

            previousHash = entry.Hash;
        }

        return length > expected
            ? Broken(expected, expected + 1, $"it and the entries after it, up to {length}, are missing")
            : TypedResults.Ok(new AuditVerificationDto(true, expected, null, null));

        static Ok<AuditVerificationDto> Broken(long checkedCount, long sequence, string reason) =>
            TypedResults.Ok(new AuditVerificationDto(false, checkedCount, sequence, $"Entry {sequence}: {reason}."));
    }

    private static AuditEntryDto ToDto(AuditEntry e)
    {
        Dictionary<string, string?>? before = null, after = null;
        if (e.Changes is not null)
        {
            using var doc = JsonDocument.Parse(e.Changes);
            before = Read(doc.RootElement, "before");
            after = Read(doc.RootElement, "after");
        }

        return new AuditEntryDto(e.Sequence, e.OccurredAt, e.ActorName, e.Channel, e.Action, e.Summary, before, after);
    }

    private static Dictionary<string, string?>? Read(JsonElement root, string name) =>
        root.TryGetProperty(name, out var values) && values.ValueKind == JsonValueKind.Object
            ? values.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString())
            : null;
}
