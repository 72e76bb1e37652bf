using ComplianceConnect.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Infrastructure;

/// <summary>One API and one Playwright driver for all end-to-end tests; each test gets its own browser profile.</summary>
public sealed class ExtensionFixture : IAsyncLifetime
{
    private readonly List<string> _profiles = [];

    public LiveApi Api { get; } = new();
    public string ExtensionDir { get; private set; } = "";
    public string ExtensionId { get; private set; } = "";
    public string ApiAddress { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = default!;
    public FixtureSite Site { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        ExtensionDir = BrowserSetup.ExtensionDirectory();
        ExtensionId = BrowserSetup.ExtensionId(ExtensionDir);
        BrowserSetup.ChromiumPath();
        ApiAddress = Api.Address;
        Site = await FixtureSite.StartAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();

        // A cold WebAssembly boot on a busy two-core machine can take several seconds.
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        Playwright?.Dispose();
        await Api.DisposeAsync();
        if (Site is not null)
        {
            await Site.DisposeAsync();
        }

        foreach (var profile in _profiles)
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be flushing the profile; it is a temp folder either way.
            }
        }
    }

    public string NewProfileDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cc-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        _profiles.Add(dir);
        return dir;
    }

    /// <summary>Headless Chromium with only our extension loaded, in the given profile (kept across restarts).</summary>
    public Task<IBrowserContext> LaunchAsync(string profileDirectory) =>
        Playwright.Chromium.LaunchPersistentContextAsync(profileDirectory, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = BrowserSetup.ChromiumPath(),
            Headless = true,
            Args =
            [
                "--disable-extensions-except=" + ExtensionDir,
                "--load-extension=" + ExtensionDir,
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                // Lets the tests press the toolbar button through the DevTools protocol (Extensions.triggerAction).
                "--enable-unsafe-extension-debugging",
            ],
        });

    public string PageUrl(string page) => $"chrome-extension://{ExtensionId}/{page}";

    public Task<TestTenant> CreateTenantAsync() => Api.CreateTenantAsync();
}

[CollectionDefinition(Name)]
public sealed class ExtensionCollection : ICollectionFixture<ExtensionFixture>
{
    public const string Name = "extension";
}
