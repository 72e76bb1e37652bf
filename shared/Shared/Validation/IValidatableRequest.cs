namespace ComplianceConnect.Shared;

/// <summary>
/// A request that checks its own rules. The API runs <see cref="Validate"/> on every request
/// before its handler; the extension runs it before sending, so both enforce the same rules.
/// </summary>
public interface IValidatableRequest
{
    /// <summary>Adds every broken rule to <paramref name="errors"/>.</summary>
    void Validate(ValidationErrors errors);
}
