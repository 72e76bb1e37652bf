using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Api.Tests;

/// <summary>Counts password-hash verifications: the expensive part of sign-in, whose number must not depend on who exists.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class CountingHasherApiFactory : ApiFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IPasswordHasher<User>>(Hasher));
}

public sealed class SignInCostTests(CountingHasherApiFactory factory) : IClassFixture<CountingHasherApiFactory>
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "unknown", false },
        { "one organization", false },
        { "one organization", true },
        { "two organizations", false },
        { "two organizations", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Sign_in_verifies_the_same_number_of_hashes_whether_the_email_is_unknown_or_in_one_or_two_organizations(string where, bool rightPassword)
    {
        var first = await factory.CreateTenantAsync();
        var email = where == "unknown" ? $"nobody-{Guid.NewGuid():N}@example.com" : first.Rep.Email;
        if (where == "two organizations")
        {
            var second = await factory.CreateTenantAsync();
            var admin = await second.AdminClientAsync();
            await (await admin.PostAsJsonAsync("/api/users", new CreateUserRequest(email, "Twin", ApiFactory.Password, UserRole.Rep), Json.Options))
                .ReadAsync<UserDto>(HttpStatusCode.Created);
        }

        var before = factory.Hasher.Verifications;
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(email, rightPassword ? ApiFactory.Password : "wrong password"), Json.Options);
        var verified = factory.Hasher.Verifications - before;

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(AuthApi.HashesPerSignIn, verified);
    }
}
