namespace ComplianceConnect.Shared.Contracts;

/// <summary>One entry of a contact's audit trail.</summary>
/// <param name="Sequence">Position in the organization's hash chain.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="ActorName">Who did it.</param>
/// <param name="Channel">extension, web-app, api or sync.</param>
/// <param name="Action">What happened, e.g. <c>contact.compliance-card-changed</c>.</param>
/// <param name="Summary">A non-personal description.</param>
/// <param name="Before">Changed values before (null when erased or not applicable).</param>
/// <param name="After">Changed values after (null when erased or not applicable).</param>
public sealed record AuditEntryDto(
    long Sequence,
    DateTimeOffset OccurredAt,
    string ActorName,
    string Channel,
    string Action,
    string Summary,
    Dictionary<string, string?>? Before,
    Dictionary<string, string?>? After);

/// <summary>The result of re-computing an organization's audit chain.</summary>
/// <param name="Valid">True when every entry's hash, digest and link is intact.</param>
/// <param name="EntriesChecked">How many entries were checked.</param>
/// <param name="FirstBrokenSequence">The first entry that does not verify, if any.</param>
/// <param name="Reason">Why that entry fails.</param>
public sealed record AuditVerificationDto(bool Valid, long EntriesChecked, long? FirstBrokenSequence, string? Reason);

/// <summary>
/// A signed statement that entry <paramref name="Sequence"/> of the organization's chain had
/// <paramref name="Hash"/>. Keep one outside the database: verification against it finds a trail
/// that was rewritten by whoever controls the database.
/// </summary>
/// <param name="Sequence">The chain position it vouches for.</param>
/// <param name="Hash">That entry's chain hash.</param>
/// <param name="SignedAt">When the API signed it.</param>
/// <param name="Signature">The API's signature (HMAC-SHA256 with a key the database does not hold).</param>
public sealed record AuditCheckpointDto(long Sequence, string Hash, DateTimeOffset SignedAt, string Signature) : IValidatableRequest
{
    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        if (Sequence < 1)
        {
            errors.Add(nameof(Sequence), ValidationCodes.OutOfRange, "Must be 1 or more.");
        }

        errors.Text(nameof(Hash), Hash, Limits.Digest, required: true);
        errors.Text(nameof(Signature), Signature, Limits.Digest, required: true);
    }
}
