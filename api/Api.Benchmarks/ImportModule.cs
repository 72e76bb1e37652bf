using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Bogus;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// #2: a CSV of 1 000 000 new people (deterministic: Bogus names of seven locales, accents included) imported
/// through the API — upload (POST /api/imports, text/csv), the whole-file check, the job's validation of every
/// row and its chunked COPY staging — timed from the first byte sent until GET /api/imports/{id} reports the job
/// done with every row created. The API runs as a process of its own (<see cref="ApiProcess"/>) so that its peak
/// resident memory is measured alone. Reference: psql as the runtime role, in the same scope, \copy of the same
/// file into a staging table and one INSERT … SELECT into contacts (the file has no organization or id columns,
/// so a bare \copy into contacts cannot take it) — the same triggers write the same audit rows. Each import, API
/// or psql, goes into a fresh empty organization so that every run creates the same million contacts.
/// </summary>
public sealed class ImportModule : IModule
{
    public string Number => "2";
    public string Work => "CSV import of 1 000 000 rows, validation included";
    public string Target => "≥ 0.5× psql \\copy throughput; peak memory < 400 MB";

    public async Task<IReadOnlyList<Row>> RunAsync(Bench bench)
    {
        var rows = bench.ImportRows;
        var file = Path.Combine(bench.WorkDirectory, "import.csv");
        WriteCsv(file, rows, bench.Seed);
        Console.WriteLine($"  #2 file: {Stats.N(rows)} rows, {Stats.Mb(new FileInfo(file).Length)}");

        var apiTimes = new List<double>();
        var peaks = new List<double>();
        var sqlTimes = new List<double>();
        for (var run = 0; run < bench.Runs; run++)
        {
            var (time, peak) = await ApiImportAsync(bench, file, rows);
            apiTimes.Add(time);
            peaks.Add(peak);
            sqlTimes.Add(await PsqlImportAsync(bench, file, rows));
            Console.WriteLine($"  #2 run {run + 1}: API {Stats.Ms(apiTimes[^1])} (peak RSS {Stats.Mb(peaks[^1])}), psql {Stats.Ms(sqlTimes[^1])}");
        }

        var api = Stats.Median(apiTimes);
        var sql = Stats.Median(sqlTimes);
        var peakMedian = Stats.Median(peaks);
        var ratio = sql / api; // throughput of the API over psql's: same rows, so the inverse of the times
        return
        [
            new Row(Number, $"CSV import of {Stats.N(rows)} rows through POST /api/imports until the job is done, validation included",
                $"{Stats.Ms(api)} ({Stats.N(rows / (api / 1000))} rows/s)",
                $"psql \\copy into staging + INSERT, same triggers: {Stats.Ms(sql)} ({Stats.N(rows / (sql / 1000))} rows/s)",
                Stats.X(ratio) + " throughput", "≥ 0.5×", Stats.Met(ratio >= 0.5)),
            new Row(Number, "same: peak resident memory of the API process (VmHWM, start-up included)", Stats.Mb(peakMedian),
                $"max of {peaks.Count} runs {Stats.Mb(peaks.Max())}", "–", "< 400 MB", Stats.Met(peakMedian < 400.0 * 1024 * 1024)),
        ];
    }

