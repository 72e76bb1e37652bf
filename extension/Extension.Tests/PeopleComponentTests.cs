using ComplianceConnect.Extension.Components;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Extension.Tests;

/// <summary>The People page's dialogs and overview, rendered on their own.</summary>
public sealed class PeopleComponentTests : BunitContext
{
    [Fact]
    public async Task The_authorization_dialog_applies_the_cards_rules_before_asking_to_confirm_with_the_count()
    {
        await this.AddSignedInExtensionAsync();
        BulkAuthorizationRequest? confirmed = null;
        var dialog = Render<BulkAuthorizationDialog>(p => p.Add(d => d.Count, 1204).Add(d => d.OnConfirm, r => confirmed = r));

        dialog.Find("#authorization-type").Change("Consent");
        dialog.Find("form").Submit();
        Assert.Equal("consent_date_required", dialog.Find("[data-field-error=consentDate]").GetAttribute("data-code"));
        Assert.Equal("consent_purpose_required", dialog.Find("[data-field-error=consentPurpose]").GetAttribute("data-code"));
        Assert.Empty(dialog.FindAll("[data-testid=bulk-confirm-question]"));

        dialog.Find("#consent-date").Change("2026-01-15");
        dialog.Find("#consent-purpose").Change("Webinar follow-up");
        dialog.Find("form").Submit();
        Assert.Equal("Set Consent on 1,204 contacts?", dialog.Find("[data-testid=bulk-confirm-question]").TextContent);
        dialog.Find("[data-testid=bulk-confirm]").Click();

        Assert.Equal((AuthorizationType.Consent, new DateOnly(2026, 1, 15), "Webinar follow-up"),
            (confirmed!.AuthorizationType!.Value, confirmed.ConsentDate!.Value, confirmed.ConsentPurpose!));
        Assert.Null(confirmed.Ids);
    }

    [Fact]
    public async Task The_source_dialog_in_Swedish_needs_a_description_for_Other_and_writes_the_count_with_a_space()
    {
        await this.AddSignedInExtensionAsync("sv");
        var dialog = Render<BulkSourceDialog>(p => p.Add(d => d.Count, 1204));

        dialog.Find("#bulk-source-type").Change("Other");
        dialog.Find("form").Submit();
        Assert.Equal("Krävs när Annat har valts.", dialog.Find("[data-field-error=sourceDescription]").TextContent);

        dialog.Find("#bulk-source-description").Change("Mässa i Göteborg");
        dialog.Find("form").Submit();
        Assert.Equal("Ange källan Annat för 1\u00A0204 kontakter?", dialog.Find("[data-testid=bulk-confirm-question]").TextContent);
    }

    [Fact]
    public async Task A_bar_of_the_overview_filters_by_its_legal_basis_or_source()
    {
        await this.AddSignedInExtensionAsync();
        var filters = new List<ContactFilter>();
        var overview = new ComplianceOverviewDto(10, 4,
            [.. Enum.GetValues<AuthorizationType>().Select(t => new AuthorizationCount(t, t == AuthorizationType.Consent ? 6 : 0))],
            [.. Enum.GetValues<SourceType>().Select(t => new SourceCount(t, t == SourceType.Import ? 10 : 0))]);
        var chart = Render<ComplianceOverview>(p => p.Add(o => o.Overview, overview).Add(o => o.OnFilter, f => filters.Add(f)));

        Assert.Equal("4 without a legal basis", chart.Find("[data-testid=overview-missing]").TextContent.Trim());
        Assert.Equal("6", chart.Find("[data-testid=bar-authorization-Consent]").GetAttribute("data-count"));
        chart.Find("[data-testid=bar-authorization-None]").Click();
        chart.Find("[data-testid=bar-source-Import]").Click();

        Assert.Equal([new ContactFilter { WithoutAuthorization = true }, new ContactFilter { Source = SourceType.Import }], filters);
    }
}
