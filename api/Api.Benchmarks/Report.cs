using System.Globalization;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>One line of the closing table: a figure next to its reference from the same run.</summary>
public sealed record Row(string Number, string Work, string Figure, string Reference, string Ratio, string Target, string Met)
{
    public static Row NotAvailable(string number, string work, string target, string reason) =>
        new(number, work, "not available in this build", reason, "–", target, "–");
}

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Round(p * (sorted.Length - 1)))];
    }

    public static string Ms(double ms) => ms >= 10_000
        ? (ms / 1000).ToString("F1", CultureInfo.InvariantCulture) + " s"
        : ms >= 100 ? ms.ToString("F0", CultureInfo.InvariantCulture) + " ms" : ms.ToString("F1", CultureInfo.InvariantCulture) + " ms";

    public static string X(double ratio) => ratio.ToString(ratio >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture) + "×";

    public static string Pct(double ratio) => (ratio * 100).ToString("F0", CultureInfo.InvariantCulture) + " %";

    public static string Met(bool met) => met ? "yes" : "**no**";

    public static string Mb(double bytes) => (bytes / 1024 / 1024).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    public static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

public static class Table
{
    public static string Markdown(IEnumerable<Row> rows)
    {
        var lines = new List<string>
        {
            "| # | work | figure (median) | reference (median, same run) | ratio | target | met? |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        };
        lines.AddRange(rows.Select(r => $"| {r.Number} | {r.Work} | {r.Figure} | {r.Reference} | {r.Ratio} | {r.Target} | {r.Met} |"));
        return string.Join(Environment.NewLine, lines);
    }
}
