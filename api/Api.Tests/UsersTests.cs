using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class UsersTests(ApiFactory factory)
{
    [Fact]
    public async Task A_rep_is_forbidden_from_user_management()
    {
        var tenant = await factory.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();

        await (await rep.GetAsync("/api/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var create = await rep.PostAsJsonAsync("/api/users", new CreateUserRequest("x@example.com", "X", "long enough password", UserRole.Admin), Json.Options);
        await create.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_lists_only_their_own_organizations_users_and_creates_one_who_can_sign_in()
    {
        var tenant = await factory.CreateTenantAsync();
        await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();

        var email = $"new.rep.{Guid.NewGuid():N}@example.com";
        var created = await (await admin.PostAsJsonAsync("/api/users", new CreateUserRequest(email, "New Rep", "a long new password", UserRole.Rep), Json.Options))
            .ReadAsync<UserDto>(HttpStatusCode.Created);
        var users = await (await admin.GetAsync("/api/users")).ReadAsync<List<UserDto>>();

        Assert.Equal(UserRole.Rep, created.Role);
        Assert.Equal(["Alice Admin", "New Rep", "Robert Rep"], users.Select(u => u.DisplayName));
        var tokens = await factory.SignInAsync(email, "a long new password");
        Assert.Equal(tenant.Organization.Id, tokens.User.OrganizationId);
    }

    [Fact]
    public async Task Creating_a_user_with_a_short_password_and_unknown_role_names_both_fields()
    {
        var admin = await (await factory.CreateTenantAsync()).AdminClientAsync();
        var content = new StringContent("""{"email":"x@example.com","displayName":"X","password":"short","role":"Boss"}""", System.Text.Encoding.UTF8, "application/json");

        var roleErrors = await (await admin.PostAsync("/api/users", content)).AssertFieldErrorAsync("role");
        Assert.Contains("Allowed values: Admin, Rep", roleErrors[0]);

        var shortPassword = await admin.PostAsJsonAsync("/api/users", new CreateUserRequest("x@example.com", "X", "short", UserRole.Rep), Json.Options);
        Assert.Contains("at least 12", (await shortPassword.AssertFieldErrorAsync("password"))[0]);
    }

    [Fact]
    public async Task A_duplicate_user_email_is_a_conflict()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/api/users", new CreateUserRequest(tenant.Rep.Email, "Again", "a long new password", UserRole.Rep), Json.Options);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Simultaneous_creates_of_one_email_make_one_user_and_a_conflict()
    {
        var admin = await (await factory.CreateTenantAsync()).AdminClientAsync();
        var request = new CreateUserRequest($"twice-{Guid.NewGuid():N}@example.com", "Twice", "a long new password", UserRole.Rep);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostAsJsonAsync("/api/users", request, Json.Options)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }
}
