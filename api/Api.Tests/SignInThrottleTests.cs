using System.Net;
using System.Text.Json;
using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace ComplianceConnect.Api.Tests;

/// <summary>A host of its own with the product's per-address budget and a clock the tests move.</summary>
public sealed class ThrottledSignInApiFactory : ApiFactory
{
    protected override int SignInPermitLimit => 10;
}

public sealed class SignInThrottleTests(ThrottledSignInApiFactory factory) : IClassFixture<ThrottledSignInApiFactory>
{
    /// <summary>A sign-in as if from <paramref name="address"/> (TestServer has no sockets of its own).</summary>
    private async Task<HttpResponse> SignInFromAsync(string address, string email, string password)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new SignInRequest(email, password), Json.Options);
        var context = await factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = "/api/auth/sign-in";
            c.Request.ContentType = "application/json";
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
        });
        return context.Response;
    }

    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private static int RetryAfterSeconds(HttpResponse response) => int.Parse(response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Guesses_at_one_account_from_many_addresses_put_it_in_a_backoff_the_right_password_does_not_skip()
    {
        var tenant = await factory.CreateTenantAsync();
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, (await SignInFromAsync($"127.0.0.{i + 1}", tenant.Rep.Email, "guess " + i)).StatusCode);
        }

        var right = await SignInFromAsync("127.0.0.99", tenant.Rep.Email, ApiFactory.Password);

        Assert.Equal(StatusCodes.Status429TooManyRequests, right.StatusCode);
        Assert.True(RetryAfterSeconds(right) > 0);
        Assert.Equal(StatusCodes.Status200OK, (await SignInFromAsync("127.0.0.99", tenant.Admin.Email, ApiFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task The_backoff_ends_by_itself_and_then_the_right_password_signs_in()
    {
        var tenant = await factory.CreateTenantAsync();
        for (var i = 0; i < SignInThrottle.FreeFailures + 2; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(10));
            await SignInFromAsync($"10.0.0.{i + 1}", tenant.Rep.Email, "guess " + i);
        }

        var waiting = await SignInFromAsync("10.0.1.1", tenant.Rep.Email, ApiFactory.Password);
        factory.Clock.Advance(TimeSpan.FromSeconds(RetryAfterSeconds(waiting)));
        var after = await SignInFromAsync("10.0.1.1", tenant.Rep.Email, ApiFactory.Password);

        Assert.Equal(StatusCodes.Status429TooManyRequests, waiting.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, after.StatusCode);
    }

    [Fact]
    public async Task An_offices_successful_sign_ins_do_not_use_up_its_addresss_budget()
    {
        var tenant = await factory.CreateTenantAsync();

        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await SignInFromAsync("192.0.2.10", i % 2 == 0 ? tenant.Rep.Email : tenant.Admin.Email, ApiFactory.Password)).StatusCode);
        }
    }

    [Fact]
    public async Task Failures_for_many_accounts_from_one_address_are_limited_per_address()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await SignInFromAsync("198.51.100.7", $"sprayed-{i}-{Guid.NewGuid():N}@example.com", "Winter2026!")).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(StatusCodes.Status401Unauthorized, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(StatusCodes.Status429TooManyRequests, s));
    }

    [Fact]
    public void The_wait_doubles_from_one_second_after_the_fifth_failure_up_to_fifteen_minutes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new SignInThrottle(clock, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimiting:SignInPermitLimit"] = "1000" }).Build());
        var waits = new List<double>();
        for (var i = 1; i <= 20; i++)
        {
            throttle.Failed("jane@example.com", "203.0.113.1");
            waits.Add(throttle.RetryAfter("jane@example.com", "203.0.113.1")?.TotalSeconds ?? 0);
            clock.Advance(throttle.RetryAfter("jane@example.com", "203.0.113.1") ?? TimeSpan.Zero);
        }

        Assert.Equal([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900, 900, 900], waits);
        Assert.Null(throttle.RetryAfter("jane@example.com", "203.0.113.1"));
    }

    [Fact]
    public async Task A_throttled_sign_in_is_a_429_problem_with_code_rate_limited()
    {
        var email = $"throttled-{Guid.NewGuid():N}@example.com";
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            await SignInFromAsync($"172.16.0.{i + 1}", email, "guess");
        }

        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/auth/sign-in", new StringContent(JsonSerializer.Serialize(new SignInRequest(email, "again"), Json.Options), System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(ValidationCodes.RateLimited, problem.Code);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
