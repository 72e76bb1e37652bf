using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Audit;

/// <summary>
/// One entry of an organization's append-only, hash-chained audit trail. PostgreSQL itself sets
/// <see cref="Sequence"/>, <see cref="PreviousHash"/> and <see cref="Hash"/> on insert and refuses
/// updates and deletes (see the AuditTrail migration). The chain covers <see cref="PersonalDigest"/>,
/// a keyed hash of <see cref="Changes"/>, so erasure can remove the personal values without
/// breaking the chain.
/// </summary>
public sealed class AuditEntry : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }

    /// <summary>extension, web-app, api or sync.</summary>
    public required string Channel { get; set; }

    public required string Action { get; set; }
    public Guid? ContactId { get; set; }

    /// <summary>Non-personal description, e.g. how many contacts an export held.</summary>
    public string Summary { get; set; } = "";

    /// <summary>JSON <c>{"before":{…},"after":{…}}</c> of personal values; null once erased.</summary>
    public string? Changes { get; set; }

    public required string PersonalDigest { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => new { e.OrganizationId, e.Id });
        builder.HasOne<Auth.Organization>().WithMany().HasForeignKey(e => e.OrganizationId);
        builder.HasIndex(e => new { e.OrganizationId, e.Sequence }).IsUnique();
        builder.HasIndex(e => new { e.OrganizationId, e.ContactId });
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Channel).HasMaxLength(20);
        builder.Property(e => e.Action).HasMaxLength(50);
        builder.Property(e => e.Summary).HasMaxLength(1000);
        builder.Property(e => e.PersonalDigest).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
    }
}
