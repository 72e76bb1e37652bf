using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Audit;

/// <summary>
/// A signed statement "entry <see cref="Sequence"/> of this organization's chain had hash
/// <see cref="Hash"/>", made by the API after a verification with a key the database never sees.
/// Whoever owns the database can re-chain the trail after deleting an entry, but cannot sign the
/// new head, so a later verification against the checkpoint finds the rewrite.
/// </summary>
public sealed class AuditCheckpoint : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public long Sequence { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public required string Signature { get; set; }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(c => new { c.OrganizationId, c.Sequence });
        builder.HasOne<Auth.Organization>().WithMany().HasForeignKey(c => c.OrganizationId);
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.Property(c => c.Signature).HasMaxLength(128);
    }
}
