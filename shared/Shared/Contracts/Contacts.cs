using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Shared.Contracts;

/// <summary>A contact's personal data, as sent when creating or editing one.</summary>
public abstract record ContactFields
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
    public string? Website { get; init; }
    public string? LinkedIn { get; init; }
    public string? Twitter { get; init; }
    public string? Facebook { get; init; }
    public string? Other { get; init; }

    /// <summary>Checks lengths and shapes; a contact needs a name or an email to be recognisable.</summary>
    /// <param name="errors">Where broken rules are recorded.</param>
    /// <param name="defaultRegion">ISO 3166-1 alpha-2 region a national phone number is read in (else the errors' own).</param>
    public void ValidateFields(ValidationErrors errors, string? defaultRegion = null)
    {
        errors.Text(nameof(FirstName), FirstName, Limits.Name);
        errors.Text(nameof(LastName), LastName, Limits.Name);
        errors.Email(nameof(Email), Email);
        errors.Phone(nameof(Phone), Phone, defaultRegion);
        errors.Text(nameof(Company), Company, Limits.Name);
        errors.Text(nameof(Title), Title, Limits.Name);
        errors.Url(nameof(Website), Website);
        errors.Url(nameof(LinkedIn), LinkedIn);
        errors.Url(nameof(Twitter), Twitter);
        errors.Url(nameof(Facebook), Facebook);
        errors.Text(nameof(Other), Other, Limits.Description);
        if (string.IsNullOrWhiteSpace(FirstName) && string.IsNullOrWhiteSpace(LastName) && string.IsNullOrWhiteSpace(Email))
        {
            errors.Add(nameof(FirstName), ValidationCodes.ContactNeedsIdentity, "A contact needs a first name, a last name or an email.");
        }
    }
}

/// <summary>A new contact's personal data and, when already known, its legal basis.</summary>
public abstract record NewContactFields : ContactFields
{
    /// <summary>The legal basis, if already known.</summary>
    public AuthorizationType? AuthorizationType { get; init; }
    public string? AuthorizationDescription { get; init; }
    public DateOnly? ConsentDate { get; init; }
    public string? ConsentPurpose { get; init; }

    /// <summary>The card's legal-basis rules, checked against the latest date accepted now.</summary>
    public void ValidateLegalBasis(ValidationErrors errors, DateOnly today) =>
        ComplianceRules.ValidateAuthorization(errors, AuthorizationType, AuthorizationDescription, ConsentDate, ConsentPurpose, today);
}

/// <summary>Creates a contact by hand; its source becomes Manual upload.</summary>
public sealed record CreateContactRequest : NewContactFields, IValidatableRequest
{
    /// <inheritdoc />
    public void Validate(ValidationErrors errors) => ValidateFields(errors);

    /// <summary>Also checks the legal basis against today's date.</summary>
    public void Validate(ValidationErrors errors, DateOnly today)
    {
        Validate(errors);
        ValidateLegalBasis(errors, today);
    }
}

/// <summary>Replaces a contact's personal data.</summary>
public sealed record UpdateContactRequest : ContactFields, IValidatableRequest
{
    /// <summary>Concurrency token of the contact last read.</summary>
    public uint? Version { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        ValidateFields(errors);
        if (Version is null)
        {
            errors.Add(nameof(Version), ValidationCodes.VersionRequired, "Is required: send the version of the contact you edited.");
        }
    }
}

/// <summary>A contact with its compliance card.</summary>
public sealed record ContactDto
{
    public Guid Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
    public string? Website { get; init; }
    public string? LinkedIn { get; init; }
    public string? Twitter { get; init; }
    public string? Facebook { get; init; }
    public string? Other { get; init; }
    public string? SalesforceId { get; init; }

    /// <summary>When the contact unsubscribed, if they are unsubscribed now (derived from the subscription history).</summary>
    public DateTimeOffset? UnsubscribedAt { get; init; }

    /// <summary>How that unsubscribe came about.</summary>
    public SubscriptionSource? UnsubscribedVia { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public required ComplianceCardDto Card { get; init; }

    /// <summary>"First Last", or the email when there is no name.</summary>
    public string DisplayName =>
        string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
            ? name
            : Email ?? "(no name)";
}

/// <summary>One page of a list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
