using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>One route of the running app with what it reads: its JSON body type (from the endpoint's accepts metadata) and its query parameters (from its handler's signature).</summary>
public sealed record InputOperation(string Method, string Template, Type? BodyType, IReadOnlyList<(string Name, Type Type)> Query, bool Anonymous, bool HumanPage)
{
    public bool Writes => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>What a hostile request must get.</summary>
public enum Expected
{
    /// <summary>400 problem whose <c>errors</c> name the field (or one of its elements).</summary>
    FieldError,

    /// <summary>400 problem (the whole body is wrong: no single field to name).</summary>
    BodyError,

    /// <summary>413 problem.</summary>
    TooLarge,

    /// <summary>415 problem.</summary>
    UnsupportedMediaType,

    /// <summary>A free-text query value: any answer but a 5xx; a non-2xx is a problem naming the parameter.</summary>
    NoServerError,
}

public sealed record HostileCase(string Category, InputOperation Operation, string Url, Func<HttpContent?> Content, string? Field, Expected Expected, string What)
{
    public override string ToString() => $"[{Category}] {Operation.Method} {Url.Split('?')[0]} {What}";
}

/// <summary>
/// Builds the hostile input corpus from the app's own endpoint list: every write endpoint gets the
/// generic body attacks, and one set of attacks per property of its request type; every query
/// parameter of every endpoint gets garbage of its type. A new endpoint is covered by itself.
/// </summary>
public static class HostileCorpus
{
    /// <summary>Longer than every text limit of the contracts (the longest is an email body's 200 000), shorter than the 1 MiB body limit.</summary>
    public const int OverLong = 200_001;

    private static readonly Type[] SimpleTypes = [typeof(string), typeof(int), typeof(long), typeof(uint), typeof(bool), typeof(Guid), typeof(DateOnly), typeof(DateTimeOffset), typeof(double), typeof(decimal)];

