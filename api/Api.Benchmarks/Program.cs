// Issue #14's benchmark: every heavy path next to its reference, in one run, on one generated data set.
// Run it through scripts/bench.sh (docs/benchmarks.md), which makes a fresh cc_bench database and sets:
//   CC_BENCH_OWNER            the schema owner's connection string to that database (migrations, counts)
//   CC_BENCH_RUNTIME_ROLE     the API's role (owns nothing, under row-level security), default cc_test_app
//   CC_BENCH_RUNTIME_PASSWORD its password
// Options: --runs N (3) --popup-opens N (15) --contacts N (100000) --organizations N (4) --seed N (14)
//          --wrk-seconds N (10) --import-rows N (1000000) --export-contacts N (1000000) --only 1,5,7 --out table.md
using System.Diagnostics;
using System.Globalization;
using ComplianceConnect.Api.Infrastructure;
using Npgsql;

namespace ComplianceConnect.Api.Benchmarks;

internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        var owner = Environment.GetEnvironmentVariable("CC_BENCH_OWNER");
        var runtimePassword = Environment.GetEnvironmentVariable("CC_BENCH_RUNTIME_PASSWORD");
        var runtimeRole = Environment.GetEnvironmentVariable("CC_BENCH_RUNTIME_ROLE") is { Length: > 0 } r ? r : "cc_test_app";
        if (string.IsNullOrWhiteSpace(owner) || string.IsNullOrWhiteSpace(runtimePassword))
        {
            Console.Error.WriteLine("CC_BENCH_OWNER and CC_BENCH_RUNTIME_PASSWORD must be set: run scripts/bench.sh.");
            return 2;
        }

        var runtime = new NpgsqlConnectionStringBuilder(owner) { Username = runtimeRole, Password = runtimePassword }.ConnectionString;
        var root = FindRoot();
        var workDirectory = Directory.CreateTempSubdirectory("cc-bench-").FullName;
        var total = Stopwatch.StartNew();

        Console.WriteLine($"Migrating {new NpgsqlConnectionStringBuilder(owner).Database} as the owner, granting {runtimeRole} …");
        await DatabaseInitializer.MigrateAsync(owner, runtimeRole);

        await using var api = new BenchApi(runtime, root);
        var address = api.Address;
        var sizes = new List<int> { options.Contacts };
        for (var i = 1; i < options.Organizations; i++)
        {
            sizes.Add(Math.Max(1, options.Contacts / 5));
        }

        Console.WriteLine($"Seeding {string.Join(" + ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} contacts (Bogus, seed {options.Seed}) …");
        var seedClock = Stopwatch.StartNew();
        var organizations = await Seeder.SeedAsync(api, options.Seed, sizes);
        Console.WriteLine($"  seeded in {seedClock.Elapsed.TotalSeconds:F1} s; API on {address}");
        // Statistics as a database in use has them (autovacuum analyzes a table soon after a bulk load): the planner
        // choices measured below (the People list's broad-search estimate, the export's joins) read them.
        await Bench.VacuumContactsAsync(owner);

        var bench = new Bench
        {
            Api = api,
            Address = address,
            OwnerConnectionString = owner,
            RuntimeConnectionString = runtime,
            Psql = new Psql(runtime),
            Organizations = organizations,
            Runs = options.Runs,
            PopupOpens = options.PopupOpens,
            WrkSeconds = options.WrkSeconds,
            WorkDirectory = workDirectory,
            RepositoryRoot = root,
            Seed = options.Seed,
            ImportRows = options.ImportRows,
            ExportLargeContacts = options.ExportLargeContacts,
        };

        IModule[] modules =
        [
            new BulkEditModule(),
            new ImportModule(),
            new ExportModule(),
            new PeopleListModule(),
            new CardLoadModule(),
            new PopupModule(),
            new ExtractorModule(),
        ];

        var rows = new List<Row>();
        foreach (var module in modules.Where(m => options.Only is null || options.Only.Contains(m.Number)))
        {
            Console.WriteLine($"#{module.Number} {module.Work} …");
            var clock = Stopwatch.StartNew();
            try
            {
                rows.AddRange(await module.RunAsync(bench));
            }
            catch (Exception e)
            {
                Console.Error.WriteLine(e);
                rows.Add(new Row(module.Number, module.Work, "failed", e.GetType().Name + ": " + e.Message.Split('\n')[0], "–", module.Target, "**no**"));
            }

            Console.WriteLine($"  #{module.Number} took {clock.Elapsed.TotalSeconds:F0} s");
        }

        var table = Table.Markdown(rows);
        var header = $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.MachineName}: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                     $"{options.Runs} runs per figure (medians), seed {options.Seed}, {string.Join(" + ", sizes)} contacts in {sizes.Count} organizations; took {total.Elapsed.TotalMinutes:F1} min.";
        Console.WriteLine();
        Console.WriteLine(header);
        Console.WriteLine();
        Console.WriteLine(table);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, header + Environment.NewLine + Environment.NewLine + table + Environment.NewLine);
        }

        try
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        return rows.Any(row => row.Figure == "failed") ? 1 : 0;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Extension.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

internal sealed record Options(int Runs, int PopupOpens, int Contacts, int Organizations, int Seed, int WrkSeconds, HashSet<string>? Only, string? Out,
    int ImportRows, int ExportLargeContacts)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            Math.Max(3, Int("--runs", 3)),
            Math.Max(15, Int("--popup-opens", 15)),
            Int("--contacts", 100_000),
            Math.Max(2, Int("--organizations", 4)),
            Int("--seed", 14),
            Int("--wrk-seconds", 10),
            Value("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
            Value("--out"),
            Int("--import-rows", 1_000_000),
            Int("--export-contacts", 1_000_000));
    }
}
