using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>
/// One export (a CSV of one or many contacts, a data-subject copy). Its insert trigger writes the
/// export's one audit entry (who, when, which kind, how many, which contacts), since handlers
/// never write audit rows themselves. It holds ids only, no personal values.
/// </summary>
public sealed class ContactExport : ITenantOwned
{
    public const string Csv = "csv";
    public const string DataSubjectCopy = "data-subject-copy";

    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Kind { get; set; }
    public int ContactCount { get; set; }
    /// <summary>The exported contacts in the file's order (the People list's name order when recorded); the stream follows it.</summary>
    public Guid[] ContactIds { get; set; } = [];
    public DateTimeOffset ExportedAt { get; set; }
}

internal sealed class ContactExportConfiguration : IEntityTypeConfiguration<ContactExport>
{
    public void Configure(EntityTypeBuilder<ContactExport> builder)
    {
        builder.ToTable("contact_exports");
        builder.HasKey(e => new { e.OrganizationId, e.Id });
        builder.HasOne<Auth.Organization>().WithMany().HasForeignKey(e => e.OrganizationId);
        builder.Property(e => e.Kind).HasMaxLength(30);
    }
}
