using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Infrastructure;

public static class Policies
{
    public const string Admin = "admin";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options) =>
        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(nameof(UserRole.Admin)));
}
