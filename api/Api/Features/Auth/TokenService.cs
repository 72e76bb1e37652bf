using System.Security.Claims;
using System.Security.Cryptography;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceConnect.Api.Features.Auth;

/// <summary>Issues access tokens and rotates refresh tokens.</summary>
public sealed class TokenService(AppDbContext db, IOptions<JwtOptions> options, TimeProvider clock)
{
    /// <summary>
    /// How long a just-replaced refresh token still works. Two extension pages refreshing at once,
    /// or a popup closed while its refresh was in flight, present the same token within moments:
    /// that is a race, not theft, and must not sign the rep out. Later reuse still ends the session.
    /// </summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(30);

    private readonly JwtOptions _options = options.Value;

    /// <summary>Starts a new session (a new refresh-token family).</summary>
    public Task<TokenResponse> IssueAsync(User user, string client, CancellationToken ct) => IssueAsync(user, Guid.CreateVersion7(), client, ct);

    /// <summary>
    /// Redeems a refresh token. Returns null when it is unknown, expired or revoked; a token that
    /// was replaced longer than <see cref="ReuseGrace"/> ago revokes its whole family, since only a
    /// thief would present it again.
    /// </summary>
    public async Task<TokenResponse?> RefreshAsync(string presented, CancellationToken ct)
    {
        if (ParseOrganization(presented) is not { } organizationId)
        {
            return null;
        }

        var hash = Hash(presented);
        var token = await db.RefreshTokens.IgnoreQueryFilters()
            .Include(t => t.User).ThenInclude(u => u!.Organization)
            .SingleOrDefaultAsync(t => t.OrganizationId == organizationId && t.TokenHash == hash, ct);
        var now = clock.GetUtcNow();
        if (token?.User is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }

        if (token.ReplacedAt is { } replacedAt && now - replacedAt > ReuseGrace)
        {
            await RevokeFamilyAsync(organizationId, token.FamilyId, ct);
            return null;
        }

        // Conditional update, so the replacement time is set once; a simultaneous refresh with the
        // same token finds it already set, which is within the grace period by definition.
        await db.RefreshTokens.IgnoreQueryFilters()
            .Where(t => t.OrganizationId == organizationId && t.Id == token.Id && t.ReplacedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplacedAt, now), ct);
        return await IssueAsync(token.User, token.FamilyId, token.Client, ct);
    }

    /// <summary>Ends the session the token belongs to. Unknown tokens are ignored (sign-out is idempotent).</summary>
    public async Task RevokeAsync(string presented, CancellationToken ct)
    {
        if (ParseOrganization(presented) is not { } organizationId)
        {
            return;
        }

        var hash = Hash(presented);
        var familyId = await db.RefreshTokens.IgnoreQueryFilters()
            .Where(t => t.OrganizationId == organizationId && t.TokenHash == hash)
            .Select(t => (Guid?)t.FamilyId)
            .SingleOrDefaultAsync(ct);
        if (familyId is { } family)
        {
            await RevokeFamilyAsync(organizationId, family, ct);
        }
    }

    private Task<int> RevokeFamilyAsync(Guid organizationId, Guid familyId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.IgnoreQueryFilters()
            .Where(t => t.OrganizationId == organizationId && t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    private async Task<TokenResponse> IssueAsync(User user, Guid familyId, string client, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var organization = user.Organization ?? await db.Organizations.SingleAsync(o => o.Id == user.OrganizationId, ct);

        // "<organization>.<random>": the prefix lets a refresh find its row within one tenant.
        var refresh = $"{user.OrganizationId:N}.{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))}";
        var refreshExpires = now.AddDays(_options.RefreshTokenDays);
        db.RefreshTokens.Add(new RefreshToken
        {
            OrganizationId = user.OrganizationId,
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = Hash(refresh),
            Client = client,
            CreatedAt = now,
            ExpiresAt = refreshExpires,
        });
        await db.SaveChangesAsync(ct);

        var accessExpires = now.AddMinutes(_options.AccessTokenMinutes);
        var access = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = accessExpires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim("jti", Guid.NewGuid().ToString("N")),
                new Claim("sub", user.Id.ToString()),
                new Claim("name", user.DisplayName),
                new Claim("email", user.Email),
                new Claim("role", user.Role.ToString()),
                new Claim(CurrentUser.OrganizationClaim, user.OrganizationId.ToString()),
                new Claim(CurrentUser.ClientClaim, client),
                new Claim("sid", familyId.ToString()),
            ]),
            SigningCredentials = new SigningCredentials(_options.CreateSigningKey(), SecurityAlgorithms.HmacSha256),
        });

        var me = new CurrentUserDto(user.Id, user.Email, user.DisplayName, user.Role, organization.Id, organization.Name);
        return new TokenResponse(access, accessExpires, refresh, refreshExpires, me);
    }

    /// <summary>The organization a refresh token belongs to, from its "&lt;organization&gt;.&lt;random&gt;" form.</summary>
    public static Guid? ParseOrganization(string token) =>
        token.Length > 33 && token[32] == '.' && Guid.TryParseExact(token.AsSpan(0, 32), "N", out var id) ? id : null;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
