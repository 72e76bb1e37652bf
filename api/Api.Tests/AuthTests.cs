using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuthTests(ApiFactory factory)
{
    [Fact]
    public async Task Sign_in_returns_tokens_and_the_user_with_organization()
    {
        var tenant = await factory.CreateTenantAsync();

        var tokens = await factory.SignInAsync(tenant.Rep.Email.ToUpperInvariant(), ApiFactory.Password);

        Assert.Equal(tenant.Rep.Id, tokens.User.Id);
        Assert.Equal("Robert Rep", tokens.User.DisplayName);
        Assert.Equal(UserRole.Rep, tokens.User.Role);
        Assert.Equal(tenant.Organization.Name, tokens.User.OrganizationName);
        Assert.True(tokens.AccessTokenExpiresAt > factory.Clock.GetUtcNow());
        Assert.True(tokens.RefreshTokenExpiresAt > tokens.AccessTokenExpiresAt);

        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var me = await (await client.GetAsync("/api/auth/me")).ReadAsync<CurrentUserDto>();
        Assert.Equal(tenant.Rep.Email, me.Email);
        Assert.Equal(tenant.Organization.Id, me.OrganizationId);
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("")]
    public async Task Sign_in_with_a_wrong_or_missing_password_is_refused(string password)
    {
        var tenant = await factory.CreateTenantAsync();

        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(tenant.Rep.Email, password), Json.Options);

        if (password.Length == 0)
        {
            Assert.Contains("Is required.", await response.AssertFieldErrorAsync("password"));
        }
        else
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("The email or password is incorrect.", problem.Detail);
        }
    }

    [Fact]
    public async Task Sign_in_for_an_unknown_email_gives_the_same_answer_as_a_wrong_password()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("nobody@example.com", "whatever it is"), Json.Options);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The email or password is incorrect.", problem.Detail);
    }

    [Fact]
    public async Task An_email_in_two_organizations_signs_in_with_the_organization_named()
    {
        var first = await factory.CreateTenantAsync();
        var second = await factory.CreateTenantAsync();
        var admin = await second.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/users", new CreateUserRequest(first.Rep.Email, "Twin", ApiFactory.Password, UserRole.Rep), Json.Options))
            .ReadAsync<UserDto>(HttpStatusCode.Created);
        var client = factory.CreateClient();

        var ambiguous = await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(first.Rep.Email, ApiFactory.Password), Json.Options);
        var named = await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(first.Rep.Email, ApiFactory.Password, second.Organization.Slug), Json.Options);

        Assert.Contains("several organizations", (await ambiguous.AssertProblemAsync(HttpStatusCode.Unauthorized)).Detail);
        Assert.Equal(second.Organization.Id, (await named.ReadAsync<TokenResponse>()).User.OrganizationId);
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token()
    {
        var tenant = await factory.CreateTenantAsync();
        var first = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);

        var second = await (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(first.RefreshToken), Json.Options)).ReadAsync<TokenResponse>();

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(tenant.Rep.Id, second.User.Id);
    }

    [Fact]
    public async Task A_refresh_token_of_another_shape_or_a_forged_organization_prefix_is_refused()
    {
        var tenant = await factory.CreateTenantAsync();
        var tokens = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        var forged = Guid.NewGuid().ToString("N") + tokens.RefreshToken[32..];
        var client = factory.CreateClient();

        await (await client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest("garbage"), Json.Options)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(forged), Json.Options)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sign_out_revokes_the_refresh_token()
    {
        var tenant = await factory.CreateTenantAsync();
        var tokens = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        var client = factory.CreateClient();

        var signOut = await client.PostAsJsonAsync("/api/auth/sign-out", new SignOutRequest(tokens.RefreshToken), Json.Options);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);

        var refresh = await client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(tokens.RefreshToken), Json.Options);
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_request_without_a_token_is_unauthorized()
    {
        var response = await factory.CreateClient().GetAsync("/api/contacts");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string> BadTokens => new() { "expired", "other-key", "wrong-audience", "wrong-issuer", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_fails_validation_is_unauthorized(string kind)
    {
        var tenant = await factory.CreateTenantAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var token = kind switch
        {
            "expired" => Mint(tenant, ApiFactory.SigningKey, ApiFactory.Audience, ApiFactory.Issuer, now.AddHours(-2), now.AddHours(-1)),
            "other-key" => Mint(tenant, "another-signing-key-that-is-also-long-enough-for-hs256", ApiFactory.Audience, ApiFactory.Issuer, now, now.AddMinutes(5)),
            "wrong-audience" => Mint(tenant, ApiFactory.SigningKey, "someone-else", ApiFactory.Issuer, now, now.AddMinutes(5)),
            "wrong-issuer" => Mint(tenant, ApiFactory.SigningKey, ApiFactory.Audience, "https://evil.example", now, now.AddMinutes(5)),
            _ => "not-a-jwt",
        };
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/contacts");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_correctly_minted_token_is_accepted()
    {
        // The control for the theory above: the minting helper itself produces valid tokens.
        var tenant = await factory.CreateTenantAsync();
        var session = SessionOf(await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Mint(tenant, ApiFactory.SigningKey, ApiFactory.Audience, ApiFactory.Issuer, factory.Clock.GetUtcNow().UtcDateTime, factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), session));

        var response = await client.GetAsync("/api/contacts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_validly_signed_token_without_a_live_session_is_unauthorized(bool madeUpSession)
    {
        var tenant = await factory.CreateTenantAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Mint(tenant, ApiFactory.SigningKey, ApiFactory.Audience, ApiFactory.Issuer, now, now.AddMinutes(5), madeUpSession ? Guid.NewGuid().ToString() : null));

        await (await client.GetAsync("/api/contacts")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task After_sign_out_the_sessions_access_token_is_refused_at_once()
    {
        var tenant = await factory.CreateTenantAsync();
        var tokens = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-out", new SignOutRequest(tokens.RefreshToken), Json.Options);

        await (await client.GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Twenty_concurrent_refreshes_with_one_token_all_get_the_same_single_successor()
    {
        var tenant = await factory.CreateTenantAsync();
        var tokens = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        var client = factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(tokens.RefreshToken), Json.Options)));
        var renewed = await Task.WhenAll(responses.Select(r => r.ReadAsync<TokenResponse>()));

        Assert.Single(renewed.Select(r => r.RefreshToken).Distinct());
        await using var owner = new Npgsql.NpgsqlConnection(factory.OwnerConnectionString);
        await owner.OpenAsync();
        await using var live = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM refresh_tokens WHERE organization_id = $1 AND family_id = $2 AND revoked_at IS NULL AND replaced_at IS NULL", owner)
        {
            Parameters = { new() { Value = tenant.Organization.Id }, new() { Value = Guid.Parse(SessionOf(tokens)) } },
        };
        Assert.Equal(1L, await live.ExecuteScalarAsync());
    }

    /// <summary>The session (refresh-token family) an access token belongs to.</summary>
    public static string SessionOf(TokenResponse tokens) => new JsonWebTokenHandler().ReadJsonWebToken(tokens.AccessToken).GetClaim("sid").Value;

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_the_body()
    {
        var content = new StringContent("{\"email\": \"a@b.c\", \"password\": ", Encoding.UTF8, "application/json");

        var response = await factory.CreateClient().PostAsync("/api/auth/sign-in", content);

        Assert.NotEmpty(await response.AssertFieldErrorAsync("password"));
    }

    [Fact]
    public async Task A_wrongly_typed_field_is_a_400_problem_naming_that_field()
    {
        var content = new StringContent("{\"email\": 42, \"password\": \"x\"}", Encoding.UTF8, "application/json");

        var response = await factory.CreateClient().PostAsync("/api/auth/sign-in", content);

        Assert.NotEmpty(await response.AssertFieldErrorAsync("email"));
    }

    [Fact]
    public async Task Incomplete_json_names_every_missing_field()
    {
        var content = new StringContent("{}", Encoding.UTF8, "application/json");

        var response = await factory.CreateClient().PostAsync("/api/auth/sign-in", content);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["email", "password"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task A_missing_body_is_a_400_problem()
    {
        var response = await factory.CreateClient().PostAsync("/api/auth/sign-in", new StringContent("", Encoding.UTF8, "application/json"));

        Assert.NotEmpty(await response.AssertFieldErrorAsync("body"));
    }

    private static string Mint(TestTenant tenant, string key, string audience, string issuer, DateTime notBefore, DateTime expires, string? session = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", tenant.Rep.Id.ToString()),
                new Claim("name", tenant.Rep.DisplayName),
                new Claim("role", "Rep"),
                new Claim("org", tenant.Organization.Id.ToString()),
                .. session is null ? Array.Empty<Claim>() : [new Claim("sid", session)],
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
