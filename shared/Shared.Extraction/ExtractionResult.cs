namespace ComplianceConnect.Shared.Extraction;

/// <summary>The people found on one page.</summary>
/// <param name="Best">The person the page is about (its subject), or null when nobody was found.</param>
/// <param name="Others">Everybody else on the page (comment authors, colleagues, sidebars), most relevant first.</param>
/// <param name="Warnings">What was skipped or could not be read (invalid JSON-LD, oversized page, …), for diagnostics.</param>
public sealed record ExtractionResult(
    PersonCandidate? Best,
    IReadOnlyList<PersonCandidate> Others,
    IReadOnlyList<string> Warnings)
{
    /// <summary>All candidates: <see cref="Best"/> first (when present), then <see cref="Others"/>.</summary>
    /// <remarks>Computed on each read so that it stays right after a <c>with</c> expression.</remarks>
    public IReadOnlyList<PersonCandidate> All => Best is null ? Others : [Best, .. Others];
}
