namespace ComplianceConnect.Shared.Contracts;

/// <summary>The organization's retention period (GDPR Art. 5(1)(e)); null turns the review off.</summary>
/// <param name="Days">Days without real activity after which a contact is due for review.</param>
public sealed record RetentionSettingsDto(int? Days) : IValidatableRequest
{
    /// <summary>The longest period accepted (ten years).</summary>
    public const int MaxDays = 3660;

    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        if (Days is < 1 or > MaxDays)
        {
            errors.Add(nameof(Days), ValidationCodes.OutOfRange, $"Must be between 1 and {MaxDays} days, or null for no review.", 1, MaxDays);
        }
    }
}

/// <summary>Keeps a contact that is due for retention review; the reason is audited.</summary>
/// <param name="Reason">Why the data is still needed.</param>
public sealed record RetentionKeepRequest(string? Reason) : IValidatableRequest
{
    /// <inheritdoc />
    public void Validate(ValidationErrors errors) => errors.Text(nameof(Reason), Reason, Limits.Description, required: true);
}

/// <summary>A contact due for retention review.</summary>
/// <param name="Contact">The contact.</param>
/// <param name="LastActivityAt">Its latest real activity (creation, a card change, a keep decision; emails once they exist).</param>
public sealed record RetentionDueDto(ContactDto Contact, DateTimeOffset LastActivityAt);
