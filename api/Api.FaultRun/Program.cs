// The heavier fault run (scripts/faults.sh): the real API on Kestrel at 127.0.0.1 against a private
// PostgreSQL cluster, a bounded write load from concurrent clients, and the database stopped (fast,
// immediate) and frozen in the middle of it. Afterwards every acknowledged write is checked against
// the database as the schema owner. Exit code 0 only when nothing acknowledged was lost, no 5xx other
// than 503 was seen, the conflicting edits form one unbroken chain and the audit chain verifies.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplianceConnect.Shared.Json;
using Npgsql;

var env = (string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : throw new InvalidOperationException($"{name} is not set (run scripts/faults.sh)");
var run = new FaultRun(
    ApiDll: env("FAULT_API_DLL"),
    ApiPort: int.Parse(env("FAULT_API_PORT"), System.Globalization.CultureInfo.InvariantCulture),
    PgBin: env("FAULT_PG_BIN"),
    PgData: env("FAULT_PG_DATA"),
    PgPort: env("FAULT_PG_PORT"),
    PgLog: env("FAULT_PG_LOG"),
    RunAs: Environment.GetEnvironmentVariable("FAULT_PG_RUN_AS"),
    OwnerConnection: env("FAULT_OWNER_CONNECTION"),
    AdminPassword: env("Demo__AdminPassword"),
    Clients: int.Parse(Environment.GetEnvironmentVariable("FAULT_CLIENTS") ?? "8", System.Globalization.CultureInfo.InvariantCulture));
return await run.RunAsync();

internal sealed record FaultRun(string ApiDll, int ApiPort, string PgBin, string PgData, string PgPort, string PgLog, string? RunAs, string OwnerConnection, string AdminPassword, int Clients)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentBag<(Guid Id, string Email)> _created = [];
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<Edit>> _edits = new();
    private readonly ConcurrentDictionary<string, int> _answers = new();
    private readonly ConcurrentQueue<(double At, bool Ok)> _writes = new();
    private readonly List<(string Fault, double InjectedAt, double RestoredAt)> _faults = [];
    private int _tried;

    /// <summary>One card edit: its marker, and whether the API acknowledged it (true), refused it (false) or left its outcome unknown (null).</summary>
    private sealed record Edit(string Marker, bool? Acknowledged, uint? Version);

    private Uri Base => new($"http://127.0.0.1:{ApiPort}");

    public async Task<int> RunAsync()
    {
        using var api = StartApi();
        try
        {
            using var http = new HttpClient { BaseAddress = Base, Timeout = TimeSpan.FromSeconds(30) };
            await WaitAsync(async () => api.HasExited ? throw new InvalidOperationException("The API stopped at start-up; see api.log.") : await Ready(http), TimeSpan.FromMinutes(3), "the API to become ready");
            var token = await SignInAsync(http);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Clients).Select(i => Task.Run(() => ClientAsync(http, i, stop.Token))).ToList();
            await Task.Delay(TimeSpan.FromSeconds(5));
            await FaultAsync("pg_ctl stop -m fast", () => PgCtl("stop", "-m", "fast"), TimeSpan.FromSeconds(4), () => PgCtl("start"), http);
            await FaultAsync("pg_ctl stop -m immediate", () => PgCtl("stop", "-m", "immediate"), TimeSpan.FromSeconds(4), () => PgCtl("start"), http);
            await FaultAsync("freeze (SIGSTOP postmaster and backends)", () => Signal("STOP"), TimeSpan.FromSeconds(8), () => Signal("CONT"), http);
            await Task.Delay(TimeSpan.FromSeconds(5));
            await stop.CancelAsync();
            await Task.WhenAll(load);

            var (lostCreates, lostEdits, checkedEdits) = await CheckAcknowledgedAsync();
            var conflict = await ConflictingEditsAsync(http);
            var audit = await http.GetFromJsonAsync<JsonElement>("/api/audit/verify?full=true", Json);
            var connections = await AppConnectionsAsync();
            var serverErrors = _answers.Where(a => a.Key.StartsWith('5') && a.Key != "503").Sum(a => a.Value);

            Console.WriteLine();
            Console.WriteLine("| measure | value |");
            Console.WriteLine("| --- | --- |");
            Row("load", $"{Clients} clients creating contacts and editing their cards, {_clock.Elapsed.TotalSeconds:F0} s in all");
            Row("requests tried (load)", _tried.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Row("answers", string.Join(", ", _answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} × {a.Value}")));
            Row("faults injected", string.Join("; ", _faults.Select(f => f.Fault)));
            foreach (var (fault, injected, restored) in _faults)
            {
                var firstOk = _writes.Where(w => w.Ok && w.At > restored).Select(w => w.At).DefaultIfEmpty(double.NaN).Min();
                Row($"recovery: {fault}", $"down {restored - injected:F1} s; first acknowledged write {firstOk - restored:F1} s after the database was back");
            }

            Row("acknowledged creates checked / lost", $"{_created.Count} / {lostCreates}");
            Row("acknowledged card edits checked / lost", $"{checkedEdits} / {lostEdits}");
            Row("5xx other than 503", serverErrors.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Row("conflicting edits on one contact", $"{conflict.Tried} tried: {conflict.Ok} × 200, {conflict.Conflicts} × 409, other {conflict.Other}; versions distinct: {conflict.Distinct}; chain unbroken: {conflict.Chain}; final state = last acknowledged edit: {conflict.FinalMatches}");
            Row("audit verify ?full=true", audit.GetRawText());
            Row("API role connections on the server afterwards (pool max 40)", connections.ToString(System.Globalization.CultureInfo.InvariantCulture));

            var ok = lostCreates == 0 && lostEdits == 0 && serverErrors == 0 && conflict.Distinct && conflict.Chain && conflict.FinalMatches && conflict.Other == 0
                && audit.GetProperty("valid").GetBoolean() && connections <= 40;
            Console.WriteLine(ok ? "\nFAULT RUN PASSED" : "\nFAULT RUN FAILED");
            return ok ? 0 : 1;
        }
        finally
        {
            if (!api.HasExited)
            {
                api.Kill(entireProcessTree: true);
            }
        }
    }

    private static void Row(string name, string value) => Console.WriteLine($"| {name} | {value} |");

    private Process StartApi()
    {
        // Its own directory as the content root, so the API reads its appsettings.json.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(ApiDll)! };
        start.ArgumentList.Add(ApiDll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiPort}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        var log = Path.Combine(Path.GetDirectoryName(PgLog)!, "api.log");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { File.AppendAllText(log, e.Data + "\n"); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { File.AppendAllText(log, e.Data + "\n"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Console.WriteLine($"API started on {Base} (log: {log})");
        return process;
    }

    private static async Task<bool> Ready(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var until = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }

            await Task.Delay(250);
        }
    }

    private async Task<string> SignInAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/auth/sign-in", new { email = "admin@demo.example", password = AdminPassword }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;
    }

    /// <summary>One client: create a contact, then edit its card twice, until told to stop. Every answer is counted; every 2xx is recorded with what it acknowledged.</summary>
    private async Task ClientAsync(HttpClient http, int client, CancellationToken stop)
    {
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            n++;
            var email = $"load-{client}-{n}-{Guid.NewGuid():N}@faults.example";
            var created = await SendAsync(http, HttpMethod.Post, "/api/contacts", new { firstName = "Load", lastName = $"{client}-{n}", email });
            if (created is not { } contact)
            {
                await Task.Delay(100, CancellationToken.None);
                continue;
            }

            var id = contact.GetProperty("id").GetGuid();
            _created.Add((id, email));
            var version = contact.GetProperty("card").GetProperty("version").GetUInt32();
            for (var edit = 0; edit < 2 && !stop.IsCancellationRequested; edit++)
            {
                var marker = $"edit {client}-{n}-{edit}";
                var (status, body) = await TrySendAsync(http, HttpMethod.Put, $"/api/contacts/{id}/card", new { authorizationType = "LegitimateInterest", sourceType = "Other", sourceDescription = marker, version });
                var queue = _edits.GetOrAdd(id, _ => new());
                if (status == 200)
                {
                    version = body.GetProperty("version").GetUInt32();
                    queue.Enqueue(new Edit(marker, true, version));
                }
                else
                {
                    // A 4xx changed nothing; a 503, another 5xx or no answer may or may not have committed.
                    queue.Enqueue(new Edit(marker, status is >= 400 and < 500 ? false : null, null));
                    if (status == 409)
                    {
                        version = body.GetProperty("current").GetProperty("version").GetUInt32();
                    }
                    else
                    {
                        break; // the version is unknown now: the next contact
                    }
                }
            }
        }
    }

    private async Task<JsonElement?> SendAsync(HttpClient http, HttpMethod method, string path, object body)
    {
        var (status, json) = await TrySendAsync(http, method, path, body);
        return status is >= 200 and < 300 ? json : null;
    }

    private async Task<(int Status, JsonElement Body)> TrySendAsync(HttpClient http, HttpMethod method, string path, object body)
    {
        Interlocked.Increment(ref _tried);
        try
        {
            using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) });
            var status = (int)response.StatusCode;
            _answers.AddOrUpdate(status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, c) => c + 1);
            _writes.Enqueue((_clock.Elapsed.TotalSeconds, status is >= 200 and < 300));
            var text = await response.Content.ReadAsStringAsync();
            return (status, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _answers.AddOrUpdate("no answer", 1, (_, c) => c + 1);
            _writes.Enqueue((_clock.Elapsed.TotalSeconds, false));
            return (0, default);
        }
    }

    private async Task FaultAsync(string name, Func<Task> inject, TimeSpan down, Func<Task> restore, HttpClient http)
    {
        Console.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  fault: {name}");
        var injected = _clock.Elapsed.TotalSeconds;
        await inject();
        await Task.Delay(down);
        await restore();
        var restored = _clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{restored,6:F1} s  restored");
        _faults.Add((name, injected, restored));
        await WaitAsync(() => Ready(http), TimeSpan.FromMinutes(1), "readiness after " + name);
        await Task.Delay(TimeSpan.FromSeconds(4)); // load at full speed between faults
    }

    private Task PgCtl(params string[] args)
    {
        var all = new List<string> { "-D", PgData, "-l", PgLog, "-w", "-t", "60" };
        if (args[0] == "start")
        {
            all.AddRange(["-o", $"-p {PgPort} -k /tmp -c listen_addresses=127.0.0.1"]);
        }

        return ExecAsync(Path.Combine(PgBin, "pg_ctl"), [.. args, .. all], asPostgres: true);
    }

    /// <summary>Sends a signal to this cluster's postmaster (from its pid file) and every process whose parent it is: only our own cluster.</summary>
    private Task Signal(string signal)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(PgData, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        var pids = new List<string> { postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")).Where(File.Exists))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    pids.Add(Path.GetFileName(Path.GetDirectoryName(stat))!);
                }
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
        }

        return ExecAsync("kill", [$"-{signal}", .. pids], asPostgres: false);
    }

    private async Task ExecAsync(string file, IEnumerable<string> args, bool asPostgres)
    {
        var start = asPostgres && !string.IsNullOrEmpty(RunAs) ? new ProcessStartInfo("runuser") : new ProcessStartInfo(file);
        if (asPostgres && !string.IsNullOrEmpty(RunAs))
        {
            foreach (var a in new[] { "-u", RunAs, "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.RedirectStandardOutput = true;
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode})");
        }
    }

    /// <summary>Every acknowledged create must exist with its email; every contact's card must hold its last acknowledged edit, or an edit after it whose outcome was unknown.</summary>
    private async Task<(int LostCreates, int LostEdits, int Checked)> CheckAcknowledgedAsync()
    {
        await using var db = new NpgsqlConnection(OwnerConnection);
        await db.OpenAsync();
        var rows = new Dictionary<Guid, (string? Email, string? Marker, uint Version)>();
        await using (var command = new NpgsqlCommand("SELECT id, email, source_description, xmin::text::bigint FROM contacts WHERE email LIKE '%@faults.example'", db))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows[reader.GetGuid(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (uint)reader.GetInt64(3));
            }
        }

        var lostCreates = _created.Count(c => !rows.TryGetValue(c.Id, out var row) || !string.Equals(row.Email, c.Email, StringComparison.OrdinalIgnoreCase));
        int lostEdits = 0, checkedEdits = 0;
        foreach (var (id, queue) in _edits)
        {
            var edits = queue.ToList();
            var last = edits.FindLastIndex(e => e.Acknowledged == true);
            if (last < 0)
            {
                continue;
            }

            checkedEdits += edits.Count(e => e.Acknowledged == true);
            var allowed = edits.Skip(last).Where((e, i) => i == 0 || e.Acknowledged is null).Select(e => e.Marker).ToHashSet();
            if (!rows.TryGetValue(id, out var row) || row.Marker is null || !allowed.Contains(row.Marker))
            {
                lostEdits++;
                Console.WriteLine($"lost: contact {id} holds '{row.Marker}', expected one of {string.Join(", ", allowed)}");
            }
        }

        return (lostCreates, lostEdits, checkedEdits);
    }

    private sealed record Conflict(int Tried, int Ok, int Conflicts, int Other, bool Distinct, bool Chain, bool FinalMatches);

    /// <summary>1 000 concurrent edits of one card, each sent with the latest version its client knows: the 200s must form one chain of versions (no two edits of one version), and the card must end as the chain's last edit.</summary>
    private async Task<Conflict> ConflictingEditsAsync(HttpClient http)
    {
        var contact = (await SendAsync(http, HttpMethod.Post, "/api/contacts", new { firstName = "Contended", email = $"contended-{Guid.NewGuid():N}@faults.example" }))!.Value;
        var id = contact.GetProperty("id").GetGuid();
        var initial = contact.GetProperty("card").GetProperty("version").GetUInt32();
        long latest = initial;
        var successes = new ConcurrentBag<(uint From, uint To, string Marker)>();
        int conflicts = 0, other = 0;
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var from = (uint)Interlocked.Read(ref latest);
                var marker = $"conflict {i}";
                var (status, body) = await TrySendAsync(http, HttpMethod.Put, $"/api/contacts/{id}/card", new { authorizationType = "LegitimateInterest", sourceType = "Other", sourceDescription = marker, version = from });
                if (status == 200)
                {
                    var to = body.GetProperty("version").GetUInt32();
                    successes.Add((from, to, marker));
                    Interlocked.Exchange(ref latest, to);
                }
                else if (status == 409)
                {
                    Interlocked.Increment(ref conflicts);
                    Interlocked.Exchange(ref latest, body.GetProperty("current").GetProperty("version").GetUInt32());
                }
                else
                {
                    Interlocked.Increment(ref other);
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        var distinct = successes.Select(s => s.To).Distinct().Count() == successes.Count && successes.Select(s => s.From).Distinct().Count() == successes.Count;
        var byFrom = successes.GroupBy(s => s.From).ToDictionary(g => g.Key, g => g.First());
        var (at, walked, lastMarker) = (initial, 0, (string?)null);
        while (byFrom.TryGetValue(at, out var next))
        {
            (at, walked, lastMarker) = (next.To, walked + 1, next.Marker);
        }

        await using var db = new NpgsqlConnection(OwnerConnection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT source_description, xmin::text::bigint FROM contacts WHERE id = @id", db);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var final = (Marker: reader.IsDBNull(0) ? null : reader.GetString(0), Version: (uint)reader.GetInt64(1));
        return new Conflict(1000, successes.Count, conflicts, other, distinct, walked == successes.Count, final.Marker == lastMarker && final.Version == at);
    }

    private async Task<long> AppConnectionsAsync()
    {
        await using var db = new NpgsqlConnection(OwnerConnection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = 'cc_app'", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
