using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplianceConnect.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.Audit;

/// <summary>Settings bound from the <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Master key for the per-organization keyed digests of personal values (at least 32 bytes).</summary>
    public string DigestKey { get; set; } = "";
}

/// <summary>
/// The one place that writes audit entries. Entries are added to the same unit of work as the
/// change they describe, so both are saved in one transaction or neither is.
/// </summary>
public sealed class AuditTrail(AppDbContext db, CurrentUser user, TimeProvider clock, IOptions<AuditOptions> options)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Records a change to a contact: only the fields that differ are kept, before and after.</summary>
    public void Record(string action, Guid? contactId, IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?>? after, string summary = "")
    {
        var (b, a) = Diff(before, after);
        var changes = b.Count == 0 && a.Count == 0 ? null : JsonSerializer.Serialize(new SortedDictionary<string, object?> { ["before"] = b, ["after"] = a }, Json);
        db.Add(new AuditEntry
        {
            OrganizationId = user.RequiredOrganizationId,
            OccurredAt = clock.GetUtcNow(),
            ActorId = user.UserId,
            ActorName = user.Name,
            Channel = user.Channel,
            Action = action,
            ContactId = contactId,
            Summary = summary,
            Changes = changes,
            PersonalDigest = Digest(user.RequiredOrganizationId, changes),
        });
    }

    /// <summary>Keyed hash of the personal values; the chain covers this instead of the values.</summary>
    public string Digest(Guid organizationId, string? changes)
    {
        var master = Encoding.UTF8.GetBytes(options.Value.DigestKey);
        if (master.Length < 32)
        {
            throw new InvalidOperationException("Audit:DigestKey must be at least 32 bytes. Set it in configuration (e.g. the Audit__DigestKey environment variable).");
        }

        var organizationKey = HMACSHA256.HashData(master, organizationId.ToByteArray());
        return Convert.ToHexStringLower(HMACSHA256.HashData(organizationKey, Encoding.UTF8.GetBytes(changes ?? "")));
    }

    /// <summary>
    /// The chain hash of an entry, computed the same way as the database trigger does:
    /// SHA-256 over the entry's non-personal columns, its personal digest and the previous hash.
    /// </summary>
    public static string ChainHash(AuditEntry e)
    {
        var micros = (e.OccurredAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        string[] fields =
        [
            e.OrganizationId.ToString(), e.Sequence.ToString(CultureInfo.InvariantCulture), micros.ToString(CultureInfo.InvariantCulture),
            e.ActorId?.ToString() ?? "", e.ActorName, e.Channel, e.Action, e.ContactId?.ToString() ?? "", e.Summary, e.PersonalDigest, e.PreviousHash,
        ];

        // Each field as "<UTF-8 byte count>:<value>|", as the trigger's audit_field() writes it: no two entries share a text.
        var text = string.Concat(fields.Select(f => $"{Encoding.UTF8.GetByteCount(f).ToString(CultureInfo.InvariantCulture)}:{f}|"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static (SortedDictionary<string, string?> Before, SortedDictionary<string, string?> After) Diff(
        IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?>? after)
    {
        var b = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        var a = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in (before?.Keys ?? []).Union(after?.Keys ?? []))
        {
            string? old = null, now = null;
            before?.TryGetValue(key, out old);
            after?.TryGetValue(key, out now);
            if (old != now)
            {
                if (before is not null)
                {
                    b[key] = old;
                }

                if (after is not null)
                {
                    a[key] = now;
                }
            }
        }

        return (b, a);
    }
}