    private static async Task<(double Ms, double PeakBytes)> ApiImportAsync(Bench bench, string file, int rows)
    {
        var organization = await bench.NewOrganizationAsync(0);
        await using var api = await ApiProcess.StartAsync(bench);
        var token = await Bench.SignInAsync(api.Address, organization);
        using var http = Bench.Client(api.Address, token);
        var clock = Stopwatch.StartNew();
        await using var body = File.OpenRead(file);
        using var content = new StreamContent(body, 64 * 1024);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        using var response = await http.PostAsync(ApiRoutes.Imports + "?fileName=import.csv", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/imports answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var job = (await response.Content.ReadFromJsonAsync<ImportJobDto>(Bench.Json))!;
        while (job.Status is ImportStatus.Queued or ImportStatus.Running)
        {
            await Task.Delay(200);
            job = (await http.GetFromJsonAsync<ImportJobDto>(ApiRoutes.Import(job.Id), Bench.Json))!;
        }

        clock.Stop();
        if (job.Created != rows || job.Rejected != 0)
        {
            throw new InvalidOperationException($"the import ended {job.Status}: {job.Created} created, {job.Rejected} rejected, {job.Skipped} skipped of {rows}; {job.Error}");
        }

        var contacts = await bench.OwnerScalarAsync("SELECT count(*) FROM contacts WHERE organization_id = $1", organization.Id);
        if (contacts != rows)
        {
            throw new InvalidOperationException($"the import reported {rows} created but the organization holds {contacts}");
        }

        return (clock.Elapsed.TotalMilliseconds, api.PeakBytes);
    }

    private static async Task<double> PsqlImportAsync(Bench bench, string file, int rows)
    {
        var organization = await bench.NewOrganizationAsync(0);
        var script = Path.Combine(bench.WorkDirectory, "import.sql");
        var sql = new StringBuilder();
        sql.AppendLine("BEGIN;");
        sql.AppendLine(bench.ScopeSql(organization, Channels.Import));
        sql.AppendLine("CREATE TEMPORARY TABLE staging (first_name text, last_name text, company text, title text, email text, phone text, authorization_type text) ON COMMIT DROP;");
        sql.Append("\\copy staging FROM '").Append(file.Replace("'", "''", StringComparison.Ordinal)).AppendLine("' WITH (FORMAT csv, HEADER true)");
        sql.AppendLine("""
            INSERT INTO contacts (organization_id, id, first_name, last_name, company, title, email, email_normalized, phone,
                                  authorization_type, source_type, created_at, updated_at)
            SELECT app_organization_id(), gen_random_uuid(), first_name, last_name, company, title, email, lower(email), phone,
                   authorization_type, 'Import', now(), now()
            FROM staging;
            """);
        sql.AppendLine("COMMIT;");
        await File.WriteAllTextAsync(script, sql.ToString());
        var time = await bench.Psql.RunFileAsync(script);
        var contacts = await bench.OwnerScalarAsync("SELECT count(*) FROM contacts WHERE organization_id = $1", organization.Id);
        return contacts == rows ? time : throw new InvalidOperationException($"psql imported {contacts} contacts, expected {rows}");
    }

    /// <summary>The import's own column names (the export's header works too); every row valid and new.</summary>
    private static void WriteCsv(string path, int rows, int seed)
    {
        string[] locales = ["sv", "de", "fr", "es", "en", "nb_NO", "pl"];
        var fakers = locales.Select((locale, i) => new Faker(locale) { Random = new Randomizer(seed * 31 + i) }).ToArray();

        // Pools rather than a Faker call per cell: a million rows are written in seconds, still deterministic.
        var first = fakers.SelectMany(f => Enumerable.Range(0, 300).Select(_ => f.Name.FirstName())).ToArray();
        var last = fakers.SelectMany(f => Enumerable.Range(0, 300).Select(_ => f.Name.LastName())).ToArray();
        var companies = fakers.SelectMany(f => Enumerable.Range(0, 200).Select(_ => f.Company.CompanyName())).ToArray();
        var titles = fakers.SelectMany(f => Enumerable.Range(0, 50).Select(_ => f.Name.JobTitle())).ToArray();
        string[] bases = ["LegitimateInterest", "Consent", "PerformanceOfContract", ""];
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("First Name,Last Name,Company,Title,Email ID,Phone Number,Authorization Type\r\n");
        for (var i = 0; i < rows; i++)
        {
            var company = companies[random.Next(companies.Length)];
            var basis = bases[random.Next(bases.Length)];
            writer.Write(Cell(first[random.Next(first.Length)]));
            writer.Write(',');
            writer.Write(Cell(last[random.Next(last.Length)]));
            writer.Write(',');
            writer.Write(Cell(company));
            writer.Write(',');
            writer.Write(Cell(titles[random.Next(titles.Length)]));
            writer.Write(",person");
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            writer.Write("@import-");
            writer.Write((i % 997).ToString(CultureInfo.InvariantCulture));
            writer.Write(".example,+4670");
            writer.Write(random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture)); // a Swedish mobile number
            writer.Write(',');
            writer.Write(basis == "Consent" ? "LegitimateInterest" : basis); // consent needs a date and purpose of its own
            writer.Write("\r\n");
        }
    }

    private static string Cell(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
