using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>A CSV import running behind the upload: its progress counters, written by each committed chunk.</summary>
public sealed class ImportJob : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public ImportStatus Status { get; set; }
    public string? FileName { get; set; }
    public bool UpdateExisting { get; set; }
    public Guid CreatedBy { get; set; }
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int CreatedCount { get; set; }
    public int UpdatedCount { get; set; }
    public int SkippedCount { get; set; }
    public int RejectedCount { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public ImportJobDto ToDto(IReadOnlyList<ImportProblemDto> problems) => new(
        Id, Status, FileName, UpdateExisting, TotalRows, ProcessedRows, CreatedCount, UpdatedCount, SkippedCount, RejectedCount,
        Error, CreatedAt, FinishedAt, problems,
        Error switch { null => null, ImportRunner.InterruptedMessage => ImportErrorCodes.Interrupted, _ => ImportErrorCodes.Unexpected });
}

/// <summary>One refused cell or row of an import: row number, column, code and a reason that never repeats the value.</summary>
public sealed class ImportProblem : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid JobId { get; set; }
    public int Row { get; set; }
    public int Ordinal { get; set; }
    public required string Column { get; set; }
    public required string Code { get; set; }
    public required string Message { get; set; }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>, IEntityTypeConfiguration<ImportProblem>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("import_jobs");
        builder.HasKey(j => new { j.OrganizationId, j.Id });
        builder.HasOne<Auth.Organization>().WithMany().HasForeignKey(j => j.OrganizationId);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.FileName).HasMaxLength(255);
        builder.Property(j => j.Error).HasMaxLength(1000);
    }

    public void Configure(EntityTypeBuilder<ImportProblem> builder)
    {
        builder.ToTable("import_problems");
        builder.HasKey(p => new { p.OrganizationId, p.JobId, p.Row, p.Ordinal });
        builder.HasOne<ImportJob>().WithMany().HasForeignKey(p => new { p.OrganizationId, p.JobId }).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Column).HasMaxLength(200);
        builder.Property(p => p.Code).HasMaxLength(50);
        builder.Property(p => p.Message).HasMaxLength(500);
    }
}
