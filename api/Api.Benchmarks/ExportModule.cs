using System.Diagnostics;
using System.Text;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Npgsql;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// #3: every contact of an organization as CSV through POST /api/contacts/export/matching — the People page's
/// "export all matching this filter", here with the empty filter (every contact of the organization): one request,
/// recorded and audited once with every id, its streamed body read to the end and its records counted.
/// Timed from the request to the last byte; the API runs as a process of its own, started per run, which exports the
/// organization twice: the second is the figure (a server that has exported before), the first is reported beside it.
/// Its peak resident memory (VmHWM) at 1 000 000 contacts is compared with that at 100 000 (the main organization). Reference: psql as the runtime role in the same scope,
/// <c>\copy (SELECT the same 16 columns ORDER BY the file's own order) TO STDOUT WITH CSV HEADER</c> of the same organization.
/// </summary>
public sealed class ExportModule : IModule
{
    public string Number => "3";
    public string Work => "CSV export of 1 000 000 contacts";
    public string Target => "≥ 0.5× psql \\copy TO throughput; memory at 1 M ≤ 1.2× at 100 k";

    public async Task<IReadOnlyList<Row>> RunAsync(Bench bench)
    {
        var seedClock = Stopwatch.StartNew();
        var large = await bench.NewOrganizationAsync(bench.ExportLargeContacts);
        await Bench.VacuumContactsAsync(bench.OwnerConnectionString);
        Console.WriteLine($"  #3 seeded {Stats.N(large.Contacts)} contacts in a fifth organization in {seedClock.Elapsed.TotalSeconds:F0} s");
        var small = bench.Main;
        var largeCount = await CountAsync(bench, large);
        var smallCount = await CountAsync(bench, small);

        var largeTimes = new List<double>();
        var largeColdTimes = new List<double>();
        var largePeaks = new List<double>();
        var smallPeaks = new List<double>();
        var smallTimes = new List<double>();
        var sqlTimes = new List<double>();
        for (var run = 0; run < bench.Runs; run++)
        {
            var (_, smallTime, smallPeak) = await ApiExportAsync(bench, small, smallCount);
            smallTimes.Add(smallTime);
            smallPeaks.Add(smallPeak);
            var (largeCold, largeTime, largePeak) = await ApiExportAsync(bench, large, largeCount);
            largeColdTimes.Add(largeCold);
            largeTimes.Add(largeTime);
            largePeaks.Add(largePeak);
            sqlTimes.Add(await PsqlExportAsync(bench, large));
            Console.WriteLine($"  #3 run {run + 1}: API {Stats.N(smallCount)} {Stats.Ms(smallTime)} (peak {Stats.Mb(smallPeak)}), " +
                              $"{Stats.N(largeCount)} {Stats.Ms(largeTime)} (first of the process {Stats.Ms(largeCold)}, peak {Stats.Mb(largePeak)}); psql {Stats.N(largeCount)} {Stats.Ms(sqlTimes[^1])}");
        }

        var api = Stats.Median(largeTimes);
        var sql = Stats.Median(sqlTimes);
        var ratio = sql / api;
        var cold = Stats.Median(largeColdTimes);
        var memory = Stats.Median(largePeaks) / Stats.Median(smallPeaks);
        return
        [
            new Row(Number, $"CSV export of {Stats.N(largeCount)} contacts through POST /api/contacts/export/matching (one request, the empty filter: the whole organization), by a server that has exported before",
                $"{Stats.Ms(api)} ({Stats.N(largeCount / (api / 1000))} rows/s)",
                $"psql \\copy (SELECT …) TO STDOUT WITH CSV: {Stats.Ms(sql)} ({Stats.N(largeCount / (sql / 1000))} rows/s)",
                Stats.X(ratio) + " throughput", "≥ 0.5×", Stats.Met(ratio >= 0.5)),
            new Row(Number, "same, the first export of a freshly started API process",
                $"{Stats.Ms(cold)} ({Stats.N(largeCount / (cold / 1000))} rows/s)",
                $"psql: {Stats.Ms(sql)}",
                Stats.X(sql / cold) + " throughput", "≥ 0.5×", Stats.Met(sql / cold >= 0.5)),
            new Row(Number, $"same: peak resident memory of the API process at {Stats.N(largeCount)} vs {Stats.N(smallCount)} contacts (VmHWM, start-up included)",
                Stats.Mb(Stats.Median(largePeaks)), $"{Stats.N(smallCount)}: {Stats.Mb(Stats.Median(smallPeaks))} ({Stats.Ms(Stats.Median(smallTimes))})",
                Stats.X(memory), "≤ 1.2×", Stats.Met(memory <= 1.2)),
        ];
    }

