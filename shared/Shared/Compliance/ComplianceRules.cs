namespace ComplianceConnect.Shared.Compliance;

/// <summary>
/// The rules of the compliance card, in one place: the API enforces them on every write and the
/// extension checks them before sending.
/// </summary>
public static class ComplianceRules
{
    /// <summary>The fields the rules speak of, as named in the JSON of a card.</summary>
    public static class Fields
    {
        public const string AuthorizationType = "authorizationType";
        public const string AuthorizationDescription = "authorizationDescription";
        public const string ConsentDate = "consentDate";
        public const string ConsentPurpose = "consentPurpose";
        public const string SourceType = "sourceType";
        public const string SourceDescription = "sourceDescription";
    }

    /// <summary>
    /// The calendar date that "not in the future" is checked against: the latest date anywhere on
    /// Earth (UTC+14), so a rep whose local date is already tomorrow in UTC terms is not refused.
    /// </summary>
    public static DateOnly LatestToday(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime.AddHours(14));

    /// <summary>
    /// The earliest consent date accepted. Records of consent from before 1970 are implausible
    /// (and 0001-01-01 is an unset date, not a consent); the floor only catches such mistakes.
    /// </summary>
    public static readonly DateOnly EarliestConsentDate = new(1970, 1, 1);

    /// <summary>Validates the legal-basis and source part of a card.</summary>
    public static void Validate(ValidationErrors errors, UpdateComplianceCardRequest card, DateOnly today)
    {
        ValidateAuthorization(errors, card.AuthorizationType, card.AuthorizationDescription, card.ConsentDate, card.ConsentPurpose, today);
        ValidateSource(errors, card.SourceType, card.SourceDescription);
    }

    /// <summary>Consent needs a date (not in the future) and a purpose, which no other basis may carry; Other needs a description.</summary>
    public static void ValidateAuthorization(
        ValidationErrors errors,
        AuthorizationType? type,
        string? description,
        DateOnly? consentDate,
        string? consentPurpose,
        DateOnly today)
    {
        if (type is { } t && !Enum.IsDefined(t))
        {
            errors.Add(Fields.AuthorizationType, ValidationCodes.UnknownValue, $"Is not a known value. {AllowedValues<AuthorizationType>()}", Names<AuthorizationType>());
            return;
        }

        if (type == AuthorizationType.Consent)
        {
            if (consentDate is null)
            {
                errors.Add(Fields.ConsentDate, ValidationCodes.ConsentDateRequired, "Is required when the legal basis is Consent (GDPR Art. 7(1)).");
            }
            else if (consentDate > today)
            {
                var latest = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                errors.Add(Fields.ConsentDate, ValidationCodes.ConsentDateInFuture, $"Must not be in the future (the latest date accepted now is {latest}).", latest);
            }
            else if (consentDate < EarliestConsentDate)
            {
                var earliest = EarliestConsentDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                errors.Add(Fields.ConsentDate, ValidationCodes.ConsentDateTooEarly, $"Must be {earliest} or later.", earliest);
            }

            if (string.IsNullOrWhiteSpace(consentPurpose))
            {
                errors.Add(Fields.ConsentPurpose, ValidationCodes.ConsentPurposeRequired, "Is required when the legal basis is Consent (GDPR Art. 7(1)).");
            }
            else
            {
                errors.Text(Fields.ConsentPurpose, consentPurpose, Limits.Description);
            }
        }
        else
        {
            if (consentDate is not null)
            {
                errors.Add(Fields.ConsentDate, ValidationCodes.OnlyWithConsent, "Is only allowed when the legal basis is Consent.");
            }

            if (consentPurpose is not null)
            {
                errors.Add(Fields.ConsentPurpose, ValidationCodes.OnlyWithConsent, "Is only allowed when the legal basis is Consent.");
            }
        }

        DescriptionRule(errors, Fields.AuthorizationDescription, type == AuthorizationType.Other, description, "legal basis");
    }

    /// <summary>Other needs a description, which no other source may carry.</summary>
    public static void ValidateSource(ValidationErrors errors, SourceType? type, string? description)
    {
        if (type is { } t && !Enum.IsDefined(t))
        {
            errors.Add(Fields.SourceType, ValidationCodes.UnknownValue, $"Is not a known value. {AllowedValues<SourceType>()}", Names<SourceType>());
            return;
        }

        DescriptionRule(errors, Fields.SourceDescription, type == SourceType.Other, description, "source");
    }

    /// <summary>"Allowed values: A, B, C." for an enum, as the names travel in JSON.</summary>
    public static string AllowedValues<TEnum>() where TEnum : struct, Enum => Json.StrictEnum.AllowedValues<TEnum>();

    /// <summary>"A, B, C": the argument of an <see cref="ValidationCodes.UnknownValue"/> failure.</summary>
    public static string Names<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());

    private static void DescriptionRule(ValidationErrors errors, string field, bool isOther, string? description, string what)
    {
        if (isOther)
        {
            if (string.IsNullOrWhiteSpace(description))
            {
                errors.Add(field, ValidationCodes.DescriptionRequiredForOther, $"Is required when the {what} is Other.");
            }
            else
            {
                errors.Text(field, description, Limits.Description);
            }
        }
        else if (description is not null)
        {
            errors.Add(field, ValidationCodes.OnlyWithOther, $"Is only allowed when the {what} is Other.");
        }
    }
}
