namespace ComplianceConnect.Shared.Compliance;

/// <summary>A contact's compliance card as the API returns it.</summary>
/// <param name="ContactId">The contact the card belongs to.</param>
/// <param name="AuthorizationType">The legal basis, or null when none is recorded yet.</param>
/// <param name="AuthorizationDescription">Describes an "Other" legal basis.</param>
/// <param name="ConsentDate">When consent was given (Consent only).</param>
/// <param name="ConsentPurpose">The purpose consented to (Consent only).</param>
/// <param name="SourceType">Where the data came from.</param>
/// <param name="SourceDescription">Describes an "Other" source.</param>
/// <param name="SourceUrl">The page a captured contact came from.</param>
/// <param name="CapturedAt">When the contact was captured from a page.</param>
/// <param name="Version">Concurrency token: send it back with an edit.</param>
public sealed record ComplianceCardDto(
    Guid ContactId,
    AuthorizationType? AuthorizationType,
    string? AuthorizationDescription,
    DateOnly? ConsentDate,
    string? ConsentPurpose,
    SourceType SourceType,
    string? SourceDescription,
    string? SourceUrl,
    DateTimeOffset? CapturedAt,
    uint Version);

/// <summary>Replaces a contact's compliance card. <see cref="Version"/> must be the version last read.</summary>
public sealed record UpdateComplianceCardRequest(
    AuthorizationType? AuthorizationType,
    string? AuthorizationDescription,
    DateOnly? ConsentDate,
    string? ConsentPurpose,
    SourceType? SourceType,
    string? SourceDescription,
    uint? Version) : IValidatableRequest
{
    /// <inheritdoc />
    /// <remarks>Without a date to judge by, a consent date is only checked against the earliest accepted.</remarks>
    public void Validate(ValidationErrors errors) => Validate(errors, DateOnly.MaxValue);

    /// <summary>Checks the card rules against <paramref name="today"/> (the caller's clock).</summary>
    public void Validate(ValidationErrors errors, DateOnly today)
    {
        if (SourceType is null)
        {
            errors.Add(nameof(SourceType), ValidationCodes.Required, $"Is required. {ComplianceRules.AllowedValues<SourceType>()}");
        }

        if (Version is null)
        {
            errors.Add(nameof(Version), ValidationCodes.VersionRequired, "Is required: send the version of the card you edited.");
        }

        ComplianceRules.Validate(errors, this, today);
    }
}
