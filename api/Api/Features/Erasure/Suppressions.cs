using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Erasure;

/// <summary>The check every way in (create, capture, import, Salesforce pull) makes before adding a person.</summary>
public static class Suppressions
{
    /// <summary>When the person with this normalized email or LinkedIn profile was erased; null when they never were.</summary>
    public static async Task<DateTimeOffset?> ErasedAtAsync(AppDbContext db, AuditOptions options, string? emailKey, string? linkedInKey, CancellationToken ct)
    {
        if (db.TenantId is not { } organization || (emailKey is null && linkedInKey is null))
        {
            return null;
        }

        var email = emailKey is null ? null : Suppression.Hash(options, organization, Suppression.Email, emailKey);
        var linkedIn = linkedInKey is null ? null : Suppression.Hash(options, organization, Suppression.LinkedIn, linkedInKey);
        return await db.Suppressions.AsNoTracking()
            .Where(s => (s.Kind == Suppression.Email && s.KeyHash == email) || (s.Kind == Suppression.LinkedIn && s.KeyHash == linkedIn))
            .OrderBy(s => s.ErasedAt)
            .Select(s => (DateTimeOffset?)s.ErasedAt)
            .FirstOrDefaultAsync(ct);
    }

    public static string Message(DateTimeOffset erasedAt) =>
        $"This person asked to have their data erased (GDPR Art. 17) on {erasedAt.UtcDateTime:yyyy-MM-dd} and cannot be added again.";

    /// <summary>409 <c>erased_person</c>, with <c>erasedAt</c> so a client can say when.</summary>
    public static ProblemHttpResult Refused(DateTimeOffset erasedAt) =>
        Problems.Conflict("email", ValidationCodes.ErasedPerson, Message(erasedAt), new Dictionary<string, object?> { ["erasedAt"] = erasedAt });
}

/// <summary>The suppression list as the Salesforce pull asks it: an erased person is never re-created.</summary>
internal sealed class SuppressionListForSync(AppDbContext db, Microsoft.Extensions.Options.IOptions<AuditOptions> options) : Salesforce.ISuppressionList
{
    public async Task<bool> IsSuppressedAsync(string? email, string? linkedIn, CancellationToken ct) =>
        await Suppressions.ErasedAtAsync(db, options.Value, Contacts.Contact.NormalizeEmail(email), Contacts.Contact.NormalizeLinkedIn(linkedIn), ct) is not null;
}
