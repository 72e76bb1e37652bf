using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Extension.Services;

/// <summary>Selected text handed over by the service worker's context-menu entry.</summary>
public sealed record PendingSelection(string Text, string? PageUrl, int? TabId, long At);

/// <summary>Why nobody is offered for capture; shown in the rep's language (<c>Capture.Problem.*</c>).</summary>
public enum CaptureProblem
{
    /// <summary>No tab to read.</summary>
    NoPage,

    /// <summary>The browser does not let the extension read the tab (its own pages, the Web Store, …).</summary>
    Unreadable,

    /// <summary>The text selected from the context menu does not look like a person.</summary>
    NotAPerson,

    /// <summary>The page was read and has nobody on it.</summary>
    NobodyFound,

    /// <summary>The page has no markup.</summary>
    PageEmpty,

    /// <summary>The page is longer than the extractor reads.</summary>
    PageTooLarge,

    /// <summary>The page nests deeper than the extractor reads safely.</summary>
    PageTooDeep,

    /// <summary>Reading the page failed.</summary>
    PageFailed,
}

/// <summary>The people found where the rep invoked the extension, and the page they came from.</summary>
/// <param name="SelectedPerson">
/// The person in the text the rep had selected when pressing the toolbar button, offered instead of the page's.
/// </param>
public sealed record CaptureCandidates(
    IReadOnlyList<PersonCandidate> People,
    string? PageUrl,
    int? TabId,
    CaptureProblem? Problem,
    bool FromSelection,
    PersonCandidate? SelectedPerson = null);

/// <summary>
/// Finds who to capture: a selection from the context menu if one is waiting, otherwise the tab's
/// page, read on demand and run through the extractor here in the browser, so only the person the
/// rep saves ever leaves it.
/// </summary>
public sealed class CaptureSource(IChromeStorage storage, IChromeTabs tabs, IChromeScripting scripting, ContactExtractor extractor, TimeProvider clock)
{
    private const string PendingKey = "pendingSelection";
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(2);

    public async Task<CaptureCandidates> FindAsync(int? requestedTabId)
    {
        var pending = await storage.GetAsync(PendingKey, ExtensionJsonContext.Default.PendingSelection, StorageArea.Session);
        if (pending is not null)
        {
            await storage.RemoveAsync(PendingKey, StorageArea.Session);
            var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(pending.At);
            if (age < PendingLifetime)
            {
                var person = SelectionParser.Parse(pending.Text, pending.PageUrl);
                return new([.. person is null ? [] : new[] { person }], pending.PageUrl, pending.TabId,
                    person is null ? CaptureProblem.NotAPerson : null, FromSelection: true);
            }
        }

        var tabId = requestedTabId ?? await tabs.ActiveTabIdAsync();
        if (tabId is null)
        {
            return new([], null, null, CaptureProblem.NoPage, FromSelection: false);
        }

        var page = await scripting.ReadPageAsync(tabId.Value);
        if (!page.Ok || page.Html is null || page.Url is null)
        {
            return new([], page.Url, tabId, CaptureProblem.Unreadable, FromSelection: false);
        }

        var result = extractor.Extract(page.Html, page.Url);
        CaptureProblem? problem = result.All.Count > 0 ? null : result.Refused switch
        {
            ExtractionRefusal.Empty => CaptureProblem.PageEmpty,
            ExtractionRefusal.TooLarge => CaptureProblem.PageTooLarge,
            ExtractionRefusal.TooDeep => CaptureProblem.PageTooDeep,
            ExtractionRefusal.Failed => CaptureProblem.PageFailed,
            _ => CaptureProblem.NobodyFound,
        };

        // Text selected on the page (a signature, a bio) when the toolbar button was pressed: offer it as well.
        var selected = page.Selection is { Length: >= 3 and <= 4_000 } selection ? SelectionParser.Parse(selection, page.Url) : null;
        return new(result.All, page.Url, tabId, problem, FromSelection: false, selected);
    }
}
