namespace ComplianceConnect.Shared.Contracts;

/// <summary>
/// A person captured from a web page by the extension. Creates the contact (source: Chrome
/// extension, with the page URL and capture time, GDPR Art. 14) or matches the existing one by
/// email or, lacking one, LinkedIn profile.
/// </summary>
public sealed record CaptureRequest : NewContactFields, IValidatableRequest
{
    /// <summary>The page the person was captured from.</summary>
    public string? PageUrl { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        ValidateFields(errors);
        if (errors.Required(nameof(PageUrl), PageUrl))
        {
            errors.Url(nameof(PageUrl), PageUrl);
        }
    }

    /// <summary>Also checks the legal basis against the latest date accepted now.</summary>
    public void Validate(ValidationErrors errors, DateOnly today)
    {
        Validate(errors);
        ValidateLegalBasis(errors, today);
    }
}

/// <summary>The result of a capture.</summary>
/// <param name="Contact">The new or the existing contact.</param>
/// <param name="Created">False when the person already was a contact (nothing was changed then).</param>
public sealed record CaptureResponse(ContactDto Contact, bool Created);
