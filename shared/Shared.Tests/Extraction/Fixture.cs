using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Shared.Tests.Extraction;

/// <summary>Loads the hand-written pages in Fixtures/ and runs the extractor on them.</summary>
internal static class Fixture
{
    public static string Html(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static ExtractionResult Extract(string name, string pageUrl) => new ContactExtractor().Extract(Html(name), pageUrl);

    public static ExtractionResult ExtractHtml(string html, string pageUrl = "https://example.com/page") =>
        new ContactExtractor().Extract(html, pageUrl);

    public static PersonCandidate Named(this ExtractionResult result, string fullName) =>
        Assert.Single(result.All, p => p.FullName == fullName);
}
