using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Extension.Services;

/// <summary>Selected text handed over by the service worker's context-menu entry.</summary>
public sealed record PendingSelection(string Text, string? PageUrl, int? TabId, long At);

/// <summary>The people found where the rep invoked the extension, and the page they came from.</summary>
/// <param name="SelectedPerson">
/// The person in the text the rep had selected when pressing the toolbar button, offered instead of the page's.
/// </param>
public sealed record CaptureCandidates(
    IReadOnlyList<PersonCandidate> People,
    string? PageUrl,
    int? TabId,
    string? Problem,
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
                    person is null ? "The selected text does not look like a person." : null, FromSelection: true);
            }
        }

        var tabId = requestedTabId ?? await tabs.ActiveTabIdAsync();
        if (tabId is null)
        {
            return new([], null, null, "There is no page to read.", FromSelection: false);
        }

        var page = await scripting.ReadPageAsync(tabId.Value);
        if (!page.Ok || page.Html is null || page.Url is null)
        {
            return new([], page.Url, tabId, "This page cannot be read. Open the extension with its toolbar button on the page itself; browser pages and the Chrome Web Store can never be read.", FromSelection: false);
        }

        var result = extractor.Extract(page.Html, page.Url);
        var problem = result.All.Count == 0 ? (result.Warnings.FirstOrDefault() ?? "No person was found on this page.") : null;

        // Text selected on the page (a signature, a bio) when the toolbar button was pressed: offer it as well.
        var selected = page.Selection is { Length: >= 3 and <= 4_000 } selection ? SelectionParser.Parse(selection, page.Url) : null;
        return new(result.All, page.Url, tabId, problem, FromSelection: false, selected);
    }
}
