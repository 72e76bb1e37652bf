using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Auth;

/// <summary>A tenant: every other row belongs to exactly one.</summary>
public sealed class Organization
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>Short unique handle, used at sign-in when one email exists in several organizations.</summary>
    public required string Slug { get; set; }

    /// <summary>ISO 3166 region that phone numbers written without a country code belong to.</summary>
    public string DefaultRegion { get; set; } = "SE";

    /// <summary>The privacy notice (GDPR Art. 14) the first email to a contact whose data was not collected from them carries.</summary>
    public string? PrivacyNotice { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Days without real activity after which a contact is due for retention review (GDPR Art. 5(1)(e)); null: no review.</summary>
    public int? RetentionDays { get; set; }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Slug).HasMaxLength(100);
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.Property(o => o.DefaultRegion).HasMaxLength(2).HasDefaultValue("SE");
        builder.Property(o => o.PrivacyNotice).HasMaxLength(4000);
    }
}
