namespace ComplianceConnect.Api.Features.Salesforce;

/// <summary>
/// Whether a person was erased and must not be re-added (GDPR Art. 17): the pull asks before it
/// creates a contact. The seam the erasure feature's suppression list fills; it is called inside
/// the sync's unit of work, so an implementation may query the organization's tables directly.
/// </summary>
public interface ISuppressionList
{
    Task<bool> IsSuppressedAsync(string? email, string? linkedIn, CancellationToken ct);
}

/// <summary>
/// Until the suppression list is merged: nobody is suppressed. Registered with TryAdd, so the
/// erasure feature's registration (made before or instead) wins.
/// </summary>
internal sealed class NoSuppressionList : ISuppressionList
{
    public Task<bool> IsSuppressedAsync(string? email, string? linkedIn, CancellationToken ct) => Task.FromResult(false);
}
