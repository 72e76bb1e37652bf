using System.Net;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests.Email;

/// <summary>A rep unsubscribes a selection of the People page by hand (issue #10).</summary>
[Collection(ApiCollection.Name)]
public sealed class BulkUnsubscribeTests(ApiFactory factory)
{
    [Fact]
    public async Task A_selection_is_unsubscribed_with_one_manual_event_and_one_audit_entry_per_contact_and_those_already_unsubscribed_stay_as_they_were()
    {
        var tenant = await factory.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();
        var anna = await rep.CreateContactAsync("Anna");
        var bo = await rep.CreateContactAsync("Bo");
        var already = await rep.CreateContactAsync("Carl");
        var untouched = await rep.CreateContactAsync("Dan");
        (await rep.Typed().UnsubscribeAsync(already.Id, new ManualUnsubscribeRequest { Reason = "Earlier" })).AssertValue();
        var foreign = await (await (await factory.CreateTenantAsync()).RepClientAsync()).CreateContactAsync("Mallory");
        var unknown = Guid.NewGuid();

        var result = (await rep.Typed().BulkUnsubscribeAsync(new BulkUnsubscribeRequest
        {
            Ids = [anna.Id, bo.Id, already.Id, foreign.Id, unknown, anna.Id],
            Reason = "Asked at the fair",
        })).AssertValue();

        Assert.Equal(2, result.Updated);
        Assert.Equal(new[] { foreign.Id, unknown }.Order(), result.NotFound.Order());
        foreach (var contact in new[] { anna, bo })
        {
            var subscription = (await rep.Typed().GetSubscriptionAsync(contact.Id)).AssertValue();
            Assert.True(subscription.Unsubscribed);
            Assert.Equal(SubscriptionSource.Manual, subscription.Via);
            var only = Assert.Single(subscription.History);
            Assert.Equal((SubscriptionEventKind.Unsubscribe, SubscriptionSource.Manual, "Robert Rep", "Asked at the fair"), (only.Kind, only.Source, only.ActorName, only.Reason));
            var entry = Assert.Single(await rep.GetAuditAsync(contact.Id), e => e.Action == "contact.unsubscribed");
            Assert.Equal("bulk", entry.Channel);
        }

        var earlier = (await rep.Typed().GetSubscriptionAsync(already.Id)).AssertValue();
        Assert.Equal("Earlier", Assert.Single(earlier.History).Reason);
        Assert.False((await rep.Typed().GetSubscriptionAsync(untouched.Id)).AssertValue().Unsubscribed);
        Assert.Equal(3, (await rep.Typed().GetOverviewAsync()).AssertValue().Unsubscribed);
        Assert.Equal(3, await factory.CountAsync("SELECT count(*) FROM audit_entries WHERE organization_id = @org AND action = 'contact.unsubscribed'", tenant.Organization.Id));
        var verification = (await (await tenant.AdminClientAsync()).Typed().VerifyAuditAsync()).AssertValue();
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task Everything_matching_a_filter_is_unsubscribed_when_the_confirmed_count_still_holds_and_nothing_when_it_does_not()
    {
        var tenant = await factory.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();
        var anna = await rep.CreateContactAsync("Anna");
        var annabel = await rep.CreateContactAsync("Annabel");
        var carl = await rep.CreateContactAsync("Carl");
        var filter = new ContactFilter { Search = "anna" };

        var stale = await rep.Typed().BulkUnsubscribeAsync(new BulkUnsubscribeRequest { Filter = filter, ExpectedCount = 3 });
        var problem = stale.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(ValidationCodes.SelectionChanged, problem.Code);
        Assert.Equal(0, (await rep.Typed().GetOverviewAsync()).AssertValue().Unsubscribed);

        var result = (await rep.Typed().BulkUnsubscribeAsync(new BulkUnsubscribeRequest { Filter = filter, ExpectedCount = 2 })).AssertValue();

        Assert.Equal(2, result.Updated);
        Assert.True((await rep.Typed().GetSubscriptionAsync(annabel.Id)).AssertValue().Unsubscribed);
        Assert.False((await rep.Typed().GetSubscriptionAsync(carl.Id)).AssertValue().Unsubscribed);
        var listed = (await rep.Typed().ListContactsAsync(new Shared.Client.ContactQuery { Filter = new ContactFilter { Unsubscribed = true } })).AssertValue();
        Assert.Equal(new[] { anna.Id, annabel.Id }.Order(), listed.Items.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task A_request_without_a_selection_or_with_a_too_long_reason_is_refused_naming_the_field()
    {
        var tenant = await factory.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();
        var contact = await rep.CreateContactAsync("Anna");

        var none = await rep.Typed().BulkUnsubscribeAsync(new BulkUnsubscribeRequest());
        var tooLong = await rep.Typed().BulkUnsubscribeAsync(new BulkUnsubscribeRequest { Ids = [contact.Id], Reason = new string('x', Limits.Description + 1) });

        Assert.Contains(ValidationCodes.SelectionRequired, none.AssertProblem(HttpStatusCode.BadRequest).Codes!["ids"]);
        Assert.Contains(ValidationCodes.TooLong, tooLong.AssertProblem(HttpStatusCode.BadRequest).Codes!["reason"]);
        Assert.False((await rep.Typed().GetSubscriptionAsync(contact.Id)).AssertValue().Unsubscribed);
    }
}
