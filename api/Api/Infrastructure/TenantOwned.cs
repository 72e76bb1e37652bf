namespace ComplianceConnect.Api.Infrastructure;

/// <summary>
/// A row that belongs to one organization. Its keys and indexes start with the organization id,
/// and <see cref="AppDbContext"/> filters every query to the caller's organization.
/// </summary>
public interface ITenantOwned
{
    Guid OrganizationId { get; set; }
}
