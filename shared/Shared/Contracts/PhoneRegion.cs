using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Shared.Contracts;

/// <summary>
/// The organization's phone region: national numbers (written without +country code) that reps type, import or
/// capture are read in this country (ISO 3166-1 alpha-2, e.g. "DE"). Sweden until an Admin sets it.
/// </summary>
public sealed record PhoneRegionSettingsDto(string? Region) : IValidatableRequest
{
    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Region))
        {
            errors.Add(nameof(Region), ValidationCodes.Required, "Is required: the two-letter code of a country, such as DE.");
        }
        else if (!PhoneNumber.IsKnownRegion(Region.Trim()))
        {
            errors.Add(nameof(Region), ValidationCodes.UnknownValue, "Is not a country with a phone numbering plan: give its two-letter ISO 3166-1 code, such as DE.");
        }
    }
}
