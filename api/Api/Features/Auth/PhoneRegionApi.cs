using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Auth;

/// <summary>
/// The organization's phone region: the country national numbers are read in when reps type, import or capture them.
/// Stored numbers are E.164 already, so a change applies to numbers written from then on. Each session's validation
/// takes it from its access token, so it reaches a rep at the next refresh (the extension refreshes the Admin's own
/// session right after saving).
/// </summary>
public static class PhoneRegionApi
{
    public static IEndpointRouteBuilder MapPhoneRegionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Settings").RequireAuthorization().Validate();
        group.MapGet(ApiRoutes.PhoneRegionSettings, Get);
        group.MapPut(ApiRoutes.PhoneRegionSettings, Set).RequireAuthorization(Policies.Admin);
        return app;
    }

    public static async Task<Ok<PhoneRegionSettingsDto>> Get(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new PhoneRegionSettingsDto(await db.Organizations.Where(o => o.Id == db.TenantId).Select(o => o.DefaultRegion).SingleAsync(ct)));

    public static async Task<Ok<PhoneRegionSettingsDto>> Set(PhoneRegionSettingsDto request, AppDbContext db, CancellationToken ct)
    {
        var region = request.Region!.Trim().ToUpperInvariant();
        await db.Organizations.Where(o => o.Id == db.TenantId).ExecuteUpdateAsync(s => s.SetProperty(o => o.DefaultRegion, region), ct);
        return TypedResults.Ok(new PhoneRegionSettingsDto(region));
    }
}
