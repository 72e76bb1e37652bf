using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Unsubscribe;

/// <summary>
/// One unsubscribe or resubscribe. Append-only; the database derives the contact's current status
/// from the latest event and audits every event (see the EmailAndUnsubscribes migration).
/// </summary>
public sealed class SubscriptionEvent : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ContactId { get; set; }
    public SubscriptionEventKind Kind { get; set; }
    public SubscriptionSource Source { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Reason { get; set; }

    /// <summary>For a resubscribe: where the evidence of the new consent is kept.</summary>
    public string? EvidenceReference { get; set; }

    /// <summary>For link events: the email the link came from.</summary>
    public Guid? EmailId { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>For link events: whether the request looked like a link scanner rather than a person.</summary>
    public bool? LookedLikeScanner { get; set; }

    public SubscriptionEventDto ToDto() => new(Kind, Source, OccurredAt, ActorName, Reason, EvidenceReference, LookedLikeScanner);
}

internal sealed class SubscriptionEventConfiguration : IEntityTypeConfiguration<SubscriptionEvent>
{
    public void Configure(EntityTypeBuilder<SubscriptionEvent> builder)
    {
        builder.ToTable("subscription_events");
        builder.HasKey(e => new { e.OrganizationId, e.Id });
        builder.HasOne<Contacts.Contact>().WithMany().HasForeignKey(e => new { e.OrganizationId, e.ContactId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.OrganizationId, e.ContactId, e.OccurredAt });
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Reason).HasMaxLength(Limits.Description);
        builder.Property(e => e.EvidenceReference).HasMaxLength(Limits.Description);
        builder.Property(e => e.UserAgent).HasMaxLength(500);
    }
}
