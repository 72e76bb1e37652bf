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
/// organization: the first page, and the page reached after following the cursor 500 times (pages of 50, the People
/// page's size). The search "exämple" carries an accent that the list ignores (it folds case and accents), so it
/// matches every seeded address (all are at *.example); with the legal-basis filter and the company sort that is
/// about 40 000 rows, 800 pages. Each timed figure is one request's wall time at the client (token, unit of work,
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
    private const string Query = "q=ex%C3%A4mple&authorization=LegitimateInterest&sort=Company";

    public async Task<IReadOnlyList<Row>> RunAsync(Bench bench)
    {
        var token = await bench.SignInAsync(bench.Main);
        using var http = Bench.Client(bench.Address, token);
        var first = $"{ApiRoutes.Contacts}?{Query}&pageSize={PageSize}";

        // Walk to the page 500 pages deep (untimed); it also warms the path.
        var cursor = (await GetAsync(http, first)).NextCursor;
        var page = await GetAsync(http, first);
        for (var i = 0; i < Depth - 1 && cursor is not null; i++)
        {
            page = await GetAsync(http, first + "&cursor=" + Uri.EscapeDataString(cursor));
            cursor = page.NextCursor;
        }

        if (cursor is null)
        {
            throw new InvalidOperationException($"the list ended before {Depth} pages ({page.Total} matches)");
        }

        var deep = first + "&cursor=" + Uri.EscapeDataString(cursor);
        var rows = new List<Row>();
        foreach (var (label, url) in new[] { ("first page", first), ($"page {Depth + 1}, by cursor", deep) })
        {
            var statements = await CaptureAsync(http, url);
            var script = Script(bench, statements);
            var apiTimes = new List<double>();
            var sqlTimes = new List<double>();
            ContactPage result = null!;
            for (var run = 0; run < Math.Max(5, bench.Runs); run++)
            {
                var clock = Stopwatch.StartNew();
                result = await GetAsync(http, url);
                apiTimes.Add(clock.Elapsed.TotalMilliseconds);
                sqlTimes.Add(await PsqlTimedAsync(bench, script, statements.Count));
            }

            var api = Stats.Median(apiTimes);
            var sql = Stats.Median(sqlTimes);
            Console.WriteLine($"  #4 {label}: API {string.Join(", ", apiTimes.Select(Stats.Ms))}; psql {string.Join(", ", sqlTimes.Select(Stats.Ms))}");
            rows.Add(new Row(Number,
                $"People list, {label}: \"exämple\" + legal basis filter, sorted by company ({Stats.N(result.Total)} matches of {Stats.N(bench.Main.Contacts)}, {result.Items.Count} shown)",
                Stats.Ms(api), $"psql, the same {statements.Count} statements under RLS: {Stats.Ms(sql)}", Stats.X(api / sql),
                "≤ 2×; query ≤ 50 ms", Stats.Met(api / sql <= 2 && sql <= 50) + (sql <= 50 ? "" : $" (query {Stats.Ms(sql)})")));
        }

        return rows;
    }

    private static async Task<ContactPage> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        }

        return System.Text.Json.JsonSerializer.Deserialize<ContactPage>(body, Bench.Json)!;
    }

    private static async Task<List<string>> CaptureAsync(HttpClient http, string url)
    {
        CommandCapture.Start();
        try
        {
            await GetAsync(http, url);
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
