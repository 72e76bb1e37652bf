using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceConnect.Api.Tests;

/// <summary>
/// Every endpoint that requires authorization, taken from the app's own endpoint list, against
/// every kind of bad token: each must answer 401 with a bare problem document and a plain
/// <c>Bearer</c> challenge, and a Rep must get 403 from every Admin operation.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthMatrixTests(ApiFactory factory)
{
    public static TheoryData<string> BadTokens => new() { "none", "garbage", "expired", "wrong key", "alg none", "wrong issuer", "wrong audience" };

    private static readonly HashSet<string> ProblemMembers = ["type", "title", "status", "detail", "instance", "traceId"];

    private IReadOnlyList<ProtectedOperation> Operations()
    {
        var operations = ProtectedEndpoints.Of(factory.Services);
        Assert.Contains(operations, o => o.Template == "/api/auth/me");
        Assert.Contains(operations, o => o.AdminOnly);
        return operations;
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Every_protected_endpoint_refuses_a_bad_token_with_a_bare_401(string kind)
    {
        var tenant = await factory.CreateTenantAsync();
        var session = await factory.SignInAsync(tenant.Admin.Email, ApiFactory.Password);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var claims = new JsonWebTokenHandler().ReadJsonWebToken(session.AccessToken).Claims
            .Where(c => c.Type is not ("iss" or "aud" or "exp" or "nbf" or "iat")).ToList();

        // The control: the same claims, minted correctly, are accepted, so each refusal below is the defect's doing.
        await AssertAcceptedAsync(Mint(claims, ApiFactory.SigningKey, ApiFactory.Issuer, ApiFactory.Audience, now, now.AddMinutes(5)));
        string? token = kind switch
        {
            "none" => null,
            "garbage" => "not-a-jwt",
            "expired" => Mint(claims, ApiFactory.SigningKey, ApiFactory.Issuer, ApiFactory.Audience, now.AddHours(-2), now.AddHours(-1)),
            "wrong key" => Mint(claims, "another-signing-key-that-is-also-long-enough-for-hs256", ApiFactory.Issuer, ApiFactory.Audience, now, now.AddMinutes(5)),
            "alg none" => Unsigned(claims, now),
            "wrong issuer" => Mint(claims, ApiFactory.SigningKey, "https://evil.example", ApiFactory.Audience, now, now.AddMinutes(5)),
            "wrong audience" => Mint(claims, ApiFactory.SigningKey, ApiFactory.Issuer, "someone-else", now, now.AddMinutes(5)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var failures = new List<string>();
        foreach (var operation in Operations())
        {
            var response = await SendAsync(operation, token);
            if (await ProblemOnlyAsync(response, HttpStatusCode.Unauthorized) is { } failure)
            {
                failures.Add($"{operation}: {failure}");
            }
            else if (response.Headers.WwwAuthenticate.ToString() != "Bearer")
            {
                failures.Add($"{operation}: WWW-Authenticate '{response.Headers.WwwAuthenticate}'");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_rep_gets_403_with_a_bare_problem_from_every_admin_operation()
    {
        var tenant = await factory.CreateTenantAsync();
        var rep = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);

        var failures = new List<string>();
        foreach (var operation in Operations().Where(o => o.AdminOnly))
        {
            if (await ProblemOnlyAsync(await SendAsync(operation, rep.AccessToken), HttpStatusCode.Forbidden) is { } failure)
            {
                failures.Add($"{operation}: {failure}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task AssertAcceptedAsync(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(ProtectedOperation operation, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.Url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await factory.CreateClient().SendAsync(request);
    }

    /// <summary>Null when the answer is this status with a problem document that says nothing more than a problem's standard members.</summary>
    private static async Task<string?> ProblemOnlyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
        {
            return $"{(int)response.StatusCode} {body}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"media type {response.Content.Headers.ContentType?.MediaType}";
        }

        using var problem = JsonDocument.Parse(body);
        var extra = problem.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !ProblemMembers.Contains(n)).ToList();
        return extra.Count > 0 ? $"extra members {string.Join(", ", extra)}: {body}" : null;
    }

    private static string Mint(IEnumerable<Claim> claims, string key, string issuer, string audience, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>A token with every right claim and no signature at all (<c>"alg": "none"</c>).</summary>
    private static string Unsigned(IEnumerable<Claim> claims, DateTime now)
    {
        var payload = claims.ToDictionary(c => c.Type, object (c) => c.Value);
        payload["iss"] = ApiFactory.Issuer;
        payload["aud"] = ApiFactory.Audience;
        payload["nbf"] = new DateTimeOffset(now).ToUnixTimeSeconds();
        payload["exp"] = new DateTimeOffset(now.AddMinutes(5)).ToUnixTimeSeconds();
        static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));
        return $"{Encode(new Dictionary<string, string> { ["alg"] = "none", ["typ"] = "JWT" })}.{Encode(payload)}.";
    }
}
