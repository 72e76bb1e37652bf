using Npgsql;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>What every module gets: the running API, the seeded organizations, psql as the runtime role, the settings.</summary>
public sealed class Bench
{
    public required BenchApi Api { get; init; }
    public required string Address { get; init; }
    public required string OwnerConnectionString { get; init; }
    public required string RuntimeConnectionString { get; init; }
    public required Psql Psql { get; init; }
    public required List<SeededOrganization> Organizations { get; init; }
    public required int Runs { get; init; }
    public required int PopupOpens { get; init; }
    public required int WrkSeconds { get; init; }
    public required string WorkDirectory { get; init; }
    public required string RepositoryRoot { get; init; }
    public required int Seed { get; init; }
    public required int ImportRows { get; init; }
    public required int ExportLargeContacts { get; init; }

    /// <summary>Organizations made during the run (empty ones for imports, the large one for the export), numbered after the seeded ones.</summary>
    public async Task<SeededOrganization> NewOrganizationAsync(int contacts)
    {
        var index = Organizations.Count + _extra++;
        return await Seeder.SeedOrganizationAsync(Api, Seed, index, contacts);
    }

    private int _extra;

    /// <summary>
    /// Vacuums and analyzes <c>contacts</c> as the owner after a bulk load, as autovacuum soon would in a database in use:
    /// the statistics the planner reads, and the visibility map index-only scans skip the heap by. Measured without it,
    /// autovacuum ran into the first runs after a load.
    /// </summary>
    public static async Task VacuumContactsAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) contacts", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>The API's JSON: camelCase, enums by name.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static HttpClient Client(string address, string token, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(address), Timeout = timeout ?? TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public string ScopeSql(SeededOrganization organization, string channel) =>
        Psql.ScopeSql(organization.Id, organization.AdminId, organization.AdminName, channel,
            Features.Audit.AuditTrail.OrganizationKeyHex(new Features.Audit.AuditOptions { DigestKey = BenchApi.DigestKey }, organization.Id));

    /// <summary>The organization the heavy paths run in (the largest).</summary>
    public SeededOrganization Main => Organizations[0];

    public IReadOnlyList<string> Routes => _routes ??= Api.Routes();

    private IReadOnlyList<string>? _routes;

    public bool HasRoute(string prefix) => Routes.Any(r => r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public async Task<long> OwnerScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<long> AuditCountAsync(Guid organization) =>
        OwnerScalarAsync("SELECT count(*) FROM audit_entries WHERE organization_id = $1", organization);

    public Task<string> SignInAsync(SeededOrganization organization) => SignInAsync(Address, organization);

    public static async Task<string> SignInAsync(string address, SeededOrganization organization)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        using var response = await http.PostAsync(Shared.Contracts.ApiRoutes.SignIn, new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { email = organization.AdminEmail, password = BenchApi.Password }),
            System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {body}");
        }

        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }
}

/// <summary>One numbered line (or several) of issue #14's table.</summary>
public interface IModule
{
    string Number { get; }
    string Work { get; }
    string Target { get; }
    Task<IReadOnlyList<Row>> RunAsync(Bench bench);
}
