using System.Security.Claims;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>The caller of the current request, read from the validated access token.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public const string OrganizationClaim = "org";
    public const string ChannelHeader = "X-Client";

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public Guid? UserId => Guid.TryParse(Principal?.FindFirstValue("sub"), out var id) ? id : null;

    public Guid? OrganizationId => Guid.TryParse(Principal?.FindFirstValue(OrganizationClaim), out var id) ? id : null;

    public string Name => Principal?.FindFirstValue("name") ?? "unknown";

    public bool IsAdmin => Principal?.IsInRole(nameof(UserRole.Admin)) ?? false;

    /// <summary>Which client made the request, as the audit trail records it.</summary>
    public string Channel =>
        accessor.HttpContext?.Request.Headers[ChannelHeader].ToString() switch
        {
            "extension" => "extension",
            "web-app" => "web-app",
            _ => "api",
        };

    /// <summary>The organization, for handlers behind authorization (where it is always present).</summary>
    public Guid RequiredOrganizationId => OrganizationId ?? throw new InvalidOperationException("No organization on an authorized request.");

    public Guid RequiredUserId => UserId ?? throw new InvalidOperationException("No user on an authorized request.");
}
