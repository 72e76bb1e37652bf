using System.Diagnostics;
using AngleSharp.Html.Parser;
using ComplianceConnect.Shared.Benchmarks;
using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// #7 (server runtime): ContactExtractor.Extract on the generated 200 KB and 2 MB profile pages against
/// AngleSharp's parse of the same page, interleaved in one process. (BenchmarkDotNet's fuller numbers:
/// shared/Shared.Benchmarks.) WebAssembly needs a hook in the extension and is reported separately.
/// </summary>
public sealed class ExtractorModule : IModule
{
    public string Number => "7";
    public string Work => "extractor vs AngleSharp's parse";
    public string Target => "≤ 2× the parse";

    private const string PageUrl = "https://acme.example/people/jane-doe";

    public Task<IReadOnlyList<Row>> RunAsync(Bench bench)
    {
        var rows = new List<Row>();
        var extractor = new ContactExtractor();
        foreach (var (label, size) in new[] { ("200 KB", 200 * 1024), ("2 MB", 2 * 1024 * 1024) })
        {
            var page = PageGenerator.Generate(size);
            if (extractor.Extract(page, PageUrl).Best?.FullName != "Jane Doe")
            {
                throw new InvalidOperationException("The generated page no longer yields its subject.");
            }

            var extract = new List<double>();
            var parse = new List<double>();
            var timings = Math.Max(15, bench.Runs * 5);
            for (var i = -5; i < timings; i++)
            {
                var e = Time(() => extractor.Extract(page, PageUrl));
                var p = Time(() =>
                {
                    using var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(page);
                    return document.All.Length;
                });
                if (i >= 0)
                {
                    extract.Add(e);
                    parse.Add(p);
                }
            }

            var ratio = Stats.Median(extract) / Stats.Median(parse);
            rows.Add(new Row(Number, $"extract a {label} profile page, server runtime (.NET {Environment.Version})", Stats.Ms(Stats.Median(extract)),
                $"AngleSharp parse {Stats.Ms(Stats.Median(parse))}", Stats.X(ratio), "≤ 2×", Stats.Met(ratio <= 2)));
        }

        rows.Add(Row.NotAvailable(Number, "extract 200 KB / 2 MB under WebAssembly (headless Chromium)", "≤ 2× the parse",
            "needs a page hook in the extension that runs the extractor and the parse on a given page; the capture work owns that code"));
        return Task.FromResult<IReadOnlyList<Row>>(rows);
    }

    private static double Time<T>(Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        GC.KeepAlive(work());
        return clock.Elapsed.TotalMilliseconds;
    }
}
