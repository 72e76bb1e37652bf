using System.Collections.Concurrent;
using ComplianceConnect.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplianceConnect.Api.Features.Auth;

/// <summary>
/// Ends a session's access tokens with the session, not 15 minutes later. Every access token of
/// the built-in issuer carries <c>sid</c>, its refresh-token family; on each request the family
/// is checked against a small cache that asks the database (<c>auth_session_revoked</c>) at most
/// once per <see cref="JwtOptions.SessionCheckSeconds"/> per session. A sign-out or a reuse
/// detected by this instance is known at once; one detected by another instance, within that
/// interval.
/// </summary>
public sealed class SessionRevocations(NpgsqlDataSource database, TimeProvider clock, IOptions<JwtOptions> options)
{
    private const int PruneAbove = 100_000;
    private readonly ConcurrentDictionary<(Guid Organization, Guid Family), Checked> _checked = new();
    private readonly TimeSpan _recheckAfter = TimeSpan.FromSeconds(options.Value.SessionCheckSeconds);

    /// <summary>A revoked family stays known as long as any of its access tokens can still be valid.</summary>
    private readonly TimeSpan _keepRevoked = TimeSpan.FromMinutes(options.Value.AccessTokenMinutes + 1);

    private sealed record Checked(bool Revoked, DateTimeOffset At);

    public async Task<bool> IsRevokedAsync(Guid organization, Guid family, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_checked.TryGetValue((organization, family), out var known)
            && (known.Revoked ? now - known.At < _keepRevoked : now - known.At < _recheckAfter))
        {
            return known.Revoked;
        }

        await using var command = database.CreateCommand("SELECT auth_session_revoked($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = organization });
        command.Parameters.Add(new NpgsqlParameter { Value = family });
        var revoked = (bool)(await command.ExecuteScalarAsync(ct))!;
        Prune(now);
        _checked[(organization, family)] = new Checked(revoked, now);
        return revoked;
    }

    /// <summary>Called once the revocation is committed.</summary>
    public void Revoked(Guid organization, Guid family) => _checked[(organization, family)] = new Checked(true, clock.GetUtcNow());

    private void Prune(DateTimeOffset now)
    {
        if (_checked.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (key, entry) in _checked)
        {
            if (now - entry.At > _keepRevoked)
            {
                _checked.TryRemove(key, out _);
            }
        }
    }

    /// <summary>
    /// <see cref="JwtBearerEvents.OnTokenValidated"/>: a validly signed token whose session ended, or
    /// that names no session, is refused. Tokens of an external authority have no family here.
    /// </summary>
    public static async Task CheckAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (services.GetRequiredService<IOptions<JwtOptions>>().Value.UsesExternalAuthority)
        {
            return;
        }

        var principal = context.Principal;
        if (!Guid.TryParse(principal?.FindFirst(CurrentUser.OrganizationClaim)?.Value, out var organization)
            || !Guid.TryParse(principal?.FindFirst(CurrentUser.SessionClaim)?.Value, out var family))
        {
            context.Fail("The token names no session.");
            return;
        }

        if (await services.GetRequiredService<SessionRevocations>().IsRevokedAsync(organization, family, context.HttpContext.RequestAborted))
        {
            context.Fail("The session has ended.");
        }
    }
}
