using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class TenancyTests(ApiFactory factory)
{
    [Fact]
    public async Task A_user_cannot_read_another_organizations_contact()
    {
        var ours = await factory.CreateTenantAsync();
        var theirs = await factory.CreateTenantAsync();
        var theirClient = await theirs.RepClientAsync();
        var created = await (await theirClient.PostAsJsonAsync("/api/contacts", new CreateContactRequest { FirstName = "Secret", Email = "secret@example.com" }, Json.Options))
            .ReadAsync<ContactDto>(HttpStatusCode.Created);

        var ourClient = await ours.RepClientAsync();
        var response = await ourClient.GetAsync($"/api/contacts/{created.Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await (await ourClient.GetAsync("/api/contacts?q=Secret")).ReadAsync<ContactPage>();
        Assert.Empty(list.Items);
        Assert.Equal(HttpStatusCode.OK, (await theirClient.GetAsync($"/api/contacts/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_same_email_may_be_a_contact_in_two_organizations()
    {
        var a = await (await factory.CreateTenantAsync()).RepClientAsync();
        var b = await (await factory.CreateTenantAsync()).RepClientAsync();
        var contact = new CreateContactRequest { FirstName = "Shared", Email = "shared.person@example.com" };

        Assert.Equal(HttpStatusCode.Created, (await a.PostAsJsonAsync("/api/contacts", contact, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/contacts", contact, Json.Options)).StatusCode);
    }
}
