using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Shared.Benchmarks;

/// <summary>
/// ContactExtractor.Extract on generated profile pages of 200 KB and 2 MB, next to AngleSharp's parse alone so the
/// extractor's own share of the time is visible. Target: a 2 MB page well under 100 ms.
/// </summary>
[SimpleJob(RuntimeMoniker.Net10_0, launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class ExtractorBenchmarks
{
    private const string PageUrl = "https://acme.example/people/jane-doe";

    private readonly ContactExtractor _extractor = new();
    private string _page200KB = "";
    private string _page2MB = "";

    [GlobalSetup]
    public void Setup()
    {
        _page200KB = PageGenerator.Generate(200 * 1024);
        _page2MB = PageGenerator.Generate(2 * 1024 * 1024);

        // A benchmark of a page that finds nobody would measure the wrong thing.
        if (_extractor.Extract(_page2MB, PageUrl).Best?.FullName != "Jane Doe")
        {
            throw new InvalidOperationException("The generated page no longer yields its subject.");
        }
    }

    [Benchmark]
    public ExtractionResult Extract_200KB() => _extractor.Extract(_page200KB, PageUrl);

    [Benchmark]
    public ExtractionResult Extract_2MB() => _extractor.Extract(_page2MB, PageUrl);

    [Benchmark(Baseline = true)]
    public int ParseOnly_2MB()
    {
        using var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(_page2MB);
        return document.All.Length;
    }
}
