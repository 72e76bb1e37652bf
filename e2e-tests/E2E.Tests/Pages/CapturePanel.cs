using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Pages;

/// <summary>The popup's capture view: the person found on the page and the form to save them.</summary>
public sealed class CapturePanel(IPage page)
{
    private ILocator Root => page.GetByTestId("capture");

    public ILocator Heading => Root.Locator("h1").First;
    public ILocator Status => page.GetByTestId("capture-status");
    public ILocator Problem => page.GetByTestId("capture-problem");
    public ILocator Form => page.GetByTestId("capture-form");

    /// <summary>A form field by its id suffix, e.g. "first-name" for #capture-first-name.</summary>
    public ILocator Field(string name) => page.Locator($"#capture-{name}");

    /// <summary>The people offered on a page with several.</summary>
    public ILocator Candidates => page.Locator("#candidate option");

    public Task PickAsync(int index) => page.Locator("#candidate").SelectOptionAsync(index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task SaveAsync() => Form.Locator("button[type=submit]").ClickAsync();
}
