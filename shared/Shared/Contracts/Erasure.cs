namespace ComplianceConnect.Shared.Contracts;

/// <summary>Contacts chosen by id (the People page's selection), for a bulk export or erasure.</summary>
/// <param name="Ids">The contacts; ids of other organizations or unknown ones are ignored.</param>
public sealed record ContactIdsRequest(IReadOnlyList<Guid>? Ids) : IValidatableRequest
{
    /// <summary>The most ids one request may name.</summary>
    public const int MaxIds = 10_000;

    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        if (Ids is null || Ids.Count == 0)
        {
            errors.Add(nameof(Ids), ValidationCodes.Required, "Give at least one contact id.");
        }
        else if (Ids.Count > MaxIds)
        {
            errors.Add(nameof(Ids), ValidationCodes.OutOfRange, $"At most {MaxIds} ids per request.", MaxIds);
        }
    }
}

/// <summary>The outcome of an erasure (GDPR Art. 17).</summary>
/// <param name="Erased">How many contacts were erased.</param>
/// <param name="Suppressed">How many keyed hashes (email, LinkedIn profile) were added to the suppression list.</param>
public sealed record ErasureResult(int Erased, int Suppressed);

/// <summary>How many keyed hashes the organization's suppression list holds (Admin).</summary>
/// <param name="Entries">All entries (emails and LinkedIn profiles).</param>
/// <param name="Emails">Entries for erased emails.</param>
/// <param name="LinkedInProfiles">Entries for erased LinkedIn profiles.</param>
public sealed record SuppressionCountDto(int Entries, int Emails, int LinkedInProfiles);
