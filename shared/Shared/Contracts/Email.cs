using ComplianceConnect.Shared.Compliance;

namespace ComplianceConnect.Shared.Contracts;

/// <summary>An unsubscribe or a resubscribe: a contact's subscription status is derived from these events.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<SubscriptionEventKind>))]
public enum SubscriptionEventKind
{
    /// <summary>The contact no longer receives email from the organization.</summary>
    Unsubscribe,

    /// <summary>An Admin lifted an unsubscribe with evidence of new consent.</summary>
    Resubscribe,
}

/// <summary>How an unsubscribe or resubscribe came about.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<SubscriptionSource>))]
public enum SubscriptionSource
{
    /// <summary>The contact followed the link in an email and confirmed on the page.</summary>
    Link,

    /// <summary>The contact's mail client sent the RFC 8058 one-click request.</summary>
    OneClick,

    /// <summary>The opt-out came from Salesforce.</summary>
    SalesforceSync,

    /// <summary>A user of the organization recorded it by hand.</summary>
    Manual,

    /// <summary>An Admin lifted the unsubscribe with evidence of new consent.</summary>
    Admin,
}

/// <summary>Sends one email from the signed-in user to each of the contacts.</summary>
public sealed record SendEmailRequest : IValidatableRequest
{
    public const int MaxRecipients = 1000;
    public const int MaxSubject = 300;
    public const int MaxBody = 200_000;

    public IReadOnlyList<Guid>? ContactIds { get; init; }
    public string? Subject { get; init; }

    /// <summary>The HTML part; the unsubscribe footer is appended to it.</summary>
    public string? Html { get; init; }

    /// <summary>The plain-text part; the unsubscribe footer is appended to it.</summary>
    public string? Text { get; init; }

    /// <summary>Language of the footer and the unsubscribe page: "en" (default) or "sv".</summary>
    public string? Language { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        if (ContactIds is null || ContactIds.Count == 0)
        {
            errors.Add(nameof(ContactIds), ValidationCodes.Required, "Is required: name at least one contact.");
        }
        else if (ContactIds.Count > MaxRecipients)
        {
            errors.Add(nameof(ContactIds), ValidationCodes.OutOfRange, $"Must name at most {MaxRecipients} contacts.");
        }

        errors.Text(nameof(Subject), Subject, MaxSubject, required: true);
        errors.Text(nameof(Html), Html, MaxBody);
        errors.Text(nameof(Text), Text, MaxBody);
        if (string.IsNullOrWhiteSpace(Html) && string.IsNullOrWhiteSpace(Text))
        {
            errors.Add(nameof(Text), ValidationCodes.Required, "Is required: give a text part, an HTML part or both.");
        }

        if (Language is not null and not ("en" or "sv"))
        {
            errors.Add(nameof(Language), ValidationCodes.UnknownValue, "Is not a known value. Allowed values: en, sv.", "en, sv");
        }
    }
}

/// <summary>What a send did: the messages queued in the outbox and the contacts nothing was sent to, with why.</summary>
public sealed record SendEmailResponse(IReadOnlyList<QueuedEmailDto> Queued, IReadOnlyList<RefusedRecipientDto> Refused);

/// <summary>A message in the outbox, with the Message-ID every attempt to send it uses.</summary>
public sealed record QueuedEmailDto(Guid ContactId, Guid EmailId, string MessageId);

/// <summary>A contact that was sent nothing; <paramref name="Code"/> is a <see cref="ValidationCodes"/> value.</summary>
public sealed record RefusedRecipientDto(Guid ContactId, string Code);

/// <summary>An email recorded for a contact.</summary>
public sealed record EmailDto(Guid Id, string Subject, string SenderName, DateTimeOffset CreatedAt, string Status, DateTimeOffset? SentAt, string MessageId, int Attempts, bool CarriedPrivacyNotice);

/// <summary>A contact's subscription status and the events it derives from, oldest first.</summary>
public sealed record SubscriptionDto(bool Unsubscribed, DateTimeOffset? Since, SubscriptionSource? Via, IReadOnlyList<SubscriptionEventDto> History);

/// <summary>One unsubscribe or resubscribe.</summary>
public sealed record SubscriptionEventDto(
    SubscriptionEventKind Kind,
    SubscriptionSource Source,
    DateTimeOffset OccurredAt,
    string ActorName,
    string? Reason,
    string? EvidenceReference,
    bool? LookedLikeScanner);

/// <summary>A user records that a contact asked not to be emailed.</summary>
public sealed record ManualUnsubscribeRequest : IValidatableRequest
{
    public string? Reason { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors) => errors.Text(nameof(Reason), Reason, Limits.Description);
}

/// <summary>An Admin lifts an unsubscribe; the evidence of new consent is required.</summary>
public sealed record ResubscribeRequest : IValidatableRequest
{
    public DateOnly? ConsentDate { get; init; }
    public string? ConsentPurpose { get; init; }

    /// <summary>Where the evidence is kept (a signed form, a recorded call, a ticket).</summary>
    public string? EvidenceReference { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors) => Validate(errors, DateOnly.MaxValue);

    /// <summary>The consent rules of the compliance card, plus the reference to the evidence.</summary>
    public void Validate(ValidationErrors errors, DateOnly today)
    {
        ComplianceRules.ValidateAuthorization(errors, AuthorizationType.Consent, null, ConsentDate, ConsentPurpose, today);
        errors.Text(nameof(EvidenceReference), EvidenceReference, Limits.Description, required: true);
    }
}

/// <summary>The organization's privacy notice (GDPR Art. 14), sent with the first email to a contact whose data was not collected from them.</summary>
public sealed record PrivacyNoticeDto : IValidatableRequest
{
    public const int MaxLength = 4000;

    public string? Text { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors) => errors.Text(nameof(Text), Text, MaxLength);
}

/// <summary>A contact who must be told where their data came from (GDPR Art. 14) by <paramref name="DueBy"/>.</summary>
public sealed record PrivacyNoticeDueDto(ContactDto Contact, DateTimeOffset DueBy);
