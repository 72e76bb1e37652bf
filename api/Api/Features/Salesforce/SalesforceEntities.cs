using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Salesforce;

/// <summary>
/// An organization's Salesforce connection: where, how to sign in (secrets protected with ASP.NET
/// Core Data Protection, keys shared by every instance through the database), the pull watermarks
/// and the schedule. One per organization.
/// </summary>
public sealed class SalesforceConnection : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public required string InstanceUrl { get; set; }
    public SalesforceAuthKind AuthKind { get; set; }
    public required string ClientId { get; set; }

    /// <summary>The client secret, protected; never returned by the API.</summary>
    public string? ProtectedClientSecret { get; set; }

    /// <summary>The refresh token, protected; never returned by the API.</summary>
    public string? ProtectedRefreshToken { get; set; }

    public int IntervalMinutes { get; set; } = 60;

    /// <summary>The SystemModstamp of the last Contact page applied: the next pull starts there.</summary>
    public DateTimeOffset? ContactWatermark { get; set; }

    /// <summary>The SystemModstamp of the last Lead page applied.</summary>
    public DateTimeOffset? LeadWatermark { get; set; }

    public DateTimeOffset? NextRunAt { get; set; }

    /// <summary>Set when an Admin asks for a run; cleared by the run that takes it (on whichever instance).</summary>
    public DateTimeOffset? RunRequestedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One pull run and what it did, reported to the Admin.</summary>
public sealed class SalesforceRun : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public SalesforceRunTrigger Trigger { get; set; }
    public SalesforceRunStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Pulled { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int OptedOut { get; set; }
    public int OptOutsCleared { get; set; }
    public int Suppressed { get; set; }
    public int PushesQueued { get; set; }
    public string? Error { get; set; }

    /// <summary>What stopped the run, as a <see cref="Shared.ValidationCodes"/> value the UI words in the admin's language; <see cref="Error"/> holds the detail.</summary>
    public string? ErrorCode { get; set; }

    public SalesforceRunDto ToDto() =>
        new(Id, Trigger, Status, StartedAt, FinishedAt, Pulled, Created, Updated, OptedOut, OptOutsCleared, Suppressed, PushesQueued, Error, ErrorCode);
}

/// <summary>The state of one outbox row.</summary>
public enum SalesforcePushStatus { Pending, Confirmed, Superseded, Failed }

/// <summary>
/// One opt-out value to push to Salesforce. Holds no personal data — only the Salesforce id and the
/// desired HasOptedOutOfEmail — so it outlives an erasure. Rows are written by database triggers
/// (an unsubscribe or resubscribe made here, an erased contact) and by the pull (reconciling a
/// local opt-out Salesforce lacks); the push worker sends them and records the confirmation.
/// </summary>
public sealed class SalesforceOutboxItem : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public long Id { get; set; }
    public required string SalesforceId { get; set; }
    public bool OptedOut { get; set; }

    /// <summary>Why: a subscription source (Link, OneClick, Manual, Admin), Erasure, or Reconcile.</summary>
    public required string Cause { get; set; }

    public SalesforcePushStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null: due now.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>When Salesforce confirmed the value (our clock).</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>
    /// The record's SystemModstamp read back after a confirmed clear (Salesforce's clock), so the pull
    /// compares Salesforce's times with Salesforce's: a later opt-out there is a new one.
    /// </summary>
    public DateTimeOffset? ConfirmedModstamp { get; set; }

    public string? LastError { get; set; }
}

internal sealed class SalesforceConfiguration :
    IEntityTypeConfiguration<SalesforceConnection>, IEntityTypeConfiguration<SalesforceRun>, IEntityTypeConfiguration<SalesforceOutboxItem>
{
    public void Configure(EntityTypeBuilder<SalesforceConnection> builder)
    {
        builder.ToTable("salesforce_connections");
        builder.HasKey(c => c.OrganizationId);
        builder.HasOne<Auth.Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.InstanceUrl).HasMaxLength(Shared.Limits.Url);
        builder.Property(c => c.AuthKind).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.ClientId).HasMaxLength(500);
    }

    public void Configure(EntityTypeBuilder<SalesforceRun> builder)
    {
        builder.ToTable("salesforce_runs");
        builder.HasKey(r => new { r.OrganizationId, r.Id });
        builder.HasOne<Auth.Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.OrganizationId, r.StartedAt });
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.ErrorCode).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<SalesforceOutboxItem> builder)
    {
        builder.ToTable("salesforce_outbox");
        builder.HasKey(o => new { o.OrganizationId, o.Id });
        builder.Property(o => o.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Auth.Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.OrganizationId, o.SalesforceId, o.Id });
        builder.HasIndex(o => o.NextAttemptAt).HasFilter("status = 'Pending'");
        builder.Property(o => o.SalesforceId).HasMaxLength(18);
        builder.Property(o => o.Cause).HasMaxLength(20);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.LastError).HasMaxLength(1000);
    }
}
