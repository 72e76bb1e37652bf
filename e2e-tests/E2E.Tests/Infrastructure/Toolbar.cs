using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Infrastructure;

/// <summary>
/// What a user does with the browser's own UI, done through the DevTools protocol because headless
/// Chromium has no toolbar or context menu to click.
/// </summary>
public static class Toolbar
{
    /// <summary>
    /// Presses the extension's toolbar button on <paramref name="tab"/>, exactly as a click would:
    /// Chrome grants activeTab for that tab and opens the real popup. Returns Chrome's id for the tab.
    /// </summary>
    public static async Task<int> ClickExtensionButtonAsync(this ExtensionFixture fixture, IBrowserContext browser, IPage tab, IPage extensionPage)
    {
        var cdp = await browser.Browser!.NewBrowserCDPSessionAsync();
        var targets = await cdp.SendAsync("Target.getTargets", new Dictionary<string, object>
        {
            ["filter"] = new object[] { new Dictionary<string, object> { ["type"] = "tab" } },
        });
        var targetId = targets!.Value.GetProperty("targetInfos").EnumerateArray()
            .First(t => t.GetProperty("url").GetString() == tab.Url)
            .GetProperty("targetId").GetString()!;
        await cdp.SendAsync("Extensions.triggerAction", new Dictionary<string, object> { ["id"] = fixture.ExtensionId, ["targetId"] = targetId });

        // The click granted activeTab, so the tab's address is now visible to the extension.
        return await extensionPage.EvaluateAsync<int>(
            "async url => (await chrome.tabs.query({})).find(t => t.url === url).id", tab.Url);
    }

    /// <summary>The popup window Chrome opened for the extension (Playwright does not attach to it).</summary>
    public static Task<CdpTarget> AttachToOpenedPopupAsync(this ExtensionFixture fixture, IBrowserContext browser) =>
        CdpTarget.AttachAsync(browser, (type, url) => type == "page" && url.StartsWith(fixture.PageUrl("popup.html"), StringComparison.Ordinal),
            alreadyAttached: false);

    /// <summary>The extension's service worker.</summary>
    public static Task<CdpTarget> AttachToServiceWorkerAsync(this ExtensionFixture fixture, IBrowserContext browser) =>
        CdpTarget.AttachAsync(browser, (type, url) => type == "service_worker" && url == fixture.PageUrl("background.js"));
}
