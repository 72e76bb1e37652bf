using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// #4: the People list, GET /api/contacts with a search, a filter and a sort, over the 100 000 contacts of the main
/// organization: the first page's rows and, asked alongside them as the People page does, the count of the same filter;
/// and the page reached after following the cursor 500 times (pages of 50, the People page's size). The search "exämple" carries an accent that the list ignores (it folds case and accents), so it
/// matches every seeded address (all are at *.example); with the filter "created from 2026-03-01" (the seeded contacts were
/// created over 300 days from 2026-01-05, so about 80 % of them) and the company sort that is about 80 000 rows. The deep page is opened with the cursor page 500 hands on (built from row 25 000,
/// and checked to start at row 25 001) rather than by walking 500 pages first. Each timed figure is one request's wall time at the client (token, unit of work,
/// the count and the page query, JSON). Reference: the very statements the API sent for that request (captured by
/// an EF Core command interceptor, parameters written as literals), run by psql as the runtime role in the same
/// scope under row-level security, timed by psql's \timing (the server's execution plus the transfer).
/// </summary>
public sealed partial class PeopleListModule : IModule
{
    public string Number => "4";
    public string Work => "People list: first page and 500 pages deep, filtered, sorted, accent-insensitive";
    public string Target => "≤ 2× psql; query ≤ 50 ms";

    private const int PageSize = 50;
    private const int Depth = 500;
    // The created-date filter, not the legal basis: #1 changes every legal basis of this organization before this row runs.
    private const string Query = "q=ex%C3%A4mple&createdFrom=2026-03-01&sort=Company";

    public async Task<IReadOnlyList<Row>> RunAsync(Bench bench)
    {
        var token = await bench.SignInAsync(bench.Main);
        using var http = Bench.Client(bench.Address, token);
        var first = $"{ApiRoutes.Contacts}?{Query}&pageSize={PageSize}";

        // The cursor page 500 would hand on: the first page's cursor with the sort key and id of row 25 000 of the same
        // query (found by psql as the runtime role, under row-level security). Walking 500 pages would take minutes
        // on a loaded machine, each page paying the count; the page the cursor opens is the same. Checked below:
        // the deep page starts with row 25 001.
        var firstPage = await GetAsync(http, first);
        var cursor = firstPage.NextCursor ?? throw new InvalidOperationException("the first page has no next page");
        if ((firstPage.Total ?? 0) <= Depth * PageSize)
        {
            throw new InvalidOperationException($"only {firstPage.Total} matches: fewer than {Depth} pages of {PageSize}");
        }

        var boundary = await bench.Psql.QueryAsync($"""
            BEGIN;
            {bench.ScopeSql(bench.Main, Channels.WebApp).Replace(@" \g /dev/null", ";", StringComparison.Ordinal)}
            SELECT sort_company || '|' || id || '|' || (SELECT id FROM {MatchSql} ORDER BY sort_company, id OFFSET {Depth * PageSize} LIMIT 1)
            FROM {MatchSql} ORDER BY sort_company, id OFFSET {Depth * PageSize - 1} LIMIT 1;
            COMMIT;
            """);
        var parts = boundary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Single(line => line.Count(c => c == '|') == 2).Split('|');
        cursor = Cursor(cursor, parts[0], Guid.Parse(parts[1]));
        // As the People page asks when it pages on: it has the first page's total, so the deep page is not counted again.
        var deep = first + "&total=false&cursor=" + Uri.EscapeDataString(cursor);
        var deepPage = await GetAsync(http, deep);
        if (deepPage.Items.Count == 0 || deepPage.Items[0].Id != Guid.Parse(parts[2]))
        {
            throw new InvalidOperationException($"the page after the built cursor does not start with row {Depth * PageSize + 1}");
        }

        // As the People page asks for the first page: the rows without the total, and the count as a request of its own
        // next to it (GET /api/contacts/count, the same filter), so the rows show without waiting for the count.
        var count = $"{ApiRoutes.ContactCount}?{Query[..Query.IndexOf("&sort=", StringComparison.Ordinal)]}";
        var rows = new List<Row>();
        foreach (var (label, url) in new[]
                 {
                     ("first page's rows (`total=false`, as the People page asks)", first + "&total=false"),
                     ("the count of the same filter (GET /api/contacts/count, asked alongside the rows)", count),
                     ($"page {Depth + 1}, by cursor (`total=false`)", deep),
                 })
        {
            var statements = await CaptureAsync(http, url);
            Console.WriteLine($"  #4 {label}, the API's statements:\n    " + string.Join("\n    ", statements.Select(st => st.ReplaceLineEndings(" "))));
            var script = Script(bench, statements);
            var apiTimes = new List<double>();
            var sqlTimes = new List<double>();
            var body = "";
            for (var run = 0; run < Math.Max(5, bench.Runs); run++)
            {
                var clock = Stopwatch.StartNew();
                body = await GetTextAsync(http, url);
                apiTimes.Add(clock.Elapsed.TotalMilliseconds);
                sqlTimes.Add(await PsqlTimedAsync(bench, script, statements.Count));
            }

            var shown = url == count
                ? $"counted {Stats.N(System.Text.Json.JsonSerializer.Deserialize<ContactCount>(body, Bench.Json)!.Total)}"
                : $"{System.Text.Json.JsonSerializer.Deserialize<ContactPage>(body, Bench.Json)!.Items.Count} shown";
            var api = Stats.Median(apiTimes);
            var sql = Stats.Median(sqlTimes);
            Console.WriteLine($"  #4 {label}: API {string.Join(", ", apiTimes.Select(Stats.Ms))}; psql {string.Join(", ", sqlTimes.Select(Stats.Ms))}");
            rows.Add(new Row(Number,
                $"People list, {label}: \"exämple\" + created-from filter, sorted by company ({Stats.N(firstPage.Total ?? 0)} matches of {Stats.N(bench.Main.Contacts)}, {shown})",
                Stats.Ms(api), $"psql, the same {statements.Count} statements under RLS: {Stats.Ms(sql)}", Stats.X(api / sql),
                "≤ 2×; query ≤ 50 ms", Stats.Met(api / sql <= 2 && sql <= 50) + (sql <= 50 ? "" : $" (query {Stats.Ms(sql)})")));
        }

        return rows;
    }

