using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using static ComplianceConnect.Api.Tests.Infrastructure.ContactApi;

namespace ComplianceConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ContactListTests(ApiFactory factory)
{
    [Fact]
    public async Task The_list_searches_name_email_and_company_and_filters_by_legal_basis_and_source()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var flagged = await client.CreateContactAsync("Flagged", "flagged@one.example");
        var based = await client.CreateContactAsync("Based", "based@two.example");
        await client.PutCardAsync(based.Id, Edit(based.Card, AuthorizationType.LegitimateInterest));
        var captured = await (await client.PostAsJsonAsync("/api/contacts/capture",
            new CaptureRequest { FirstName = "Captured", Company = "Nordlys AB", PageUrl = "https://nordlys.example/team" }, Json.Options))
            .ReadAsync<CaptureResponse>(HttpStatusCode.Created);

        async Task<IEnumerable<Guid>> Ids(string query) =>
            (await (await client.GetAsync("/api/contacts?" + query)).ReadAsync<ContactPage>()).Items.Select(c => c.Id);

        Assert.Equal([flagged.Id], await Ids("q=one.example"));
        Assert.Equal([captured.Contact.Id], await Ids("q=nordlys"));
        Assert.Equal([based.Id], await Ids("authorization=LegitimateInterest"));
        Assert.Equal(new[] { captured.Contact.Id, flagged.Id }.Order(), (await Ids("authorization=none")).Order());
        Assert.Equal([captured.Contact.Id], await Ids("source=ChromeExtension"));
    }

    [Theory]
    [InlineData("source=Telepathy", "source")]
    [InlineData("source=1", "source")]
    [InlineData("authorization=Consent,Other", "authorization")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("sort=Shoe", "sort")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    public async Task A_bad_list_parameter_is_a_400_naming_it(string query, string field)
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        Assert.NotEmpty(await (await client.GetAsync("/api/contacts?" + query)).AssertFieldErrorAsync(field));
    }
}
