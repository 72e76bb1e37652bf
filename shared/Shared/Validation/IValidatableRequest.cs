namespace ComplianceConnect.Shared;

/// <summary>
/// A request that checks its own rules. The API runs <see cref="Validate(ValidationErrors, DateOnly)"/> on every request
/// before its handler; the extension runs it before sending, so both enforce the same rules.
/// </summary>
public interface IValidatableRequest
{
    /// <summary>Adds every broken rule to <paramref name="errors"/>.</summary>
    void Validate(ValidationErrors errors);

    /// <summary>
    /// Adds every broken rule, judging dates against <paramref name="today"/> (the latest date
    /// accepted now); requests without date rules need not implement it.
    /// </summary>
    void Validate(ValidationErrors errors, DateOnly today) => Validate(errors);
}