    /// <summary>The query of the list in SQL, for the boundary row only (the timed statements are the API's own).</summary>
    private const string MatchSql = "contacts WHERE id IN (SELECT m FROM contacts_matching('exämple') AS m) AND created_at >= '2026-03-01T00:00:00Z'";

    /// <summary>The API's cursor (base64url JSON {S, D, K, I}) with another sort key and id.</summary>
    private static string Cursor(string template, string key, Guid id)
    {
        var base64 = template.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var json = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String(base64))!.AsObject();
        json["K"] = key;
        json["I"] = id;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static async Task<ContactPage> GetAsync(HttpClient http, string url) =>
        System.Text.Json.JsonSerializer.Deserialize<ContactPage>(await GetTextAsync(http, url), Bench.Json)!;

    private static async Task<string> GetTextAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
    }

    private static async Task<List<string>> CaptureAsync(HttpClient http, string url)
    {
        CommandCapture.Start();
        try
        {
            await GetTextAsync(http, url);
        }
        finally
        {
            CommandCapture.Stop();
        }

        var statements = CommandCapture.Statements.Where(s => !s.Contains("set_config", StringComparison.Ordinal)).ToList();
        return statements.Count > 0 ? statements : throw new InvalidOperationException("no statements captured from the list request");
    }

    private static string Script(Bench bench, List<string> statements)
    {
        var sql = new StringBuilder();
        sql.AppendLine("BEGIN;");
        sql.AppendLine(bench.ScopeSql(bench.Main, Channels.WebApp));
        sql.AppendLine("\\timing on");
        foreach (var statement in statements)
        {
            sql.Append(statement.TrimEnd().TrimEnd(';')).AppendLine(" \\g /dev/null");
        }

        sql.AppendLine("\\timing off");
        sql.AppendLine("COMMIT;");
        return sql.ToString();
    }

    /// <summary>The sum of psql's "Time:" lines of the statements (not the process's start or its sign-in).</summary>
    private static async Task<double> PsqlTimedAsync(Bench bench, string script, int statements)
    {
        var output = await bench.Psql.RunScriptAsync(script);
        var times = TimePattern().Matches(output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return times.Count == statements ? times.Sum() : throw new InvalidOperationException($"psql printed {times.Count} timings for {statements} statements:\n{output}");
    }

    [GeneratedRegex(@"^Time: ([\d.]+) ms", RegexOptions.Multiline)]
    private static partial Regex TimePattern();
}

/// <summary>The SQL the in-process API sends while capturing is on, its parameters written as SQL literals.</summary>
public sealed class CommandCapture : DbCommandInterceptor
{
    public static readonly CommandCapture Instance = new();
    private static volatile bool _on;
    private static readonly List<string> _statements = [];

    public static IReadOnlyList<string> Statements
    {
        get
        {
            lock (_statements)
            {
                return [.. _statements];
            }
        }
    }

    public static void Start()
    {
        lock (_statements)
        {
            _statements.Clear();
        }

        _on = true;
    }

    public static void Stop() => _on = false;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private static void Record(DbCommand command)
    {
        if (!_on)
        {
            return;
        }

        var text = command.CommandText;
        foreach (var parameter in command.Parameters.Cast<DbParameter>().OrderByDescending(p => p.ParameterName.Length))
        {
            var name = parameter.ParameterName.StartsWith('@') ? parameter.ParameterName : "@" + parameter.ParameterName;
            text = Regex.Replace(text, Regex.Escape(name) + @"\b", _ => Literal(parameter.Value));
        }

        lock (_statements)
        {
            _statements.Add(text);
        }
    }

    private static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        Guid g => $"'{g}'::uuid",
        bool b => b ? "TRUE" : "FALSE",
        int or long or short => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateTimeOffset d => $"'{d.UtcDateTime:O}'::timestamptz",
        DateTime d => $"'{d:O}'::timestamptz",
        DateOnly d => $"'{d:yyyy-MM-dd}'::date",
        Guid[] ids => "ARRAY[" + string.Join(",", ids.Select(i => $"'{i}'")) + "]::uuid[]",
        _ => throw new NotSupportedException($"no literal for a {value.GetType().Name} parameter"),
    };
}
