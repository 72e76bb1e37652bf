using System.Diagnostics;
using System.Text;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Npgsql;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// #3: every contact of an organization as CSV through POST /api/contacts/export — the route takes at most
/// <see cref="ContactIdsRequest.MaxIds"/> ids per request (each export is recorded and audited with its ids), so a
/// client exports a million contacts as 100 requests of 10 000, one after another, reading each streamed body
/// to the end. Timed from the first request to the last byte; the API runs as a process of its own, one per
/// measured export, and its peak resident memory (VmHWM) at 1 000 000 contacts is compared with that at
/// 100 000 (the main organization). Reference: psql as the runtime role in the same scope,
/// <c>\copy (SELECT the same 16 columns, same order) TO STDOUT WITH CSV HEADER</c> of the same organization.
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
        Console.WriteLine($"  #3 seeded {Stats.N(large.Contacts)} contacts in a fifth organization in {seedClock.Elapsed.TotalSeconds:F0} s");
        var small = bench.Main;
        var largeIds = await IdsAsync(bench, large);
        var smallIds = await IdsAsync(bench, small);

        var largeTimes = new List<double>();
        var largePeaks = new List<double>();
        var smallPeaks = new List<double>();
        var smallTimes = new List<double>();
        var sqlTimes = new List<double>();
        for (var run = 0; run < bench.Runs; run++)
        {
            var (smallTime, smallPeak) = await ApiExportAsync(bench, small, smallIds);
            smallTimes.Add(smallTime);
            smallPeaks.Add(smallPeak);
            var (largeTime, largePeak) = await ApiExportAsync(bench, large, largeIds);
            largeTimes.Add(largeTime);
            largePeaks.Add(largePeak);
            sqlTimes.Add(await PsqlExportAsync(bench, large));
            Console.WriteLine($"  #3 run {run + 1}: API {Stats.N(smallIds.Count)} {Stats.Ms(smallTime)} (peak {Stats.Mb(smallPeak)}), " +
                              $"{Stats.N(largeIds.Count)} {Stats.Ms(largeTime)} (peak {Stats.Mb(largePeak)}); psql {Stats.N(largeIds.Count)} {Stats.Ms(sqlTimes[^1])}");
        }

        var api = Stats.Median(largeTimes);
        var sql = Stats.Median(sqlTimes);
        var ratio = sql / api;
        var memory = Stats.Median(largePeaks) / Stats.Median(smallPeaks);
        return
        [
            new Row(Number, $"CSV export of {Stats.N(largeIds.Count)} contacts through POST /api/contacts/export ({largeIds.Count / ContactIdsRequest.MaxIds} requests of {Stats.N(ContactIdsRequest.MaxIds)} ids, the route's limit)",
                $"{Stats.Ms(api)} ({Stats.N(largeIds.Count / (api / 1000))} rows/s)",
                $"psql \\copy (SELECT …) TO STDOUT WITH CSV: {Stats.Ms(sql)} ({Stats.N(largeIds.Count / (sql / 1000))} rows/s)",
                Stats.X(ratio) + " throughput", "≥ 0.5×", Stats.Met(ratio >= 0.5)),
            new Row(Number, $"same: peak resident memory of the API process at {Stats.N(largeIds.Count)} vs {Stats.N(smallIds.Count)} contacts (VmHWM, start-up included)",
                Stats.Mb(Stats.Median(largePeaks)), $"{Stats.N(smallIds.Count)}: {Stats.Mb(Stats.Median(smallPeaks))} ({Stats.Ms(Stats.Median(smallTimes))})",
                Stats.X(memory), "≤ 1.2×", Stats.Met(memory <= 1.2)),
        ];
    }

    private static async Task<List<Guid>> IdsAsync(Bench bench, SeededOrganization organization)
    {
        await using var connection = new NpgsqlConnection(bench.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM contacts WHERE organization_id = $1 ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = organization.Id });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<(double Ms, double PeakBytes)> ApiExportAsync(Bench bench, SeededOrganization organization, List<Guid> ids)
    {
        await using var api = await ApiProcess.StartAsync(bench);
        var token = await Bench.SignInAsync(api.Address, organization);
        using var http = Bench.Client(api.Address, token);
        long lines = 0;
        var buffer = new byte[64 * 1024];
        var clock = Stopwatch.StartNew();
        foreach (var chunk in ids.Chunk(ContactIdsRequest.MaxIds))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.ContactsExport)
            {
                Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { ids = chunk }), Encoding.UTF8, "application/json"),
            };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /api/contacts/export answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await using var body = await response.Content.ReadAsStreamAsync();
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }

            lines--; // each file's header
        }

        clock.Stop();
        return lines == ids.Count
            ? (clock.Elapsed.TotalMilliseconds, api.PeakBytes)
            : throw new InvalidOperationException($"the export gave {lines} records, expected {ids.Count}");
    }

    private static async Task<double> PsqlExportAsync(Bench bench, SeededOrganization organization)
    {
        var script = Path.Combine(bench.WorkDirectory, "export.sql");
        var sql = new StringBuilder();
        sql.AppendLine("BEGIN ISOLATION LEVEL REPEATABLE READ;");
        sql.AppendLine(bench.ScopeSql(organization, Channels.WebApp));
        sql.AppendLine("\\copy (SELECT c.first_name, c.last_name, c.company, c.title, c.email, c.phone, c.website, c.linked_in, c.twitter, c.facebook, c.other, c.salesforce_id, c.id, c.created_at, c.updated_at, now() AS exported_at FROM contacts c ORDER BY c.last_name NULLS LAST, c.first_name NULLS LAST, c.id) TO STDOUT WITH (FORMAT csv, HEADER true)");
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
