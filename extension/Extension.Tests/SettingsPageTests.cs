using System.Net;
using System.Text.Json;
using ComplianceConnect.Extension.Pages;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;

namespace ComplianceConnect.Extension.Tests;

/// <summary>The Admin's settings page, rendered against a fake API: what the last Salesforce run did, in both languages.</summary>
public sealed class SettingsPageTests : BunitContext
{
    [Theory]
    [InlineData("en", "Succeeded", "1,234 read, 3 created, 2 updated, 1 opted out, opt-outs cleared: 0, not re-added (erased): 1", "Opt-outs still to reach Salesforce: 2")]
    [InlineData("sv", "Klar", "lästa: 1\u00A0234, skapade: 3, uppdaterade: 2, avregistrerade: 1, hävda avregistreringar: 0, inte återskapade (raderade): 1", "Avregistreringar som ännu inte nått Salesforce: 2")]
    public async Task An_admin_reads_the_last_runs_counts_in_their_language(string language, string status, string counts, string pending)
    {
        var (api, _) = await this.AddSignedInExtensionAsync(language, role: UserRole.Admin);
        var run = new SalesforceRunDto(Guid.NewGuid(), SalesforceRunTrigger.Manual, SalesforceRunStatus.Succeeded,
            new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 6, 0, 5, TimeSpan.Zero), 1234, 3, 2, 1, 0, 1, 0, null);
        api.Answer(HttpStatusCode.OK, JsonSerializer.Serialize(
            new SalesforceConnectionDto(true, "https://acme.my.salesforce.com", SalesforceAuthKind.ClientCredentials, "client", true, false, 60, null, false, run, 2, null),
            ContractsJsonContext.Default.SalesforceConnectionDto));

        var settings = Render<Settings>();

        settings.WaitForAssertion(() => Assert.Equal(counts, settings.Find("[data-testid=salesforce-run-counts]").TextContent));
        Assert.Equal(status, settings.Find("[data-testid=salesforce-run-status]").TextContent);
        Assert.Equal(pending, settings.Find("[data-testid=salesforce-pending]").TextContent);
        Assert.Equal((HttpMethod.Get, "/api/settings/salesforce"), (api.Requests[0].Method, api.Requests[0].Path));
    }

    [Theory]
    [InlineData("en", ValidationCodes.SalesforceRequestLimit, "Error: Salesforce refused: the organization's API request limit is used up. The next run resumes once Salesforce allows calls again.", "Details (as Salesforce or the server gave them): REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.")]
    [InlineData("sv", ValidationCodes.SalesforceRequestLimit, "Fel: Salesforce vägrade: organisationens gräns för API-anrop är förbrukad. Nästa körning fortsätter när Salesforce tillåter anrop igen.", "Detaljer (som Salesforce eller servern angav dem): REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.")]
    [InlineData("sv", null, "Fel: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.", null)] // a run recorded before runs had codes
    public async Task A_failed_run_says_why_in_the_admins_language_with_salesforces_own_words_beneath(string language, string? code, string reason, string? detail)
    {
        var (api, _) = await this.AddSignedInExtensionAsync(language, role: UserRole.Admin);
        var run = new SalesforceRunDto(Guid.NewGuid(), SalesforceRunTrigger.Schedule, SalesforceRunStatus.Failed,
            new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 6, 0, 5, TimeSpan.Zero), 0, 0, 0, 0, 0, 0, 0,
            "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.", code);
        api.Answer(HttpStatusCode.OK, JsonSerializer.Serialize(
            new SalesforceConnectionDto(true, "https://acme.my.salesforce.com", SalesforceAuthKind.ClientCredentials, "client", true, false, 60, null, false, run, 0, null),
            ContractsJsonContext.Default.SalesforceConnectionDto));

        var settings = Render<Settings>();

        settings.WaitForAssertion(() => Assert.Equal(reason, settings.Find("[data-testid=salesforce-run-error]").TextContent));
        Assert.Equal(detail, settings.FindAll("[data-testid=salesforce-run-error-detail]").SingleOrDefault()?.TextContent);
    }
}
