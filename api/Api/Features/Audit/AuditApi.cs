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

        // One snapshot (repeatable read) for the entries, the chain head and the checkpoints, so writes landing meanwhile cannot look like gaps.
        var audit = app.MapGroup(ApiRoutes.Audit).WithTags("Audit").RequireAuthorization(Policies.Admin)
            .WithMetadata(new IsolationMetadata(System.Data.IsolationLevel.RepeatableRead)).Validate();
        audit.MapGet("/verify", Verify);
        audit.MapPost("/verify", VerifyAgainst);
        audit.MapGet("/checkpoint", LatestCheckpoint);
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

    /// <summary>
    /// Verifies the organization's chain. By default from the latest signed checkpoint on (the
    /// entries before it were verified when it was signed); <c>full=true</c> recomputes every entry
    /// and checks every stored checkpoint against it. A valid chain gets a new checkpoint at its head.
    /// </summary>
    public static Task<Ok<AuditVerificationDto>> Verify(bool? full, AppDbContext db, AuditTrail trail, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        VerifyAsync(db, trail, user.RequiredOrganizationId, clock, full ?? false, null, ct);

    /// <summary>Verifies the whole chain against a checkpoint the Admin kept elsewhere (the stored ones may have been deleted).</summary>
    public static Task<Ok<AuditVerificationDto>> VerifyAgainst(
        AuditCheckpointDto checkpoint, AppDbContext db, AuditTrail trail, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        VerifyAsync(db, trail, user.RequiredOrganizationId, clock, true, checkpoint, ct);

    /// <summary>The latest signed checkpoint, for safekeeping outside the database; 404 before the first verification.</summary>
    public static async Task<Results<Ok<AuditCheckpointDto>, NotFound>> LatestCheckpoint(AppDbContext db, CancellationToken ct) =>
        await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(ct) is { } latest
            ? TypedResults.Ok(new AuditCheckpointDto(latest.Sequence, latest.Hash, latest.SignedAt, latest.Signature))
            : TypedResults.NotFound();

    private static async Task<Ok<AuditVerificationDto>> VerifyAsync(
        AppDbContext db, AuditTrail trail, Guid organizationId, TimeProvider clock, bool full, AuditCheckpointDto? presented, CancellationToken ct)
    {
        // The chain head, kept by the audit triggers, knows how long the chain should be: this catches a cut-off tail.
        var length = await db.Database
            .SqlQuery<long>($"SELECT last_sequence AS \"Value\" FROM audit_chain_heads WHERE organization_id = {organizationId}")
            .SingleOrDefaultAsync(ct);
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync(ct);
        var vouched = checkpoints.Select(c => new AuditCheckpointDto(c.Sequence, c.Hash, c.SignedAt, c.Signature)).ToList();
        if (presented is not null)
        {
            vouched.Add(presented);
        }

        foreach (var checkpoint in vouched.Where(c => !trail.IsSigned(organizationId, c)))
        {
            return Broken(0, checkpoint.Sequence, $"the checkpoint for it does not carry the API's signature (forged or from another organization)");
        }

        var expectedHashes = vouched.GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.Select(c => c.Hash).ToHashSet(StringComparer.Ordinal));
        var start = full ? null : vouched.MaxBy(c => c.Sequence);
        var previousHash = start?.Hash ?? "";
        var expected = start?.Sequence ?? 0;
        long checkedCount = 0;
        if (start is not null)
        {
            // The checkpoint vouches for everything up to it; its own entry must still be the one it signed.
            var anchor = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence == start.Sequence).Select(e => e.Hash).SingleOrDefaultAsync(ct);
            if (anchor != start.Hash)
            {
                return Broken(0, start.Sequence, anchor is null ? "it is missing, though a signed checkpoint vouches for it" : "it differs from the signed checkpoint: the trail was rewritten");
            }
        }

        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(e => e.Sequence > expected).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            expected++;
            checkedCount++;
            if (entry.Sequence != expected)
            {
                return Broken(checkedCount, expected, "it is missing");
            }

            var reason =
                entry.PreviousHash != previousHash ? "its link to the previous entry does not match" :
                entry.Changes is not null && trail.Digest(organizationId, entry.Changes) != entry.PersonalDigest ? "its recorded values were altered" :
                AuditTrail.ChainHash(entry) != entry.Hash ? "its contents were altered" :
                expectedHashes.TryGetValue(entry.Sequence, out var signed) && !signed.Contains(entry.Hash) ? "it differs from the signed checkpoint: the trail was rewritten" :
                null;
            if (reason is not null)
            {
                return Broken(checkedCount, entry.Sequence, reason);
            }

            previousHash = entry.Hash;
        }

        if (length > expected)
        {
            return Broken(checkedCount, expected + 1, $"it and the entries after it, up to {length}, are missing");
        }

        if (vouched.Count > 0 && vouched.Max(c => c.Sequence) > expected)
        {
            return Broken(checkedCount, expected + 1, $"it and the entries after it, up to {vouched.Max(c => c.Sequence)}, are missing though a signed checkpoint vouches for them");
        }

        if (expected > 0 && !checkpoints.Any(c => c.Sequence == expected))
        {
            db.AuditCheckpoints.Add(trail.Sign(organizationId, expected, previousHash, clock.GetUtcNow()));
            await db.SaveAsync(ct); // a simultaneous verification may have signed the same head: either checkpoint will do
        }

        return TypedResults.Ok(new AuditVerificationDto(true, checkedCount, null, null));

        static Ok<AuditVerificationDto> Broken(long checkedCount, long sequence, string reason) =>
            TypedResults.Ok(new AuditVerificationDto(false, checkedCount, sequence, $"Entry {sequence}: {reason}."));
    }

    internal static AuditEntryDto ToDto(AuditEntry e)
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
            ? values.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(), // numbers and flags (attempts, lookedLikeScanner) as their JSON text
            })
            : null;
}
