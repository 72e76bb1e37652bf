using System.Net;
using ComplianceConnect.Extension.Components;

namespace ComplianceConnect.Extension.Tests;

public sealed class ContactSearchTests : BunitContext
{
    [Fact]
    public async Task Results_flag_contacts_without_a_legal_basis_and_open_the_chosen_one()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        Guid flagged = Guid.NewGuid(), based = Guid.NewGuid();
        api.Answer(HttpStatusCode.OK, $$$"""
            {"items":[
              {"id":"{{{flagged}}}","firstName":"Ann","lastName":"Flag","email":"ann@x.example","card":{"contactId":"{{{flagged}}}","authorizationType":null,"sourceType":"Import","version":1}},
              {"id":"{{{based}}}","firstName":"Bo","lastName":"Based","company":"Acme","card":{"contactId":"{{{based}}}","authorizationType":"Consent","sourceType":"Import","version":1}}
            ],"total":null,"nextCursor":null}
            """);
        Guid? opened = null;
        var search = Render<ContactSearch>(p => p.Add(c => c.OnOpen, id => opened = id));

        search.Find("#search").Change("a");
        search.Find("form").Submit();

        search.WaitForAssertion(() => Assert.Equal(2, search.FindAll("[data-testid=search-results] li").Count));
        var items = search.FindAll("[data-testid=search-results] li");
        Assert.Contains("No legal basis", items[0].TextContent);
        Assert.DoesNotContain("No legal basis", items[1].TextContent);
        Assert.Equal("/api/contacts?q=a&pageSize=20&total=false", api.Requests.Single().Path); // the popup shows no total: not counted
        items[1].QuerySelector("button")!.Click();
        Assert.Equal(based, opened);
    }
}
