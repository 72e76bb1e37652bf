using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ComplianceConnect.Api.Tests.Salesforce;

/// <summary>
/// A stateful stand-in for one Salesforce org on a loopback port (Kestrel): the OAuth token endpoint
/// (client credentials and refresh token), SOQL query with <c>nextRecordsUrl</c> paging, record update,
/// sObject Collections update and retrieve, session expiry (401 INVALID_SESSION_ID), injected 429/5xx
/// answers, an outage, the API request limit and the 200-record limit of a collection request.
/// Every change stamps SystemModstamp from the test's clock, one millisecond apart at least.
/// </summary>
public sealed partial class FakeSalesforce : IAsyncDisposable
{
    public const string ClientId = "fake-connected-app";
    public const string ClientSecret = "fake-consumer-secret";
    public const string RefreshToken = "fake-refresh-token";
    private const string Version = "v60.0";

    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Record> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Record>> _cursors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<HttpStatusCode> _faults = new();
    private DateTimeOffset _lastStamp = DateTimeOffset.MinValue;
    private int _next;

    public sealed class Record
    {
        public required string Id { get; init; }
        public required string Type { get; init; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? Title { get; set; }
        public string? Company { get; set; }
        public bool HasOptedOutOfEmail { get; set; }
        public DateTimeOffset SystemModstamp { get; set; }
    }

    /// <summary>One record update received (composite or single), in order.</summary>
    public sealed record Update(string Id, bool HasOptedOutOfEmail, DateTimeOffset At);

    public string BaseUrl { get; private set; } = "";

    /// <summary>Records per query page.</summary>
    public int PageSize { get; set; } = 2;

    /// <summary>While true, every data request (not the token endpoint) answers 503.</summary>
    public bool Outage { get; set; }

    /// <summary>While true, collection updates answer 503 (queries still work).</summary>
    public bool UpdatesDown { get; set; }

    /// <summary>While true, data requests answer 403 REQUEST_LIMIT_EXCEEDED.</summary>
    public bool RequestLimitExceeded { get; set; }

    /// <summary>Every query-more call after this many answers 500 (the page request fails for good): a run dies mid-way.</summary>
    public int? FailQueryMoreAfter { get; set; }

    /// <summary>Invalidate every issued token after this many query pages (once): the session expires mid-run.</summary>
    public int? ExpireSessionsAfterPages { get; set; }

    /// <summary>How long every query page takes: runs on two instances overlap.</summary>
    public TimeSpan QueryDelay { get; set; }

    public int TokensIssued;
    public int QueryPages;
    public int QueryMorePages;
    public int RejectedForSession;
    public int Faulted;

    public ConcurrentQueue<string> Queries { get; } = new();
    public ConcurrentQueue<Update> Updates { get; } = new();

    private FakeSalesforce(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    public static async Task<FakeSalesforce> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSalesforce(app, clock);
        fake.Map(app);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.Single();
        return fake;
    }

    /// <summary>The next <paramref name="count"/> data requests answer <paramref name="status"/> (429 with Retry-After: 0).</summary>
    public void FailNext(HttpStatusCode status, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(status);
        }
    }

    /// <summary>Every access token issued so far stops working.</summary>
    public void ExpireSessions()
    {
        lock (_gate)
        {
            _tokens.Clear();
        }
    }

    public string AddContact(string? first, string? last, string? email, bool optedOut = false, string? company = "Acme") =>
        Add("Contact", "003", first, last, email, optedOut, company);

    public string AddLead(string? first, string? last, string? email, bool optedOut = false, string? company = "Lead Co") =>
        Add("Lead", "00Q", first, last, email, optedOut, company);

    /// <summary>A user in Salesforce ticks or clears Email Opt Out.</summary>
    public void SetOptOut(string id, bool optedOut)
    {
        lock (_gate)
        {
            var record = _records[id];
            record.HasOptedOutOfEmail = optedOut;
            record.SystemModstamp = Stamp();
        }
    }

    /// <summary>A user edits another field (the title): SystemModstamp moves, the opt-out stays as it is.</summary>
    public void Touch(string id)
    {
        lock (_gate)
        {
            var record = _records[id];
            record.Title = "Edited " + record.SystemModstamp.Ticks.ToString(CultureInfo.InvariantCulture);
            record.SystemModstamp = Stamp();
        }
    }

    public void Delete(string id)
    {
        lock (_gate)
        {
            _records.Remove(id);
        }
    }

    public Record Get(string id)
    {
        lock (_gate)
        {
            return _records[id];
        }
    }

    public IReadOnlyList<Update> UpdatesOf(string id) => [.. Updates.Where(u => u.Id == id)];

