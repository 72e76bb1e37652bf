using System.Security.Cryptography;
using System.Text;
using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Erasure;

/// <summary>
/// An erased person's email or LinkedIn profile, kept only as a keyed hash (HMAC-SHA256 with the
/// organization's digest key), so a later capture, import, create or sync can refuse them without
/// the organization keeping their data.
/// </summary>
public sealed class Suppression : ITenantOwned
{
    public const string Email = "email";
    public const string LinkedIn = "linkedin";

    public Guid OrganizationId { get; set; }
    public required string Kind { get; set; }
    public required string KeyHash { get; set; }
    public DateTimeOffset ErasedAt { get; set; }

    /// <summary>
    /// The keyed hash of a normalized email or LinkedIn profile (<c>Contact.NormalizeEmail</c>,
    /// <c>Contact.NormalizeLinkedIn</c>). The kind is part of the hashed text, so an email and a
    /// profile never share a key.
    /// </summary>
    public static string Hash(AuditOptions options, Guid organizationId, string kind, string normalizedValue) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(
            Convert.FromHexString(AuditTrail.OrganizationKeyHex(options, organizationId)),
            Encoding.UTF8.GetBytes(kind + ":" + normalizedValue)));
}

internal sealed class SuppressionConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> builder)
    {
        builder.ToTable("suppressions");
        builder.HasKey(s => new { s.OrganizationId, s.Kind, s.KeyHash });
        builder.HasOne<Auth.Organization>().WithMany().HasForeignKey(s => s.OrganizationId);
        builder.Property(s => s.Kind).HasMaxLength(20);
        builder.Property(s => s.KeyHash).HasMaxLength(64);
    }
}