    public static IReadOnlyList<InputOperation> Operations(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get]).Select(method =>
            {
                var routeNames = e.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var handler = e.Metadata.OfType<MethodInfo>().FirstOrDefault();
                var query = handler?.GetParameters()
                    .Where(p => p.Name is not null && !routeNames.Contains(p.Name) && IsSimple(p.ParameterType) && p.GetCustomAttributes().All(a => a.GetType().Name is not ("FromBodyAttribute" or "FromServicesAttribute" or "FromHeaderAttribute")))
                    .Select(p => (p.Name!, Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
                    .ToList() ?? [];
                return new InputOperation(
                    method,
                    "/" + e.RoutePattern.RawText!.Trim('/'),
                    e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType,
                    query,
                    Anonymous: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0 || e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                    HumanPage: e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true });
            }))
            .OrderBy(o => o.Template, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)];

    private static bool IsSimple(Type type) => SimpleTypes.Contains(Nullable.GetUnderlyingType(type) ?? type) || (Nullable.GetUnderlyingType(type) ?? type).IsEnum;

    /// <summary>Every case for these operations. <paramref name="url"/> fills the route; <paramref name="baseline"/> gives a valid body of a request type (or null: <c>{}</c>).</summary>
    public static IReadOnlyList<HostileCase> Build(IEnumerable<InputOperation> operations, Func<InputOperation, string> url, Func<Type, int, Dictionary<string, object?>?> baseline, JsonSerializerOptions json)
    {
        var cases = new List<HostileCase>();
        var n = 0;
        foreach (var operation in operations)
        {
            var path = url(operation);
            foreach (var (name, type) in operation.Query)
            {
                cases.AddRange(QueryCases(operation, path, name, type));
            }

            if (!operation.Writes)
            {
                continue;
            }

            cases.AddRange(GenericBodyCases(operation, path, operation.BodyType is null));
            if (operation.BodyType is not { } bodyType)
            {
                continue;
            }

            var info = json.GetTypeInfo(bodyType);
            foreach (var property in info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
            {
                foreach (var (category, value, what, expected) in PropertyAttacks(property))
                {
                    var id = Interlocked.Increment(ref n);
                    var body = baseline(bodyType, id) ?? [];
                    cases.Add(new HostileCase(category, operation, path, () => Json(Merge(body, property.Name, value)), property.Name, expected, $"{property.Name}: {what}"));
                }

                // Invalid UTF-8 can only be sent as raw bytes.
                if (IsText(property.PropertyType))
                {
                    foreach (var (bytes, what) in new[] { (new byte[] { 0xC3, 0x28 }, "invalid UTF-8 C3 28"), (new byte[] { 0xC0, 0xAF }, "overlong UTF-8 C0 AF"), (new byte[] { 0xED, 0xA0, 0x80 }, "UTF-8-encoded surrogate ED A0 80"), (new byte[] { 0xFF }, "byte FF") })
                    {
                        var id = Interlocked.Increment(ref n);
                        var body = baseline(bodyType, id) ?? [];
                        cases.Add(new HostileCase("invalid UTF-8", operation, path, () => RawUtf8(body, property.Name, bytes), property.Name, Expected.FieldError, $"{property.Name}: {what}"));
                    }
                }
            }

            var first = info.Properties.FirstOrDefault(p => IsText(p.PropertyType));
            if (first is not null)
            {
                cases.Add(new HostileCase("deep nesting", operation, path, () => Raw($"{{\"{first.Name}\":{Nested(10_000)}}}"), first.Name, Expected.FieldError, $"{first.Name}: 10 000 nested arrays"));
            }
        }

        return cases;
    }

    private static IEnumerable<HostileCase> QueryCases(InputOperation operation, string path, string name, Type type)
    {
        string Url(string raw) => $"{path}{(path.Contains('?') ? '&' : '?')}{name}={raw}";
        HostileCase Case(string category, string raw, Expected expected, string what) =>
            new(category, operation, Url(raw), () => operation.Writes ? Raw("{}") : null, name, expected, $"?{name}={what}");

        yield return Case("query NUL", "a%00b", Expected.FieldError, "a%00b");
        yield return Case("query invalid UTF-8", "%FF%FE", type == typeof(string) ? Expected.NoServerError : Expected.FieldError, "%FF%FE");
        yield return Case("query lone surrogate", "%ED%A0%80", type == typeof(string) ? Expected.NoServerError : Expected.FieldError, "%ED%A0%80");
        if (type == typeof(string))
        {
            yield return Case("query over-long", new string('q', 10_000), Expected.NoServerError, "10 000 characters");
            yield return Case("query garbage", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", Expected.NoServerError, "<script>");
            yield return Case("query garbage", "%25%5F%5C", Expected.NoServerError, "%_\\ (LIKE metacharacters)");
            yield break;
        }

        foreach (var raw in new[] { "abc", "-1", "99999999999999999999", "1.5", "1e400", "NaN", "0x10", "%20", "1,2", "true%00" })
        {
            if (type == typeof(bool) && raw is "true%00")
            {
                continue; // the NUL case above covers it
            }

            // -1 is a valid int but no page or size; 0x10, "1,2"… never bind.
            yield return Case("query garbage", raw, Expected.FieldError, raw);
        }
    }

    private static IEnumerable<HostileCase> GenericBodyCases(InputOperation operation, string path, bool noJsonBody)
    {
        var body = noJsonBody ? Expected.NoServerError : Expected.BodyError;
        HostileCase Case(string category, Func<HttpContent?> content, Expected expected, string what) => new(category, operation, path, content, null, expected, what);

        yield return Case("empty body", () => Raw(""), body, "empty, application/json");
        yield return Case("empty body", () => null, body, "no body, no content type");
        yield return Case("malformed JSON", () => Raw("{\"a\":"), body, "{\"a\":");
        yield return Case("malformed JSON", () => Raw("{'a':1}"), body, "single quotes");
        yield return Case("malformed JSON", () => Raw("{\"a\":1,}"), body, "trailing comma");
        yield return Case("malformed JSON", () => Raw("/* c */ {}"), body, "comment");
        yield return Case("wrong JSON type", () => Raw("null"), body, "null");
        yield return Case("wrong JSON type", () => Raw("[]"), body, "[]");
        yield return Case("wrong JSON type", () => Raw("\"text\""), body, "a string");
        yield return Case("wrong JSON type", () => Raw("42"), body, "a number");
        yield return Case("deep nesting", () => Raw(Nested(10_000)), body, "10 000 nested arrays");
        yield return Case("deep nesting", () => Raw($"{{\"zz\":{Nested(10_000)}}}"), body, "10 000 nested arrays under an unknown property");
        yield return Case("deep nesting", () => Raw(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)), body, "5 000 nested objects");
        // Above the largest JSON limit any route declares (bulk changes take 8 MiB); routes that read no JSON body are left to their own tests.
        if (!noJsonBody)
        {
            yield return Case("huge body", () => Raw("{\"a\":\"" + new string('x', (9 * 1024 * 1024) + 16) + "\"}"), Expected.TooLarge, "9 MiB + 16 bytes with a length");
            yield return Case("huge body", () => Chunked("{\"a\":\"" + new string('x', 10 * 1024 * 1024) + "\"}"), Expected.TooLarge, "10 MiB chunked, no length");
        }
        foreach (var type in new[] { "text/plain", "application/xml", "text/html", "application/x-www-form-urlencoded", "application/octet-stream", "application/jsonx" })
        {
            yield return Case("wrong content type", () => new StringContent("{}", Encoding.UTF8, type), noJsonBody ? Expected.NoServerError : Expected.UnsupportedMediaType, type);
        }

        yield return Case("broken multipart", () => BrokenMultipart(), noJsonBody ? Expected.NoServerError : Expected.UnsupportedMediaType, "multipart with a missing boundary end");
        yield return Case("broken multipart", () => MultipartWithoutBoundary(), noJsonBody ? Expected.NoServerError : Expected.UnsupportedMediaType, "multipart/form-data without a boundary");
        yield return Case("broken form", () => Form("List-Unsubscribe=One-Click&" + string.Concat(Enumerable.Repeat("k=v&", 20_000))), noJsonBody ? Expected.NoServerError : Expected.UnsupportedMediaType, "form with 20 000 fields");
        yield return Case("broken form", () => Form("List-Unsubscribe=%ZZ%00"), noJsonBody ? Expected.NoServerError : Expected.UnsupportedMediaType, "form with a bad escape and NUL");
    }

    private static IEnumerable<(string Category, object? Value, string What, Expected Expected)> PropertyAttacks(JsonPropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var wrong = new List<(object?, string)>();
        if (type == typeof(string))
        {
            wrong.AddRange([(123, "a number"), (true, "true"), (Literal("{}"), "an object"), (Literal("[\"a\"]"), "an array")]);
            foreach (var (value, what) in wrong)
            {
                yield return ("wrong JSON type", value, what, Expected.FieldError);
            }

            yield return ("NUL", Literal("\"a\\u0000b\""), "NUL", Expected.FieldError);
            yield return ("lone surrogate", Literal("\"a\\ud800b\""), "lone high surrogate \\ud800", Expected.FieldError);
            yield return ("lone surrogate", Literal("\"\\udfff\""), "lone low surrogate \\udfff", Expected.FieldError);
            yield return ("lone surrogate", Literal("\"\\udc00\\ud800\""), "surrogates in the wrong order", Expected.FieldError);
            yield return ("over-long", new string('x', OverLong), $"{OverLong} characters", Expected.FieldError);
            yield break;
        }

        if (type.IsEnum)
        {
            foreach (var (value, what) in new (object?, string)[] { (42, "a number"), ("NotAValue", "an unknown name"), ("", "empty"), ("0", "a numeric string"), (string.Join(", ", Enum.GetNames(type).Take(2)), "a comma list"), (Literal("{}"), "an object") })
            {
                yield return (value is string or int ? "unknown enum value" : "wrong JSON type", value, what, Expected.FieldError);
            }

            yield break;
        }

        IEnumerable<(object?, string)> attacks =
            type == typeof(DateOnly) ? [("yesterday", "not a date"), (20250101, "a number"), ("2025-13-45", "month 13"), ("9999-12-31", "far future"), ("0001-01-01", "year 1"), ("2025-01-01T00:00:00Z", "a timestamp")]
            : type == typeof(DateTimeOffset) ? [("garbage", "not a time"), (123, "a number"), (Literal("{}"), "an object")]
            : type == typeof(Guid) ? [("not-a-guid", "not a guid"), (123, "a number")]
            : type == typeof(bool) ? [("yes", "\"yes\""), (1, "1")]
            : type == typeof(uint) || type == typeof(int) || type == typeof(long) ? [(-1, "-1"), ("abc", "a string"), (Literal("99999999999999999999999"), "too big"), (1.5, "1.5"), (true, "true"), (Literal("1e400"), "1e400")]
            : typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? [("x", "a string"), (Literal("[1]"), "an array of numbers"), (Literal("[\"not-a-guid\"]"), "an array of garbage"), (Literal("{}"), "an object")]
            : [(Literal("[[[]]]"), "nested arrays"), (123, "a number")];
        foreach (var (value, what) in attacks)
        {
            yield return ("wrong JSON type", value, what, Expected.FieldError);
        }
    }

    private static bool IsText(Type type) => type == typeof(string);

    /// <summary>A value written as this raw JSON.</summary>
    private sealed record RawJson(string Json);

    private static RawJson Literal(string json) => new(json);

    private static Dictionary<string, object?> Merge(Dictionary<string, object?> body, string name, object? value) => new(body) { [name] = value };

    private static StringContent Json(Dictionary<string, object?> body)
    {
        var builder = new StringBuilder("{");
        foreach (var (name, value) in body)
        {
            builder.Append(builder.Length > 1 ? "," : "").Append(JsonSerializer.Serialize(name)).Append(':')
                .Append(value is RawJson raw ? raw.Json : JsonSerializer.Serialize(value));
        }

        return Raw(builder.Append('}').ToString());
    }

    private static ByteArrayContent RawUtf8(Dictionary<string, object?> body, string name, byte[] bad)
    {
        var text = Json(Merge(body, name, "\u0001MARK\u0001")).ReadAsStringAsync().GetAwaiter().GetResult();
        var marker = Encoding.UTF8.GetBytes(JsonSerializer.Serialize("\u0001MARK\u0001"));
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = bytes.AsSpan().IndexOf(marker);
        var result = bytes[..at].Concat("\"a"u8.ToArray()).Concat(bad).Concat("b\""u8.ToArray()).Concat(bytes[(at + marker.Length)..]).ToArray();
        var content = new ByteArrayContent(result);
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        return content;
    }

    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static StreamContent Chunked(string json)
    {
        var content = new StreamContent(new NonSeekable(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    private static ByteArrayContent BrokenMultipart()
    {
        var content = new ByteArrayContent("--b0undary\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\nname,email\r\n\"unterminated,x@example.com"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b0undary");
        return content;
    }

    private static ByteArrayContent MultipartWithoutBoundary()
    {
        var content = new ByteArrayContent("--x\r\n\r\n--x--"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        return content;
    }

    /// <summary>A stream whose length is unknown, so the body goes out chunked.</summary>
    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    /// <summary>"{id:guid}" → this id, any other parameter → a garbage value.</summary>
    public static string Fill(string template, Guid id) =>
        Regex.Replace(template, @"\{([^}:]+)(:[^}]*)?\}", m => m.Groups[2].Value.StartsWith(":guid", StringComparison.Ordinal) ? id.ToString() : "not-a-real-" + m.Groups[1].Value).TrimEnd('/');
}
