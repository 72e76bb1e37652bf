using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.Audit;

/// <summary>Settings bound from the <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Master key for the per-organization keyed digests of personal values (at least 32 bytes).</summary>
    public string DigestKey { get; set; } = "";

    /// <summary>
    /// Key that signs checkpoints of the chain (at least 32 bytes). The database never sees it, so
    /// whoever owns the database cannot sign a rewritten trail.
    /// </summary>
    public string CheckpointKey { get; set; } = "";
}

/// <summary>
/// The application's side of the audit trail. PostgreSQL writes the entries (triggers on the
/// audited tables, see the DataLayerInDatabase migration); this class holds the keys and
/// recomputes what the triggers computed, for verification.
/// </summary>
public sealed class AuditTrail(IOptions<AuditOptions> options)
{
    /// <summary>
    /// The organization's digest key, handed to the triggers as a transaction-local setting. It is
    /// derived from the master key, so the database never sees the master key itself.
    /// </summary>
    public static string OrganizationKeyHex(AuditOptions options, Guid organizationId) =>
        Convert.ToHexStringLower(OrganizationKey(options, organizationId));

    private static byte[] OrganizationKey(AuditOptions options, Guid organizationId)
    {
        var master = Encoding.UTF8.GetBytes(options.DigestKey);
        if (master.Length < 32)
        {
            throw new InvalidOperationException("Audit:DigestKey must be at least 32 bytes. Set it in configuration (e.g. the Audit__DigestKey environment variable).");
        }

        return HMACSHA256.HashData(master, organizationId.ToByteArray());
    }

    /// <summary>Signs "entry <paramref name="sequence"/> had <paramref name="hash"/>" for this organization.</summary>
    public AuditCheckpoint Sign(Guid organizationId, long sequence, string hash, DateTimeOffset now)
    {
        // Whole microseconds, as PostgreSQL stores the time, so the signature survives the round trip.
        var signedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
        return new AuditCheckpoint
        {
            OrganizationId = organizationId,
            Sequence = sequence,
            Hash = hash,
            SignedAt = signedAt,
            Signature = Signature(organizationId, sequence, hash, signedAt),
        };
    }

    public bool IsSigned(Guid organizationId, AuditCheckpointDto checkpoint) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Signature(organizationId, checkpoint.Sequence, checkpoint.Hash, checkpoint.SignedAt)),
            Encoding.ASCII.GetBytes(checkpoint.Signature ?? ""));

    private string Signature(Guid organizationId, long sequence, string hash, DateTimeOffset signedAt)
    {
        var key = Encoding.UTF8.GetBytes(options.Value.CheckpointKey);
        if (key.Length < 32)
        {
            throw new InvalidOperationException("Audit:CheckpointKey must be at least 32 bytes. Set it in configuration (e.g. the Audit__CheckpointKey environment variable).");
        }

        var micros = (signedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var text = string.Join('|', organizationId.ToString(), sequence.ToString(CultureInfo.InvariantCulture), hash, micros.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Keyed hash of the personal values; the chain covers this instead of the values.</summary>
    public string Digest(Guid organizationId, string? changes) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(OrganizationKey(options.Value, organizationId), Encoding.UTF8.GetBytes(changes ?? "")));

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
}
