using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Retention;

/// <summary>
/// A "keep" decision of a retention review. Its insert trigger audits it (the reason in the
/// entry's erasable values); it counts as activity, so the contact leaves the review list until
/// the retention period has passed again. Erasing the contact deletes it.
/// </summary>
public sealed class RetentionReview : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ContactId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

internal sealed class RetentionReviewConfiguration : IEntityTypeConfiguration<RetentionReview>
{
    public void Configure(EntityTypeBuilder<RetentionReview> builder)
    {
        builder.ToTable("retention_reviews");
        builder.HasKey(r => new { r.OrganizationId, r.Id });
        builder.HasOne<Contact>().WithMany().HasForeignKey(r => new { r.OrganizationId, r.ContactId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.OrganizationId, r.ContactId, r.DecidedAt });
        builder.Property(r => r.Reason).HasMaxLength(Shared.Limits.Description);
    }
}
