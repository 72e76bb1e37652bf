using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// #5: GET /api/contacts/{id}/card (JWT validation, session check, one unit of work, one row under RLS)
/// under wrk's load on loopback, against GET /health/live of the same API with the same threads,
/// connections and duration. The two alternate, so the machine's other load falls on both alike.
/// </summary>
public sealed partial class CardLoadModule : IModule
{
    public string Number => "5";
    public string Work => "compliance card under concurrent load (wrk)";
    public string Target => "≥ 30 % of the trivial endpoint's requests/s";

    private const int Threads = 2;
    private const int Connections = 16;

    public async Task<IReadOnlyList<Row>> RunAsync(Bench bench)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            return [Row.NotAvailable(Number, Work, Target, "wrk is not installed (scripts/bench.sh installs it)")];
        }

        var token = await bench.SignInAsync(bench.Main);
        var contact = await FirstContactAsync(bench);
        var card = $"{bench.Address}/api/contacts/{contact}/card";
        var health = $"{bench.Address}/health/live";

        // Warm both paths (JIT, pool) before anything is timed.
        await WrkAsync(health, null, 2);
        await WrkAsync(card, token, 2);

        var cardRuns = new List<WrkResult>();
        var healthRuns = new List<WrkResult>();
        for (var run = 0; run < bench.Runs; run++)
        {
            healthRuns.Add(await WrkAsync(health, null, bench.WrkSeconds));
            cardRuns.Add(await WrkAsync(card, token, bench.WrkSeconds));
            Console.WriteLine($"  #5 run {run + 1}: card {cardRuns[^1].Rps:F0} rps (p50 {cardRuns[^1].P50Ms:F2} ms, p99 {cardRuns[^1].P99Ms:F2} ms); " +
                              $"health {healthRuns[^1].Rps:F0} rps (p50 {healthRuns[^1].P50Ms:F2} ms, p99 {healthRuns[^1].P99Ms:F2} ms)");
        }

        var cardRps = Stats.Median(cardRuns.Select(r => r.Rps));
        var healthRps = Stats.Median(healthRuns.Select(r => r.Rps));
        var ratio = cardRps / healthRps;
        string Describe(List<WrkResult> runs) =>
            $"{Stats.N(Stats.Median(runs.Select(r => r.Rps)))} req/s, p50 {Stats.Median(runs.Select(r => r.P50Ms)):F2} ms, p99 {Stats.Median(runs.Select(r => r.P99Ms)):F2} ms";
        return
        [
            new Row(Number, $"GET card, wrk -t{Threads} -c{Connections} -d{bench.WrkSeconds}s", Describe(cardRuns),
                $"GET /health/live: {Describe(healthRuns)}", Stats.Pct(ratio), "≥ 30 %", Stats.Met(ratio >= 0.30)),
        ];
    }

    private static async Task<Guid> FirstContactAsync(Bench bench)
    {
        await using var connection = new Npgsql.NpgsqlConnection(bench.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM contacts WHERE organization_id = $1 ORDER BY id LIMIT 1 OFFSET 777", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = bench.Main.Id });
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    public sealed record WrkResult(double Rps, double P50Ms, double P99Ms);

    private static async Task<WrkResult> WrkAsync(string url, string? token, int seconds)
    {
        var start = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"-t{Threads}", $"-c{Connections}", $"-d{seconds}s", "--timeout", "5s", "--latency" })
        {
            start.ArgumentList.Add(arg);
        }

        if (token is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add("Authorization: Bearer " + token);
        }

        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync()}");
        }

        // A benchmark of 401s or 503s measures the wrong thing.
        if (output.Contains("Non-2xx or 3xx responses", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk saw error answers from {url}:\n{output}");
        }

        return new WrkResult(
            double.Parse(RpsPattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Latency(output, "50%"),
            Latency(output, "99%"));
    }

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, @"^\s*" + Regex.Escape(percentile) + @"\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RpsPattern();
}
