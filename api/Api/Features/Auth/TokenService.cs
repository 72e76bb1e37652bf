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
    /// Within the grace a token still has exactly one successor: every presentation gets the same
    /// new refresh token (derived from the old one with a server key), never a fresh pair each.
    /// </summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(30);

    private readonly JwtOptions _options = options.Value;

    /// <summary>The session this unit of work revoked, to be announced to <see cref="SessionRevocations"/> once committed.</summary>
    public (Guid Organization, Guid Family)? RevokedSession { get; private set; }

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
        return await IssueAsync(token.User, token.FamilyId, token.Client, ct, Successor(presented));
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

    private async Task<int> RevokeFamilyAsync(Guid organizationId, Guid familyId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        RevokedSession = (organizationId, familyId);
        return await db.RefreshTokens.IgnoreQueryFilters()
            .Where(t => t.OrganizationId == organizationId && t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    /// <param name="successor">The refresh token replacing a presented one; null for a new session (a random one).</param>
    private async Task<TokenResponse> IssueAsync(User user, Guid familyId, string client, CancellationToken ct, string? successor = null)
    {
        var now = clock.GetUtcNow();
        var organization = user.Organization ?? await db.Organizations.SingleAsync(o => o.Id == user.OrganizationId, ct);

        // "<organization>.<random>": the prefix lets a refresh find its row within one tenant.
        var refresh = successor ?? $"{user.OrganizationId:N}.{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))}";
        var refreshExpires = now.AddDays(_options.RefreshTokenDays);

        // Concurrent refreshes with one token all derive the same successor: the first inserts it,
        // the others wait for that insert's transaction and then find it there.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO refresh_tokens (organization_id, id, user_id, family_id, token_hash, client, created_at, expires_at)
            VALUES ({user.OrganizationId}, {Guid.CreateVersion7()}, {user.Id}, {familyId}, {Hash(refresh)}, {client}, {now}, {refreshExpires})
            ON CONFLICT (organization_id, token_hash) DO NOTHING
            """, ct);

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
                new Claim(CurrentUser.PhoneRegionClaim, organization.DefaultRegion),
                new Claim(CurrentUser.ClientClaim, client),
                new Claim(CurrentUser.SessionClaim, familyId.ToString()),
            ]),
            SigningCredentials = new SigningCredentials(_options.CreateSigningKey(), SecurityAlgorithms.HmacSha256),
        });

        var me = new CurrentUserDto(user.Id, user.Email, user.DisplayName, user.Role, organization.Id, organization.Name, organization.DefaultRegion);
        return new TokenResponse(access, accessExpires, refresh, refreshExpires, me);
    }

    /// <summary>The organization a refresh token belongs to, from its "&lt;organization&gt;.&lt;random&gt;" form.</summary>
    public static Guid? ParseOrganization(string token) =>
        token.Length > 33 && token[32] == '.' && Guid.TryParseExact(token.AsSpan(0, 32), "N", out var id) ? id : null;

    /// <summary>
    /// The one refresh token that replaces <paramref name="presented"/>: keyed with a key derived from
    /// the signing key, so only the server can compute it and anyone presenting the same token gets it.
    /// </summary>
    private string Successor(string presented)
    {
        var key = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("refresh-token-successor\n" + _options.SigningKey));
        var mac = HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(presented));
        return $"{presented[..32]}.{Base64UrlEncoder.Encode(mac)}";
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
