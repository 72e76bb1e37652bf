using System.Net;
using ComplianceConnect.Extension.Components;

namespace ComplianceConnect.Extension.Tests;

public sealed class ContactViewTests : BunitContext
{
    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-0000000000aa");

    private static string Contact(string title, uint version) => $$"""
        {"id":"{{Id}}","firstName":"Greta","lastName":"Lind","email":"greta@nordlys.example","title":"{{title}}","company":"Nordlys AB",
         "createdAt":"2026-11-30T10:00:00+00:00","updatedAt":"2026-11-30T10:00:00+00:00",
         "card":{"contactId":"{{Id}}","sourceType":"ManualUpload","version":{{version}} } }
        """;

    [Fact]
    public async Task The_popup_edits_a_title_and_a_card_edit_afterwards_sends_the_new_version()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        api.Answer(HttpStatusCode.OK, Contact("Sales Assistent", 5));
        var view = Render<ContactView>(p => p.Add(v => v.ContactId, Id));
        view.WaitForElement("[data-testid=edit-details]");

        api.Answer(HttpStatusCode.OK, Contact("Sales Director", 6));
        view.Find("[data-testid=edit-details]").Click();
        view.Find("[data-testid=detail-input-title]").Change("Sales Director");
        view.Find("[data-testid=details-form]").Submit();
        view.WaitForAssertion(() => Assert.Equal("Sales Director", view.Find("[data-testid=detail-title]").TextContent));

        api.Answer(HttpStatusCode.OK, $$"""{"contactId":"{{Id}}","authorizationType":"LegitimateInterest","sourceType":"ManualUpload","version":7}""");
        view.Find("[data-testid=compliance-card] button").Click();
        view.Find("#authorization-type").Change("LegitimateInterest");
        view.Find("[data-testid=card-form]").Submit();
        view.WaitForAssertion(() => Assert.Equal(3, api.Requests.Count));

        var details = api.Requests[1];
        Assert.Equal((HttpMethod.Put, $"/api/contacts/{Id}"), (details.Method, details.Path));
        Assert.Contains("\"title\":\"Sales Director\"", details.Body);
        Assert.Contains("\"version\":5", details.Body);
        Assert.Contains("\"version\":6", api.Requests[2].Body);
    }
}
