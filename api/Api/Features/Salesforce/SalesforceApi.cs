using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Salesforce;

/// <summary>
/// The organization's Salesforce connection (Admin only): connect or change it (secrets are
/// write-only), disconnect, test it, ask for a run, and see the last run and the pending pushes.
/// </summary>
public static class SalesforceApi
{
    public static IEndpointRouteBuilder MapSalesforceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.SalesforceSettings).WithTags("Salesforce").RequireAuthorization(Policies.Admin).Validate();
        group.MapGet("", Get);
        group.MapPut("", Put);
        group.MapDelete("", Delete);
        group.MapPost("/test", Test);
        group.MapPost("/runs", RequestRun);
        return app;
    }

    public static async Task<Ok<SalesforceConnectionDto>> Get(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await DtoAsync(db, await db.SalesforceConnections.AsNoTracking().SingleOrDefaultAsync(ct), ct));

    public static async Task<Results<Ok<SalesforceConnectionDto>, ValidationProblem>> Put(
        SalesforceConnectionRequest request, AppDbContext db, SalesforceSecrets secrets, SalesforceTokens tokens, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var organization = db.TenantId!.Value;
        var connection = await db.SalesforceConnections.SingleOrDefaultAsync(ct);
        var instanceUrl = request.InstanceUrl!.Trim().TrimEnd('/');
        var clientId = request.ClientId!.Trim();
        if (connection is null)
        {
            connection = new SalesforceConnection { InstanceUrl = instanceUrl, ClientId = clientId, CreatedAt = now, NextRunAt = now.AddMinutes(request.IntervalMinutes ?? 60) };
            db.SalesforceConnections.Add(connection);
        }
        else if (connection.InstanceUrl != instanceUrl)
        {
            // Another Salesforce org: its SystemModstamps say nothing about this one's.
            connection.ContactWatermark = null;
            connection.LeadWatermark = null;
        }

        connection.InstanceUrl = instanceUrl;
        connection.ClientId = clientId;
        connection.AuthKind = request.AuthKind!.Value;
        connection.IntervalMinutes = request.IntervalMinutes ?? connection.IntervalMinutes;
        connection.UpdatedAt = now;
        if (TextValue.OrNull(request.ClientSecret) is { } secret)
        {
            connection.ProtectedClientSecret = secrets.Protect(organization, secret);
        }

        if (TextValue.OrNull(request.RefreshToken) is { } refresh)
        {
            connection.ProtectedRefreshToken = secrets.Protect(organization, refresh);
        }

        if (connection.AuthKind == SalesforceAuthKind.ClientCredentials && connection.ProtectedClientSecret is null)
        {
            return Problems.Validation(nameof(request.ClientSecret), ValidationCodes.SalesforceSecretRequired, "Is required for the client credentials flow.");
        }

        if (connection.AuthKind == SalesforceAuthKind.RefreshToken && connection.ProtectedRefreshToken is null)
        {
            return Problems.Validation(nameof(request.RefreshToken), ValidationCodes.SalesforceSecretRequired, "Is required to sign in with a refresh token.");
        }

        await db.SaveChangesAsync(ct);
        tokens.ForgetOrganization(organization);
        return TypedResults.Ok(await DtoAsync(db, connection, ct));
    }

    /// <summary>Forgets the credentials and what was still to be pushed; the run history stays.</summary>
    public static async Task<NoContent> Delete(AppDbContext db, SalesforceTokens tokens, CancellationToken ct)
    {
        await db.SalesforceOutbox.Where(o => o.Status == SalesforcePushStatus.Pending).ExecuteDeleteAsync(ct);
        await db.SalesforceConnections.ExecuteDeleteAsync(ct);
        tokens.ForgetOrganization(db.TenantId!.Value);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SalesforceTestResultDto>, ProblemHttpResult>> Test(
        AppDbContext db, SalesforceSecrets secrets, SalesforceClient client, ILogger<SalesforceClient> logger, CancellationToken ct)
    {
        if (await db.SalesforceConnections.AsNoTracking().SingleOrDefaultAsync(ct) is not { } connection)
        {
            return NotConnected();
        }

        try
        {
            await client.TestAsync(secrets.CredentialsOf(connection), ct);
            return TypedResults.Ok(new SalesforceTestResultDto(true, null, null));
        }
        catch (SalesforceException e) when (e.IsAuthFailure)
        {
            return TypedResults.Ok(new SalesforceTestResultDto(false, ValidationCodes.SalesforceAuthFailed, e.Message));
        }
        catch (Exception e) when (e is SalesforceException or HttpRequestException or Polly.Timeout.TimeoutRejectedException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogInformation("Testing the Salesforce connection failed: {Error}", e.Message);
            return TypedResults.Ok(new SalesforceTestResultDto(false, SalesforceFailure.Code(e), SalesforceFailure.Detail(e)));
        }
    }

    /// <summary>Records the request in the database (any instance may take it) and wakes this one's scheduler.</summary>
    public static async Task<Results<Accepted<SalesforceConnectionDto>, ProblemHttpResult>> RequestRun(
        AppDbContext db, SalesforceSignal signal, TimeProvider clock, CancellationToken ct)
    {
        if (await db.SalesforceConnections.SingleOrDefaultAsync(ct) is not { } connection)
        {
            return NotConnected();
        }

        connection.RunRequestedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return TypedResults.Accepted(ApiRoutes.SalesforceSettings, await DtoAsync(db, connection, ct));
    }

    private static ProblemHttpResult NotConnected() =>
        Problems.Failure(StatusCodes.Status409Conflict, ValidationCodes.SalesforceNotConnected, "Salesforce is not connected", "Connect Salesforce first.");

    private static async Task<SalesforceConnectionDto> DtoAsync(AppDbContext db, SalesforceConnection? c, CancellationToken ct)
    {
        var lastRun = await db.SalesforceRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var pending = db.SalesforceOutbox.AsNoTracking().Where(o => o.Status == SalesforcePushStatus.Pending);
        var pendingCount = await pending.CountAsync(ct);
        var lastPushError = await pending.Where(o => o.LastError != null).OrderByDescending(o => o.Id).Select(o => o.LastError).FirstOrDefaultAsync(ct);
        return c is null
            ? new SalesforceConnectionDto(false, null, null, null, false, false, 60, null, false, lastRun?.ToDto(), pendingCount, lastPushError)
            : new SalesforceConnectionDto(true, c.InstanceUrl, c.AuthKind, c.ClientId, c.ProtectedClientSecret is not null, c.ProtectedRefreshToken is not null,
                c.IntervalMinutes, c.NextRunAt, c.RunRequestedAt is not null, lastRun?.ToDto(), pendingCount, lastPushError);
    }
}
