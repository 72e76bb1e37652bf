using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Email;

public enum EmailStatus
{
    /// <summary>In the outbox, waiting for its (next) attempt.</summary>
    Pending,

    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>Every attempt failed; no more are made.</summary>
    Failed,

    /// <summary>Not sent: the contact unsubscribed or was erased before it went out.</summary>
    Cancelled,
}

/// <summary>
/// One email to one contact: the record of what was sent (sender, time, contact, Message-ID) and
/// its outbox entry. The Message-ID is fixed when the message is queued, so a retry after an
/// unclear SMTP answer sends the same message again, recognisably.
/// </summary>
public sealed class EmailMessage : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ContactId { get; set; }
    public Guid SenderId { get; set; }
    public required string SenderName { get; set; }
    public required string SenderEmail { get; set; }
    public required string Subject { get; set; }
    public string? Html { get; set; }
    public string? Text { get; set; }
    public required string Language { get; set; }
    public required string MessageId { get; set; }

    /// <summary>The organization's Art. 14 notice, when this is the first email to a contact whose data was not collected from them.</summary>
    public string? PrivacyNotice { get; set; }

    public EmailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    public EmailDto ToDto() => new(Id, Subject, SenderName, CreatedAt, Status.ToString(), SentAt, MessageId, Attempts, PrivacyNotice is not null);
}

/// <summary>One try at handing a message to the SMTP server, kept so the record shows every attempt.</summary>
public sealed class EmailAttempt : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid EmailId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset At { get; set; }
    public bool Accepted { get; set; }
    public string? Response { get; set; }
}

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.ToTable("email_messages");
        builder.HasKey(e => new { e.OrganizationId, e.Id });
        builder.HasOne<Contacts.Contact>().WithMany().HasForeignKey(e => new { e.OrganizationId, e.ContactId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.OrganizationId, e.ContactId, e.CreatedAt });
        builder.HasIndex(e => e.NextAttemptAt).HasFilter("status = 'Pending'");
        builder.HasIndex(e => e.MessageId).IsUnique();
        builder.Property(e => e.SenderName).HasMaxLength(200);
        builder.Property(e => e.SenderEmail).HasMaxLength(254);
        builder.Property(e => e.Subject).HasMaxLength(SendEmailRequest.MaxSubject);
        builder.Property(e => e.Language).HasMaxLength(5);
        builder.Property(e => e.MessageId).HasMaxLength(200);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.LastError).HasMaxLength(1000);
    }
}

internal sealed class EmailAttemptConfiguration : IEntityTypeConfiguration<EmailAttempt>
{
    public void Configure(EntityTypeBuilder<EmailAttempt> builder)
    {
        builder.ToTable("email_attempts");
        builder.HasKey(a => new { a.OrganizationId, a.EmailId, a.Number });
        builder.HasOne<EmailMessage>().WithMany().HasForeignKey(a => new { a.OrganizationId, a.EmailId }).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Response).HasMaxLength(1000);
    }
}
