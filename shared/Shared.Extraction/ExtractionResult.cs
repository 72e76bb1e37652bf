namespace ComplianceConnect.Shared.Extraction;

/// <summary>The people found on one page.</summary>
/// <param name="Best">The person the page is about (its subject), or null when nobody was found.</param>
/// <param name="Others">Everybody else on the page (comment authors, colleagues, sidebars), most relevant first.</param>
/// <param name="Warnings">What was skipped or could not be read (invalid JSON-LD, oversized page, …), for diagnostics.</param>
/// <param name="Refused">Why the page was not read at all, for a message in the reader's language; null when it was read.</param>
public sealed record ExtractionResult(
    PersonCandidate? Best,
    IReadOnlyList<PersonCandidate> Others,
    IReadOnlyList<string> Warnings,
    ExtractionRefusal? Refused = null)
{
    /// <summary>All candidates: <see cref="Best"/> first (when present), then <see cref="Others"/>.</summary>
    /// <remarks>Computed on each read so that it stays right after a <c>with</c> expression.</remarks>
    public IReadOnlyList<PersonCandidate> All => Best is null ? Others : [Best, .. Others];
}

/// <summary>Why a page was not read at all (<see cref="ExtractionResult.Refused"/>).</summary>
public enum ExtractionRefusal
{
    /// <summary>There is no markup.</summary>
    Empty,

    /// <summary>Longer than <see cref="ContactExtractor.MaxHtmlLength"/> characters.</summary>
    TooLarge,

    /// <summary>Nested deeper than <see cref="ContactExtractor.MaxNestingDepth"/> levels.</summary>
    TooDeep,

    /// <summary>Reading it failed (a bug the page tripped); the warning says what failed.</summary>
    Failed,
}