    private string Add(string type, string prefix, string? first, string? last, string? email, bool optedOut, string? company)
    {
        lock (_gate)
        {
            var id = prefix + (++_next).ToString("D12", CultureInfo.InvariantCulture) + "AAA";
            _records[id] = new Record
            {
                Id = id, Type = type, FirstName = first, LastName = last, Email = email, Company = company,
                Title = "Buyer", HasOptedOutOfEmail = optedOut, SystemModstamp = Stamp(),
            };
            return id;
        }
    }

    private DateTimeOffset Stamp()
    {
        var now = _clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)); // Salesforce keeps milliseconds
        _lastStamp = now > _lastStamp ? now : _lastStamp.AddMilliseconds(1);
        return _lastStamp;
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/services/oauth2/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var grant = form["grant_type"].ToString();
            var ok = form["client_id"] == ClientId && grant switch
            {
                "client_credentials" => form["client_secret"] == ClientSecret,
                "refresh_token" => form["refresh_token"] == RefreshToken,
                _ => false,
            };
            if (!ok)
            {
                return Results.Json(new JsonObject { ["error"] = "invalid_client", ["error_description"] = "invalid client credentials" }, statusCode: 400);
            }

            var token = "fake-token-" + Interlocked.Increment(ref TokensIssued);
            lock (_gate)
            {
                _tokens.Add(token);
            }

            return Results.Json(new JsonObject { ["access_token"] = token, ["instance_url"] = BaseUrl, ["token_type"] = "Bearer", ["issued_at"] = "0" });
        });

        var data = app.MapGroup($"/services/data/{Version}");
        data.AddEndpointFilter(async (context, next) =>
        {
            var authorization = context.HttpContext.Request.Headers.Authorization.ToString();
            bool valid;
            lock (_gate)
            {
                valid = authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.Contains(authorization["Bearer ".Length..]);
            }

            if (!valid)
            {
                Interlocked.Increment(ref RejectedForSession);
                return Errors(401, "INVALID_SESSION_ID", "Session expired or invalid");
            }

            if (RequestLimitExceeded)
            {
                return Errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            }

            HttpStatusCode? injected = Outage ? HttpStatusCode.ServiceUnavailable : _faults.TryDequeue(out var fault) ? fault : null;
            if (injected is { } status)
            {
                Interlocked.Increment(ref Faulted);
                if (status == HttpStatusCode.TooManyRequests)
                {
                    context.HttpContext.Response.Headers.RetryAfter = "0";
                }

                return Errors((int)status, status == HttpStatusCode.TooManyRequests ? "REQUEST_LIMIT_EXCEEDED" : "SERVER_UNAVAILABLE", "Try again later.");
            }

            return await next(context);
        });

        data.MapGet("/query", async (string q) =>
        {
            await Task.Delay(QueryDelay);
            Queries.Enqueue(q);
            var match = SoqlPattern().Match(q);
            if (!match.Success)
            {
                return Errors(400, "MALFORMED_QUERY", "The fake understands SELECT … FROM Contact|Lead [WHERE SystemModstamp >= t] ORDER BY SystemModstamp, Id [LIMIT n].");
            }

            var type = match.Groups["type"].Value;
            DateTimeOffset? since = match.Groups["since"].Success
                ? DateTimeOffset.Parse(match.Groups["since"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : null;
            List<Record> rows;
            lock (_gate)
            {
                rows = [.. _records.Values.Where(r => r.Type == type && (since is null || r.SystemModstamp >= since))
                    .OrderBy(r => r.SystemModstamp).ThenBy(r => r.Id, StringComparer.Ordinal).Select(Copy)];
            }

            if (match.Groups["limit"].Success)
            {
                rows = [.. rows.Take(int.Parse(match.Groups["limit"].Value, CultureInfo.InvariantCulture))];
            }

            return Page(rows, isMore: false);
        });

        data.MapGet("/query/{cursor}", async (string cursor) =>
        {
            await Task.Delay(QueryDelay);
            if (FailQueryMoreAfter is { } limit && QueryMorePages >= limit)
            {
                return Errors(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred.");
            }

            List<Record>? rows;
            lock (_gate)
            {
                _cursors.Remove(cursor, out rows);
            }

            return rows is null ? Errors(400, "INVALID_QUERY_LOCATOR", "invalid query locator") : Page(rows, isMore: true);
        });

        data.MapMethods("/sobjects/{type}/{id}", ["PATCH"], async (string type, string id, HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body);
            lock (_gate)
            {
                if (!_records.TryGetValue(id, out var record) || record.Type != type)
                {
                    return Errors(404, "NOT_FOUND", "The requested resource does not exist");
                }

                if (body?["HasOptedOutOfEmail"] is JsonValue value)
                {
                    record.HasOptedOutOfEmail = value.GetValue<bool>();
                    Updates.Enqueue(new Update(id, record.HasOptedOutOfEmail, _clock.GetUtcNow()));
                }

                record.SystemModstamp = Stamp();
            }

            return Results.NoContent();
        });

        data.MapMethods("/composite/sobjects", ["PATCH"], async (HttpContext http) =>
        {
            if (UpdatesDown)
            {
                Interlocked.Increment(ref Faulted);
                return Errors(503, "SERVER_UNAVAILABLE", "Try again later.");
            }

            var body = await JsonNode.ParseAsync(http.Request.Body);
            var records = body?["records"]?.AsArray() ?? [];
            if (records.Count > 200)
            {
                return Errors(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
            }

            var results = new JsonArray();
            lock (_gate)
            {
                foreach (var item in records)
                {
                    var id = item!["id"]!.GetValue<string>();
                    var type = item["attributes"]?["type"]?.GetValue<string>();
                    if (_records.TryGetValue(id, out var record) && record.Type == type)
                    {
                        record.HasOptedOutOfEmail = item["HasOptedOutOfEmail"]!.GetValue<bool>();
                        record.SystemModstamp = Stamp();
                        Updates.Enqueue(new Update(id, record.HasOptedOutOfEmail, _clock.GetUtcNow()));
                        results.Add(new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() });
                    }
                    else
                    {
                        results.Add(new JsonObject
                        {
                            ["id"] = id, ["success"] = false,
                            ["errors"] = new JsonArray(new JsonObject { ["statusCode"] = "ENTITY_IS_DELETED", ["message"] = "entity is deleted", ["fields"] = new JsonArray() }),
                        });
                    }
                }
            }

            return Results.Json(results);
        });

        data.MapGet("/composite/sobjects/{type}", (string type, string ids) =>
        {
            var found = new JsonArray();
            lock (_gate)
            {
                foreach (var id in ids.Split(','))
                {
                    found.Add(_records.TryGetValue(id, out var r) && r.Type == type
                        ? new JsonObject { ["attributes"] = new JsonObject { ["type"] = type }, ["Id"] = id, ["SystemModstamp"] = Format(r.SystemModstamp) }
                        : null);
                }
            }

            return Results.Json(found);
        });
    }

    private IResult Page(List<Record> rows, bool isMore)
    {
        var count = Interlocked.Increment(ref QueryPages);
        if (isMore)
        {
            Interlocked.Increment(ref QueryMorePages);
        }

        if (ExpireSessionsAfterPages is { } expireAfter && count == expireAfter)
        {
            ExpireSessions();
        }

        var page = rows.Take(PageSize).ToList();
        var rest = rows.Skip(PageSize).ToList();
        var result = new JsonObject { ["totalSize"] = rows.Count, ["done"] = rest.Count == 0 };
        if (rest.Count > 0)
        {
            var cursor = $"01gFAKE{Interlocked.Increment(ref _next)}-{PageSize}";
            lock (_gate)
            {
                _cursors[cursor] = rest;
            }

            result["nextRecordsUrl"] = $"/services/data/{Version}/query/{cursor}";
        }

        result["records"] = new JsonArray([.. page.Select(r => (JsonNode)Json(r))]);
        return Results.Json(result);
    }

    private static JsonObject Json(Record r)
    {
        var json = new JsonObject
        {
            ["attributes"] = new JsonObject { ["type"] = r.Type, ["url"] = $"/services/data/{Version}/sobjects/{r.Type}/{r.Id}" },
            ["Id"] = r.Id,
            ["FirstName"] = r.FirstName,
            ["LastName"] = r.LastName,
            ["Email"] = r.Email,
            ["Phone"] = r.Phone,
            ["Title"] = r.Title,
            ["HasOptedOutOfEmail"] = r.HasOptedOutOfEmail,
            ["SystemModstamp"] = Format(r.SystemModstamp),
        };
        if (r.Type == "Lead")
        {
            json["Company"] = r.Company;
        }
        else
        {
            json["Account"] = r.Company is null ? null : new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Account" }, ["Name"] = r.Company };
        }

        return json;
    }

    private static Record Copy(Record r) => new()
    {
        Id = r.Id, Type = r.Type, FirstName = r.FirstName, LastName = r.LastName, Email = r.Email, Phone = r.Phone,
        Title = r.Title, Company = r.Company, HasOptedOutOfEmail = r.HasOptedOutOfEmail, SystemModstamp = r.SystemModstamp,
    };

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    private static IResult Errors(int status, string code, string message) =>
        Results.Json(new JsonArray(new JsonObject { ["message"] = message, ["errorCode"] = code }), statusCode: status);

    [GeneratedRegex(@"^SELECT .+ FROM (?<type>Contact|Lead)(?: WHERE SystemModstamp >= (?<since>\S+))?(?: ORDER BY SystemModstamp, Id)?(?: LIMIT (?<limit>\d+))?$")]
    private static partial Regex SoqlPattern();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
