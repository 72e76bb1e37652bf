using System.Diagnostics;
using Npgsql;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// The reference side: Debian's psql, connected exactly as the API connects (the runtime role, under
/// row-level security), timed from process start to exit, so its figures include what a psql user pays.
/// </summary>
public sealed class Psql(string connectionString)
{
    private readonly NpgsqlConnectionStringBuilder _builder = new(connectionString);

    /// <summary>Runs a SQL file; returns the wall time in milliseconds.</summary>
    public async Task<double> RunFileAsync(string path, string? stdoutFile = null)
    {
        var clock = Stopwatch.StartNew();
        var (code, output, error) = await RunAsync(["-f", path], stdoutFile);
        clock.Stop();
        if (code != 0)
        {
            throw new InvalidOperationException($"psql -f {path} failed ({code}): {error}{output}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Runs a script given as text; returns what psql printed.</summary>
    public async Task<string> RunScriptAsync(string script)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cc-bench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(path, script);
        try
        {
            var (code, output, error) = await RunAsync(["-f", path], null);
            return code == 0 ? output : throw new InvalidOperationException($"psql failed ({code}): {error}{output}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    public async Task<string> QueryAsync(string sql)
    {
        var (code, output, error) = await RunAsync(["-tA", "-c", sql], null);
        return code == 0 ? output.Trim() : throw new InvalidOperationException($"psql failed ({code}): {error}");
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(IEnumerable<string> args, string? stdoutFile)
    {
        var start = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", _builder.Host!, "-p", _builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-U", _builder.Username!, "-d", _builder.Database! }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = _builder.Password;
        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        string output;
        if (stdoutFile is not null)
        {
            await using var file = File.Create(stdoutFile);
            await process.StandardOutput.BaseStream.CopyToAsync(file);
            output = "";
        }
        else
        {
            output = await process.StandardOutput.ReadToEndAsync();
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, output, await errorTask);
    }

    /// <summary>The statement that opens a unit of work as the API does (UnitOfWork.BeginAsync), as psql text.</summary>
    public static string ScopeSql(Guid organization, Guid? actorId, string actorName, string channel, string digestKeyHex) =>
        $"""
        SELECT set_config('app.organization_id', '{organization}', true),
               set_config('app.actor_id', '{actorId?.ToString() ?? ""}', true),
               set_config('app.actor_name', '{actorName.Replace("'", "''", StringComparison.Ordinal)}', true),
               set_config('app.channel', '{channel}', true),
               set_config('app.reason', '', true),
               set_config('app.digest_key', '{digestKeyHex}', true) \g /dev/null
        """;
}
