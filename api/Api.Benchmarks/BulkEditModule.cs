using System.Diagnostics;
using System.Text;
using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// #1: one legal-basis change on every contact of the large organization (100 000), audit rows included.
/// Until the People work's bulk endpoint is in the build this measures the database path the endpoint will
/// use — EF Core's ExecuteUpdate over the selected ids inside a unit of work — against the same UPDATE in psql
/// with the same settings and triggers, and a per-contact EF loop on a smaller set, extrapolated linearly.
/// Every timed statement changes every row (the value alternates), so each writes 100 000 audit entries.
/// </summary>
public sealed class BulkEditModule : IModule
{
    public string Number => "1";
    public string Work => "bulk legal-basis edit of 100 000 contacts, audit rows included";
    public string Target => "≤ 1.5× psql; ≥ 100× faster than a per-contact EF loop";

    private const int LoopSize = 1_000;

    public async Task<IReadOnlyList<Row>> RunAsync(Bench bench)
    {
        var org = bench.Main;
        var ids = await IdsAsync(bench);
        var keyHex = AuditTrail.OrganizationKeyHex(new AuditOptions { DigestKey = BenchApi.DigestKey }, org.Id);
        var bulkRoute = bench.HasRoute("/api/contacts/bulk");

        // Untimed: every contact to one value, so that each timed statement below changes all of them.
        await EfBulkAsync(bench, ids, AuthorizationType.LegalObligation);

        var token = bulkRoute ? await bench.SignInAsync(org) : null;
        var efTimes = new List<double>();
        var sqlTimes = new List<double>();
        for (var run = 0; run < bench.Runs; run++)
        {
            var before = await bench.AuditCountAsync(org.Id);
            efTimes.Add(token is not null
                ? await ApiBulkAsync(bench, token, ids, AuthorizationType.LegitimateInterest)
                : await EfBulkAsync(bench, ids, AuthorizationType.LegitimateInterest));
            var written = await bench.AuditCountAsync(org.Id) - before;
            Check(written, ids.Count, bulkRoute ? "POST /api/contacts/bulk/authorization" : "EF ExecuteUpdate");

            before = await bench.AuditCountAsync(org.Id);
            sqlTimes.Add(await PsqlBulkAsync(bench, ids, keyHex, "PerformanceOfContract"));
            written = await bench.AuditCountAsync(org.Id) - before;
            Check(written, ids.Count, "psql UPDATE");
            Console.WriteLine($"  #1 run {run + 1}: {(bulkRoute ? "API" : "EF ExecuteUpdate")} {Stats.Ms(efTimes[^1])}, psql {Stats.Ms(sqlTimes[^1])}");
        }

        var loopTimes = new List<double>();
        for (var run = 0; run < bench.Runs; run++)
        {
            loopTimes.Add(await EfLoopAsync(bench, ids.Take(LoopSize).ToList(), run % 2 == 0 ? AuthorizationType.LegitimateInterest : AuthorizationType.PerformanceOfContract));
            Console.WriteLine($"  #1 loop run {run + 1}: {LoopSize} contacts one by one {Stats.Ms(loopTimes[^1])}");
        }

        var ef = Stats.Median(efTimes);
        var sql = Stats.Median(sqlTimes);
        var loop = Stats.Median(loopTimes) * ids.Count / LoopSize;
        var path = bulkRoute ? "POST /api/contacts/bulk/authorization (ids)" : "EF ExecuteUpdate in a unit of work (the bulk endpoint is not in this build)";
        return
        [
            new Row(Number, $"bulk edit of {Stats.N(ids.Count)} contacts + {Stats.N(ids.Count)} audit rows: {path}", Stats.Ms(ef),
                $"psql: one UPDATE, same triggers {Stats.Ms(sql)}", Stats.X(ef / sql), "≤ 1.5×", Stats.Met(ef / sql <= 1.5)),
            new Row(Number, $"same, against a per-contact EF loop ({Stats.N(LoopSize)} measured, ×{ids.Count / LoopSize} extrapolated)", Stats.Ms(ef),
                $"loop: {Stats.Ms(Stats.Median(loopTimes))} per {Stats.N(LoopSize)} → {Stats.Ms(loop)}", Stats.X(loop / ef) + " faster", "≥ 100× faster",
                Stats.Met(loop / ef >= 100)),
        ];
    }

    private static void Check(long written, int expected, string what)
    {
        if (written != expected)
        {
            throw new InvalidOperationException($"{what} wrote {written} audit entries, expected {expected}");
        }
    }

    private static async Task<List<Guid>> IdsAsync(Bench bench)
    {
        await using var scope = bench.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().BeginAsync(Context(bench));
        return await db.Contacts.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
    }

    private static WorkContext Context(Bench bench) =>
        new(bench.Main.Id, Actor.User(bench.Main.AdminId, bench.Main.AdminName), Channels.Bulk);

    /// <summary>What the bulk endpoint does in the database: one statement over the selected ids, in the request's unit of work.</summary>
    private static async Task<double> EfBulkAsync(Bench bench, List<Guid> ids, AuthorizationType type)
    {
        await using var scope = bench.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = Stopwatch.StartNew();
        await using (var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().BeginAsync(Context(bench)))
        {
            var now = DateTimeOffset.UtcNow;
            await db.Contacts.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.AuthorizationType, type)
                .SetProperty(c => c.UpdatedAt, now));
            await work.CommitAsync();
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> PsqlBulkAsync(Bench bench, List<Guid> ids, string keyHex, string type)
    {
        var file = Path.Combine(bench.WorkDirectory, "bulk-update.sql");
        var sql = new StringBuilder();
        sql.AppendLine("BEGIN;");
        sql.AppendLine(Psql.ScopeSql(bench.Main.Id, bench.Main.AdminId, bench.Main.AdminName, Channels.Bulk, keyHex));
        sql.Append("UPDATE contacts SET authorization_type = '").Append(type).Append("', updated_at = now() WHERE organization_id = '")
            .Append(bench.Main.Id).Append("' AND id = ANY('{").AppendJoin(',', ids).AppendLine("}'::uuid[]);");
        sql.AppendLine("COMMIT;");
        await File.WriteAllTextAsync(file, sql.ToString());
        return await bench.Psql.RunFileAsync(file);
    }

    /// <summary>The bulk endpoint of the People work: the ids as JSON, one request, one unit of work.</summary>
    private static async Task<double> ApiBulkAsync(Bench bench, string token, List<Guid> ids, AuthorizationType type)
    {
        using var http = new HttpClient { BaseAddress = new Uri(bench.Address), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var body = System.Text.Json.JsonSerializer.Serialize(new { ids, authorizationType = type.ToString() });
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/contacts/bulk/authorization", new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadAsStringAsync();
        clock.Stop();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"bulk endpoint answered {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 500)]}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>The naive way: load, change and save each contact (one UPDATE, one trigger call, one audit append each).</summary>
    private static async Task<double> EfLoopAsync(Bench bench, List<Guid> ids, AuthorizationType type)
    {
        await using var scope = bench.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = Stopwatch.StartNew();
        await using (var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().BeginAsync(Context(bench)))
        {
            foreach (var id in ids)
            {
                var contact = await db.Contacts.SingleAsync(c => c.Id == id);
                contact.AuthorizationType = type;
                contact.UpdatedAt = DateTimeOffset.UtcNow;
                await db.SaveChangesAsync();
            }

            await work.CommitAsync();
        }

        return clock.Elapsed.TotalMilliseconds;
    }
}
