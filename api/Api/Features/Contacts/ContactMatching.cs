using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Contacts;

/// <summary>
/// One person, one contact: the email (or, without one, the LinkedIn profile) identifies a person
/// within an organization. Unique indexes back this up, so a race ends in a conflict, not a duplicate.
/// </summary>
public static class ContactMatching
{
    public static Task<Contact?> FindAsync(IQueryable<Contact> contacts, string? emailKey, string? linkedInKey, CancellationToken ct) =>
        emailKey is null && linkedInKey is null
            ? Task.FromResult<Contact?>(null)
            : contacts
                .Where(c => (emailKey != null && c.EmailNormalized == emailKey) || (linkedInKey != null && c.LinkedInNormalized == linkedInKey))
                .OrderBy(c => c.EmailNormalized == emailKey ? 0 : 1)
                .FirstOrDefaultAsync(ct);

    public static ProblemHttpResult Duplicate(Contact? existing) =>
        Problems.Conflict(
            "email",
            ValidationCodes.DuplicateContact,
            "A contact with this email or LinkedIn profile already exists.",
            existing is null ? null : new Dictionary<string, object?> { ["existingContactId"] = existing.Id, ["existingContactName"] = existing.ToDto().DisplayName });

    public static async Task<ProblemHttpResult> ConflictAfterRaceAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var current = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return Problems.Conflict("version", ValidationCodes.StaleContact, "The contact changed while your edit was being saved. Reload it and apply your change again.",
            new Dictionary<string, object?> { ["current"] = current?.ToDto() });
    }
}
