using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Api.Features.Capture;
using ComplianceConnect.Api.Features.Compliance;
using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Features.Email;
using ComplianceConnect.Api.Features.Salesforce;
using ComplianceConnect.Api.Features.Unsubscribe;
using ComplianceConnect.Api.Features.Erasure;
using ComplianceConnect.Api.Features.ImportExport;
using ComplianceConnect.Api.Features.Retention;
using ComplianceConnect.Api.Features.Users;
using ComplianceConnect.Api.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddPersistence(builder.Configuration)
    .AddTokenAuthentication(builder.Configuration)
    .AddWebApi(builder.Configuration)
    .AddEmail(builder.Configuration)
    .AddImports(builder.Configuration)
    .AddSalesforce(builder.Configuration);

var app = builder.Build();

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors(ServiceRegistration.ExtensionCorsPolicy);
app.UseStrictInput();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference();
}

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

var api = app.MapApi().DeclareProblemResponses();
api.MapAuthApi();
api.MapUsersApi();
api.MapContactsApi();
api.MapBulkApi();
api.MapCaptureApi();
api.MapComplianceApi();
api.MapAuditApi();
api.MapEmailApi();
api.MapUnsubscribeApi();
api.MapExportApi();
api.MapErasureApi();
api.MapImportApi();
api.MapRetentionApi();
api.MapPhoneRegionApi();
api.MapSalesforceApi();

await app.InitializeDatabaseAsync();
await app.RunAsync();

public partial class Program;
