using System.Net;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests.Retention;

[Collection(ApiCollection.Name)]
public sealed class RetentionTests(ApiFactory factory)
{
    [Fact]
    public async Task Contacts_inactive_for_longer_than_the_period_are_due_and_viewing_exporting_or_recapturing_does_not_renew_them()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var rep = await factory.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
        (await admin.Typed().SetRetentionAsync(new RetentionSettingsDto(365))).AssertValue();
        var stale = await rep.CreateContactAsync("Stale", $"stale.{Guid.NewGuid():N}@retention.example");
        var touched = await rep.CreateContactAsync("Touched");
        var cardChanged = await rep.CreateContactAsync("CardChanged");
        await factory.AgeAsync(tenant.Organization.Id, TimeSpan.FromDays(400));
        var fresh = await rep.CreateContactAsync("Fresh");

        (await rep.Typed().GetContactAsync(touched.Id)).AssertValue();
        (await rep.Typed().ExportContactCsvAsync(touched.Id)).AssertValue();
        (await rep.Typed().GetDataSubjectCopyAsync(touched.Id)).AssertValue();
        (await rep.Typed().CaptureAsync(new CaptureRequest { FirstName = "Stale", Email = stale.Email, PageUrl = "https://retention.example/team" })).AssertValue();
        var card = await rep.GetCardAsync(cardChanged.Id);
        (await rep.Typed().UpdateCardAsync(cardChanged.Id, ContactApi.Edit(card, AuthorizationType.LegitimateInterest))).AssertValue();

        var due = (await rep.Typed().ListRetentionDueAsync()).AssertValue();

        Assert.Equal(2, due.Total);
        Assert.Equal(new[] { stale.Id, touched.Id }.Order(), due.Items.Select(d => d.Contact.Id).Order());
        Assert.DoesNotContain(due.Items, d => d.Contact.Id == fresh.Id || d.Contact.Id == cardChanged.Id);
        Assert.All(due.Items, d => Assert.True(d.LastActivityAt < factory.Clock.GetUtcNow().AddDays(-365)));
    }

    [Fact]
    public async Task Keeping_a_due_contact_needs_a_reason_which_is_audited_and_takes_it_off_the_list()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var rep = await tenant.RepClientAsync();
        (await admin.Typed().SetRetentionAsync(new RetentionSettingsDto(30))).AssertValue();
        var contact = await rep.CreateContactAsync("Old");
        await factory.AgeAsync(tenant.Organization.Id, TimeSpan.FromDays(31));
        Assert.Equal(1, (await rep.Typed().ListRetentionDueAsync()).AssertValue().Total);

        var blank = (await rep.Typed().KeepContactAsync(contact.Id, new RetentionKeepRequest("  "))).AssertProblem(HttpStatusCode.BadRequest);
        (await rep.Typed().KeepContactAsync(contact.Id, new RetentionKeepRequest("Open support case until March"))).AssertValue(HttpStatusCode.NoContent);

        Assert.Contains("reason", blank.Errors!.Keys);
        Assert.Equal(0, (await rep.Typed().ListRetentionDueAsync()).AssertValue().Total);
        var kept = (await rep.GetAuditAsync(contact.Id)).Last();
        Assert.Equal(("contact.retention-kept", "Robert Rep", "Open support case until March"), (kept.Action, kept.ActorName, kept.After!["retentionReason"]));
        Assert.Equal(404, (await rep.Typed().KeepContactAsync(Guid.NewGuid(), new RetentionKeepRequest("x"))).Status);
    }

    [Fact]
    public async Task Only_an_admin_sets_the_retention_period_and_without_one_nothing_is_due()
    {
        var tenant = await factory.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();
        await rep.CreateContactAsync("Old");
        await factory.AgeAsync(tenant.Organization.Id, TimeSpan.FromDays(5000));

        Assert.Equal(403, (await rep.Typed().SetRetentionAsync(new RetentionSettingsDto(30))).Status);
        Assert.Equal(new RetentionSettingsDto(null), (await rep.Typed().GetRetentionAsync()).AssertValue());
        Assert.Equal(0, (await rep.Typed().ListRetentionDueAsync()).AssertValue().Total);
        Assert.Equal(400, (await (await tenant.AdminClientAsync()).Typed().SetRetentionAsync(new RetentionSettingsDto(0))).Status);
    }
}
