using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Auth;

public static class AuthApi
{
    public const string RefreshRateLimit = "refresh";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Auth).WithTags("Auth").Validate();

        group.MapPost("/sign-in", SignIn).WithMetadata(new ApiDocument.ThrottledMetadata()).ProducesProblem(StatusCodes.Status401Unauthorized); // limited by SignInThrottle, which counts failures only
        group.MapPost("/refresh", Refresh).RequireRateLimiting(RefreshRateLimit).ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/sign-out", SignOut);
        group.MapGet("/me", Me).RequireAuthorization();
        return app;
    }

    /// <summary>
    /// Every sign-in verifies exactly this many password hashes (more only for an email in more
    /// organizations than this), padding with a decoy, so its cost does not tell whether the email
    /// is unknown, in one organization or in two.
    /// </summary>
    public const int HashesPerSignIn = 2;

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext http, AppDbContext db, UnitOfWork work, IPasswordHasher<User> hasher, TokenService tokens,
        SignInThrottle throttle, IConfiguration configuration, CancellationToken ct)
    {
        var email = User.Normalize(request.Email!);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(email, address) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Failure(StatusCodes.Status429TooManyRequests, ValidationCodes.RateLimited, "Too many requests", $"Try again in {seconds} seconds.");
        }

        var candidates = (await FindCandidatesAsync(db, email, ct))
            .Where(c => request.Organization == null || c.OrganizationSlug == request.Organization)
            .ToList();

        // The same answer, at the same cost, for an unknown email and a wrong password: sign-in must
        // not reveal who has an account (or in how many organizations).
        var matches = candidates.Where(c => Verify(hasher, c.PasswordHash, request.Password!)).ToList();
        for (var padding = candidates.Count; padding < HashesPerSignIn; padding++)
        {
            Verify(hasher, TimingDecoy.Value.PasswordHash, request.Password!);
        }

        if (matches.Count != 1)
        {
            if (matches.Count == 0)
            {
                throttle.Failed(email, address);
            }

            return Problems.Failure(
                StatusCodes.Status401Unauthorized,
                matches.Count == 0 ? ValidationCodes.SignInFailed : ValidationCodes.SignInAmbiguous,
                "Sign-in failed",
                matches.Count == 0
                    ? "The email or password is incorrect."
                    : "This email belongs to several organizations: name the organization to sign in to.");
        }

        throttle.Succeeded(email);

        // Only now is the organization known: the rest of sign-in runs inside its scope.
        var match = matches[0];
        var client = ClientOf(http, configuration);
        await using var unit = await work.BeginAsync(new WorkContext(match.OrganizationId, Actor.User(match.UserId, "sign-in"), client), ct);
        var user = await db.Users.Include(u => u.Organization).SingleAsync(u => u.Id == match.UserId, ct);
        var response = await tokens.IssueAsync(user, client, ct);
        await unit.CommitAsync(ct);
        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, UnitOfWork work, TokenService tokens, SessionRevocations revocations, CancellationToken ct)
    {
        TokenResponse? response = null;
        if (TokenService.ParseOrganization(request.RefreshToken!) is { } organization)
        {
            await using var unit = await work.BeginAsync(new WorkContext(organization, Actor.System("session"), Channels.Api), ct);
            response = await tokens.RefreshAsync(request.RefreshToken!, ct);
            await unit.CommitAsync(ct); // a reuse revokes the family: that must stick even though the answer is 401
            if (tokens.RevokedSession is { } ended)
            {
                revocations.Revoked(ended.Organization, ended.Family);
            }
        }

        return response is not null
            ? TypedResults.Ok(response)
            : Problems.Failure(
                StatusCodes.Status401Unauthorized,
                ValidationCodes.SessionEnded,
                "Session ended",
                "The refresh token is invalid, expired or was already used. Sign in again.");
    }

    public static async Task<NoContent> SignOut(
        SignOutRequest request, UnitOfWork work, TokenService tokens, SessionRevocations revocations, CancellationToken ct)
    {
        if (TokenService.ParseOrganization(request.RefreshToken!) is { } organization)
        {
            await using var unit = await work.BeginAsync(new WorkContext(organization, Actor.System("session"), Channels.Api), ct);
            await tokens.RevokeAsync(request.RefreshToken!, ct);
            await unit.CommitAsync(ct);
            if (tokens.RevokedSession is { } ended)
            {
                revocations.Revoked(ended.Organization, ended.Family); // its access tokens stop working now
            }
        }

        return TypedResults.NoContent();
    }

    /// <summary>
    /// The client a session belongs to, fixed at sign-in from the browser-set Origin: the extension's
    /// own origin, another allowed origin (the web app), or neither (a plain API client).
    /// </summary>
    private static string ClientOf(HttpContext http, IConfiguration configuration)
    {
        var origin = http.Request.Headers.Origin.ToString();
        var allowed = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (origin.Length == 0 || !allowed.Contains(origin, StringComparer.Ordinal))
        {
            return Channels.Api;
        }

        return origin.StartsWith("chrome-extension://", StringComparison.Ordinal) ? Channels.Extension : Channels.WebApp;
    }

    private sealed record SignInCandidate(Guid OrganizationId, Guid UserId, string OrganizationSlug, string PasswordHash);

    /// <summary>
    /// Users with this email in any organization, through the schema owner's SECURITY DEFINER function:
    /// before the organization is known, row-level security lets the API's role see no user at all.
    /// </summary>
    private static async Task<List<SignInCandidate>> FindCandidatesAsync(AppDbContext db, string email, CancellationToken ct)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT organization_id, user_id, organization_slug, password_hash FROM auth_find_users($1)", connection);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = email });
            await using var reader = await command.ExecuteReaderAsync(ct);
            var found = new List<SignInCandidate>();
            while (await reader.ReadAsync(ct))
            {
                found.Add(new(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
            }

            return found;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<Results<Ok<CurrentUserDto>, NotFound>> Me(CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Organization).SingleOrDefaultAsync(u => u.Id == me.UserId, ct);
        return user?.Organization is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new CurrentUserDto(user.Id, user.Email, user.DisplayName, user.Role, user.OrganizationId, user.Organization.Name,
                user.Organization.DefaultRegion));
    }

    /// <summary>A user with a real hash that no password matches, checked when the email is unknown.</summary>
    private static readonly Lazy<User> TimingDecoy = new(() =>
    {
        var decoy = new User { Email = "", EmailNormalized = "", DisplayName = "" };
        decoy.PasswordHash = new PasswordHasher<User>().HashPassword(decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        return decoy;
    });

    private static bool Verify(IPasswordHasher<User> hasher, string hash, string password) =>
        hasher.VerifyHashedPassword(TimingDecoy.Value, hash, password) != PasswordVerificationResult.Failed;
}
