using System.Net;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests;

/// <summary>The organization's phone region: which country a national number (without +country code) is read in.</summary>
[Collection(ApiCollection.Name)]
public sealed class PhoneRegionTests(ApiFactory factory)
{
    // A German mobile number as a German rep writes it: valid in Germany, too long for a Swedish number.
    private const string GermanMobile = "0151 23456789";

    [Fact]
    public async Task An_organization_reads_national_numbers_as_Swedish_until_an_Admin_sets_its_country_and_then_as_that_country()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();

        Assert.Equal("SE", (await admin.Typed().GetPhoneRegionAsync()).AssertValue().Region);
        var refused = (await admin.Typed().CreateContactAsync(new CreateContactRequest { FirstName = "Jonas", Phone = GermanMobile }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal([ValidationCodes.PhoneInvalid], refused.Codes!["phone"]);
        Assert.Contains("read as SE", refused.Errors!["phone"][0], StringComparison.Ordinal);

        Assert.Equal("DE", (await admin.Typed().SetPhoneRegionAsync(new PhoneRegionSettingsDto(" de "))).AssertValue().Region);
        Assert.Equal("DE", (await admin.Typed().GetPhoneRegionAsync()).AssertValue().Region);

        // A session signed in from now on reads national numbers as German, and is told so.
        var session = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        Assert.Equal("DE", session.User.PhoneRegion);
        var rep = await factory.ClientForAsync(tenant.Rep.Email);
        var created = (await rep.Typed().CreateContactAsync(new CreateContactRequest { FirstName = "Jonas", Phone = GermanMobile }))
            .AssertValue(HttpStatusCode.Created);
        Assert.Equal("+4915123456789", created.Phone);
        var captured = (await rep.Typed().CaptureAsync(new CaptureRequest { FirstName = "Lena", Phone = "030 1234567", PageUrl = "https://region.example/team" }))
            .AssertValue(HttpStatusCode.Created);
        Assert.Equal("+49301234567", captured.Contact.Phone);
        var swedish = (await rep.Typed().CreateContactAsync(new CreateContactRequest { FirstName = "Sara", Phone = "+46 70 123 45 67" }))
            .AssertValue(HttpStatusCode.Created);
        Assert.Equal("+46701234567", swedish.Phone);
    }

    [Theory]
    [InlineData("", ValidationCodes.Required)]
    [InlineData("XX", ValidationCodes.UnknownValue)]
    [InlineData("DEU", ValidationCodes.UnknownValue)]
    public async Task A_region_that_is_not_a_country_with_a_numbering_plan_is_refused_naming_the_field_and_the_rule(string region, string code)
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();

        var problem = (await admin.Typed().SetPhoneRegionAsync(new PhoneRegionSettingsDto(region))).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Equal([code], problem.Codes!["region"]);
        Assert.Equal("SE", (await admin.Typed().GetPhoneRegionAsync()).AssertValue().Region);
    }

    [Fact]
    public async Task A_Rep_can_read_the_region_but_not_change_it()
    {
        var tenant = await factory.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();

        Assert.Equal("SE", (await rep.Typed().GetPhoneRegionAsync()).AssertValue().Region);
        (await rep.Typed().SetPhoneRegionAsync(new PhoneRegionSettingsDto("DE"))).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal("SE", (await rep.Typed().GetPhoneRegionAsync()).AssertValue().Region);
    }
}