    private static async Task<long> CountAsync(Bench bench, SeededOrganization organization)
    {
        await using var connection = new NpgsqlConnection(bench.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM contacts WHERE organization_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = organization.Id });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// One fresh API process: an export by a filter that matches nobody (the route, the stream, an empty file), then the
    /// organization's export twice. The first is the fresh process's first real export (its data path still in the
    /// tiered JIT's first tier, start-up work still running); the second is what a server that has exported before does.
    /// The peak memory is the process's over all three.
    /// </summary>
    private static async Task<(double ColdMs, double WarmMs, double PeakBytes)> ApiExportAsync(Bench bench, SeededOrganization organization, long expected)
    {
        await using var api = await ApiProcess.StartAsync(bench);
        var token = await Bench.SignInAsync(api.Address, organization);
        using var http = Bench.Client(api.Address, token);
        using (var warmUp = await http.PostAsync(ApiRoutes.ContactsExportMatching,
                   new StringContent("""{"filter":{"search":"warm-up-matches-nobody"}}""", Encoding.UTF8, "application/json")))
        {
            warmUp.EnsureSuccessStatusCode();
        }

        var cold = await TimedExportAsync(http, expected, "first");
        var warm = await TimedExportAsync(http, expected, "second");
        return (cold, warm, api.PeakBytes);
    }

    private static async Task<double> TimedExportAsync(HttpClient http, long expected, string which)
    {
        long lines = 0;
        var buffer = new byte[64 * 1024];
        var clock = Stopwatch.StartNew();
        double headersAt;
        using (var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.ContactsExportMatching)
        {
            Content = new StringContent("""{"filter":{}}""", Encoding.UTF8, "application/json"),
        })
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            headersAt = clock.Elapsed.TotalMilliseconds; // recorded, audited, committed, and the stream's sort done
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST {ApiRoutes.ContactsExportMatching} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await using var body = await response.Content.ReadAsStreamAsync();
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }

            lines--; // the header
        }

        clock.Stop();
        Console.WriteLine($"  #3 {Stats.N(expected)}, {which} export of the process: headers after {Stats.Ms(headersAt)}, body read by {Stats.Ms(clock.Elapsed.TotalMilliseconds)}");
        return lines == expected
            ? clock.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"the export gave {lines} records, expected {expected}");
    }

    private static async Task<double> PsqlExportAsync(Bench bench, SeededOrganization organization)
    {
        var script = Path.Combine(bench.WorkDirectory, "export.sql");
        var sql = new StringBuilder();
        sql.AppendLine("BEGIN ISOLATION LEVEL REPEATABLE READ;");
        sql.AppendLine(bench.ScopeSql(organization, Channels.WebApp));
        sql.AppendLine("\\copy (SELECT c.first_name, c.last_name, c.company, c.title, c.email, c.phone, c.website, c.linked_in, c.twitter, c.facebook, c.other, c.salesforce_id, c.id, c.created_at, c.updated_at, now() AS exported_at FROM contacts c ORDER BY c.sort_name, c.id) TO STDOUT WITH (FORMAT csv, HEADER true)");
        sql.AppendLine("COMMIT;");
        await File.WriteAllTextAsync(script, sql.ToString());
        var output = Path.Combine(bench.WorkDirectory, "export.csv");
        var time = await bench.Psql.RunFileAsync(script, output);
        var lines = 0L;
        await using (var file = File.OpenRead(output))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await file.ReadAsync(buffer)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }

        File.Delete(output);
        return lines - 1 == organization.Contacts ? time : throw new InvalidOperationException($"psql exported {lines - 1} records, expected {organization.Contacts}");
    }
}
