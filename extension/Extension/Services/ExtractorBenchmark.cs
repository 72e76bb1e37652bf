using System.Diagnostics;
using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Extension.Services;

/// <summary>
/// Issue #14's row 7 under WebAssembly: times the extractor and AngleSharp's parse alone on a given page, inside the
/// extension's own runtime. Nothing calls it from the UI; api/Api.Benchmarks opens an extension page in headless
/// Chromium and calls it through the runtime's exports
/// (<c>Blazor.runtime.getAssemblyExports("ComplianceConnect.Extension.dll")</c>). [JSExport] roots it, so the
/// trimmer keeps it; it adds a few kilobytes to the extension's assembly and nothing else (AngleSharp is already in).
/// </summary>
[SupportedOSPlatform("browser")]
public static partial class ExtractorBenchmark
{
    private static readonly ContactExtractor Extractor = new();

    /// <summary>
    /// Runs <paramref name="warmups"/> untimed rounds, then <paramref name="runs"/> rounds of extract-then-parse, and
    /// returns JSON: the subject found, every extraction and parse time in milliseconds, and each stage's median.
    /// </summary>
    [JSExport]
    public static string Measure(string html, string pageUrl, int warmups, int runs)
    {
        var extract = new List<double>();
        var parse = new List<double>();
        var stages = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var order = new List<string>();
        ExtractionResult? result = null;
        for (var i = -warmups; i < runs; i++)
        {
            var profile = new ExtractionProfile();
            var start = Stopwatch.GetTimestamp();
            result = Extractor.Extract(html, pageUrl, profile);
            var e = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            using (var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html))
            {
                GC.KeepAlive(document.All.Length);
            }

            var p = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i < 0)
            {
                continue;
            }

            extract.Add(e);
            parse.Add(p);
            foreach (var (stage, ms) in profile.Stages)
            {
                if (!stages.TryGetValue(stage, out var list))
                {
                    stages[stage] = list = [];
                    order.Add(stage);
                }

                list.Add(ms);
            }
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("best", result?.Best?.FullName);
            json.WriteNumber("people", result?.All.Count ?? 0);
            json.WriteString("runtime", Environment.Version.ToString());
            Numbers(json, "extractMs", extract);
            Numbers(json, "parseMs", parse);
            json.WriteStartObject("stageMedianMs");
            foreach (var stage in order)
            {
                json.WriteNumber(stage, Math.Round(Median(stages[stage]), 3));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
        Console.WriteLine("ExtractorBenchmark " + text);
        return text;
    }

    /// <summary>
    /// One extraction or one parse alone for the first call of a fresh runtime: what a capture from a popup that has just
    /// opened pays. Never both in one runtime, so neither warms the other's code. JSON: the time in milliseconds and,
    /// for an extraction, each stage's.
    /// </summary>
    [JSExport]
    public static string First(string html, string pageUrl, bool extract)
    {
        var profile = new ExtractionProfile();
        var start = Stopwatch.GetTimestamp();
        if (extract)
        {
            if (Extractor.Extract(html, pageUrl, profile).Best?.FullName is null)
            {
                throw new InvalidOperationException("The page yielded no subject.");
            }
        }
        else
        {
            using var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html);
            GC.KeepAlive(document.All.Length);
        }

        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("ms", Math.Round(ms, 3));
            json.WriteStartObject("stageMs");
            foreach (var (stage, stageMs) in profile.Stages)
            {
                json.WriteNumber(stage, Math.Round(stageMs, 3));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Numbers(Utf8JsonWriter json, string name, List<double> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(Math.Round(value, 3));
        }

        json.WriteEndArray();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
