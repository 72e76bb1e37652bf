// Measures how long the extension's popup takes to appear, in headless Chromium with the built
// extension loaded: the static skeleton's first contentful paint (plain HTML, no .NET) and the
// first Blazor render (the sign-in form), from navigation. Run after `dotnet publish extension/Extension -c Release`:
//   dotnet run -c Release --project e2e-tests/Startup.Benchmark [-- opens]
// Figures are recorded in docs/benchmarks.md.
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;

var opens = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 15;
var root = FindRoot();
var dist = Environment.GetEnvironmentVariable("CC_EXTENSION_DIR") is { Length: > 0 } d ? d : Path.Combine(root, "extension", "dist");
var chromium = Environment.GetEnvironmentVariable("CC_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
if (!File.Exists(Path.Combine(dist, "manifest.json")) || !File.Exists(chromium))
{
    Console.Error.WriteLine($"Needs the built extension in {dist} and Chromium at {chromium}.");
    return 1;
}

using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dist, "manifest.json")));
var key = SHA256.HashData(Convert.FromBase64String(manifest.RootElement.GetProperty("key").GetString()!));
var id = string.Concat(key.Take(16).SelectMany(b => new[] { (char)('a' + (b >> 4)), (char)('a' + (b & 0xF)) }));
var popupUrl = $"chrome-extension://{id}/popup.html";

using var playwright = await Playwright.CreateAsync();
var profile = Directory.CreateTempSubdirectory("cc-bench-").FullName;
await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new()
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--disable-extensions-except=" + dist, "--load-extension=" + dist, "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

var skeleton = new List<double>();
var rendered = new List<double>();
for (var i = 0; i <= opens; i++)
{
    var page = await browser.NewPageAsync();
    var clock = Stopwatch.StartNew();
    await page.GotoAsync(popupUrl, new() { WaitUntil = WaitUntilState.Commit });
    await page.Locator("#email").WaitForAsync();
    var renderedMs = clock.Elapsed.TotalMilliseconds;

    // The skeleton is static HTML: its first contentful paint, from the page's own timeline.
    var skeletonMs = await page.EvaluateAsync<double>(
        "() => performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint')?.startTime ?? -1");
    await page.CloseAsync();
    if (i == 0)
    {
        Console.WriteLine($"first open after browser start: skeleton {skeletonMs:F0} ms, sign-in form {renderedMs:F0} ms");
        continue;
    }

    skeleton.Add(skeletonMs);
    rendered.Add(renderedMs);
}

Console.WriteLine($"repeat opens (n={opens}): skeleton median {Median(skeleton):F0} ms, p90 {P90(skeleton):F0} ms; " +
    $"sign-in form median {Median(rendered):F0} ms, p90 {P90(rendered):F0} ms");
var size = new DirectoryInfo(dist).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
Console.WriteLine($"extension folder: {size / 1024.0 / 1024.0:F1} MB");
return 0;

static double Median(List<double> values) => Percentile(values, 0.5);
static double P90(List<double> values) => Percentile(values, 0.9);
static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Extension.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
