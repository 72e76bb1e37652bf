using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Auth;

public static class AuthApi
{
    public const string SignInRateLimit = "sign-in";
    public const string RefreshRateLimit = "refresh";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Auth).WithTags("Auth").Validate();

        group.MapPost("/sign-in", SignIn).RequireRateLimiting(SignInRateLimit);
        group.MapPost("/refresh", Refresh).RequireRateLimiting(RefreshRateLimit);
        group.MapPost("/sign-out", SignOut);
        group.MapGet("/me", Me).RequireAuthorization();
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignIn(
        SignInRequest request, AppDbContext db, IPasswordHasher<User> hasher, TokenService tokens, CancellationToken ct)
    {
        var email = User.Normalize(request.Email!);
        var candidates = await db.Users.IgnoreQueryFilters()
            .Include(u => u.Organization)
            .Where(u => u.EmailNormalized == email)
            .Where(u => request.Organization == null || u.Organization!.Slug == request.Organization)
            .ToListAsync(ct);

        // The same answer, in about the same time, for an unknown email and a wrong password:
        // sign-in must not reveal who has an account, so an unknown email still pays for one hash check.
        if (candidates.Count == 0)
        {
            Verify(hasher, TimingDecoy.Value, request.Password!);
        }

        var matches = candidates.Where(u => Verify(hasher, u, request.Password!)).ToList();
        if (matches.Count != 1)
        {
            return Problems.Failure(
                StatusCodes.Status401Unauthorized,
                matches.Count == 0 ? ValidationCodes.SignInFailed : ValidationCodes.SignInAmbiguous,
                "Sign-in failed",
                matches.Count == 0
                    ? "The email or password is incorrect."
                    : "This email belongs to several organizations: name the organization to sign in to.");
        }

        return TypedResults.Ok(await tokens.IssueAsync(matches[0], ct));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(RefreshRequest request, TokenService tokens, CancellationToken ct) =>
        await tokens.RefreshAsync(request.RefreshToken!, ct) is { } response
            ? TypedResults.Ok(response)
            : Problems.Failure(
                StatusCodes.Status401Unauthorized,
                ValidationCodes.SessionEnded,
                "Session ended",
                "The refresh token is invalid, expired or was already used. Sign in again.");

    public static async Task<NoContent> SignOut(SignOutRequest request, TokenService tokens, CancellationToken ct)
    {
        await tokens.RevokeAsync(request.RefreshToken!, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CurrentUserDto>, NotFound>> Me(CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Organization).SingleOrDefaultAsync(u => u.Id == me.UserId, ct);
        return user?.Organization is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new CurrentUserDto(user.Id, user.Email, user.DisplayName, user.Role, user.OrganizationId, user.Organization.Name));
    }

    /// <summary>A user with a real hash that no password matches, checked when the email is unknown.</summary>
    private static readonly Lazy<User> TimingDecoy = new(() =>
    {
        var decoy = new User { Email = "", EmailNormalized = "", DisplayName = "" };
        decoy.PasswordHash = new PasswordHasher<User>().HashPassword(decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        return decoy;
    });

    private static bool Verify(IPasswordHasher<User> hasher, User user, string password) =>
        hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}
