using System.Security.Claims;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>The caller of the current request, read from the validated access token.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public const string OrganizationClaim = "org";

    /// <summary>The organization's phone region when the token was issued (see <see cref="PhoneRegion"/>).</summary>
    public const string PhoneRegionClaim = "phone_region";
    public const string ClientClaim = "client";

    /// <summary>The session (refresh-token family) an access token belongs to.</summary>
    public const string SessionClaim = "sid";

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public Guid? UserId => Guid.TryParse(Principal?.FindFirstValue("sub"), out var id) ? id : null;

    public Guid? OrganizationId => Guid.TryParse(Principal?.FindFirstValue(OrganizationClaim), out var id) ? id : null;

    /// <summary>
    /// The region the caller's national phone numbers are validated in: the organization's as of the token (a change
    /// reaches each session at its next refresh); Sweden for a token without it.
    /// </summary>
    public string PhoneRegion => Shared.Values.PhoneNumber.KnownRegionOrDefault(Principal?.FindFirstValue(PhoneRegionClaim));

    public string Name => Principal?.FindFirstValue("name") ?? "unknown";

    public bool IsAdmin => Principal?.IsInRole(nameof(UserRole.Admin)) ?? false;

    /// <summary>
    /// Which client made the request, as the audit trail records it: the client its token was
    /// issued to at sign-in (never a header the caller sets per request).
    /// </summary>
    public string Channel =>
        Principal?.FindFirstValue(ClientClaim) is { } client && Channels.TokenClients.Contains(client) ? client : Channels.Api;

    /// <summary>The organization, for handlers behind authorization (where it is always present).</summary>
    public Guid RequiredOrganizationId => OrganizationId ?? throw new InvalidOperationException("No organization on an authorized request.");

    public Guid RequiredUserId => UserId ?? throw new InvalidOperationException("No user on an authorized request.");
}
