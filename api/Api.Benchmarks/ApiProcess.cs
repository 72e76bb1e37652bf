using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// The built API (api/Api/bin/Release/net10.0/ComplianceConnect.Api.dll) in a process of its own, with the same
/// settings as <see cref="BenchApi"/>, so that its peak memory is its own: <see cref="PeakBytes"/> is the
/// kernel's high-water mark of its resident set (VmHWM in /proc/&lt;pid&gt;/status). One process per measured
/// path: the mark covers the process's whole life, start-up included.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    public string Address { get; }

    private ApiProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    public static async Task<ApiProcess> StartAsync(Bench bench)
    {
        var directory = Path.Combine(bench.RepositoryRoot, "api", "Api", "bin", "Release", "net10.0");
        var dll = Path.Combine(directory, "ComplianceConnect.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build api/Api in Release first (scripts/bench.sh does).");
        }

        var port = FreePort();
        var address = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in BenchApi.Settings(bench.RuntimeConnectionString))
        {
            start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "0"; // as the benchmark's own process, and as a small container would run it
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine("  [api] " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the API process exited with {process.ExitCode} before it answered");
            }

            try
            {
                using var response = await http.GetAsync(address + "/health/live");
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                process.Kill();
                throw new InvalidOperationException("the API process did not answer /health/live within 60 s");
            }

            await Task.Delay(100);
        }

        return new ApiProcess(process, address);
    }

    /// <summary>The resident set's high-water mark so far, in bytes.</summary>
    public long PeakBytes => Status("VmHWM:");

    public long ResidentBytes => Status("VmRSS:");

    private long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no {field} in /proc/{_process.Id}/status");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
