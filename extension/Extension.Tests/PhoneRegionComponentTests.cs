using System.Net;
using ComplianceConnect.Extension.Components;
using ComplianceConnect.Extension.Services;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Extension.Tests;

/// <summary>The Admin's phone region in Settings, and the forms reading national numbers in the organization's country.</summary>
public sealed class PhoneRegionComponentTests : BunitContext
{
    private const string Contact = """
        {"id":"00000000-0000-0000-0000-0000000000cc","firstName":"Jonas","lastName":"Weber","email":"jonas@weber.example",
         "createdAt":"2026-11-30T10:00:00+00:00","updatedAt":"2026-11-30T10:00:00+00:00",
         "card":{"contactId":"00000000-0000-0000-0000-0000000000cc","sourceType":"ManualUpload","version":3 } }
        """;

    private static string Refreshed(string region) => $$$"""
        {"accessToken":"access-2","accessTokenExpiresAt":"2099-01-01T00:00:00+00:00","refreshToken":"refresh-2","refreshTokenExpiresAt":"2099-01-02T00:00:00+00:00",
         "user":{"id":"00000000-0000-0000-0000-000000000001","email":"rep@example.com","displayName":"Robert Rep","role":"Admin",
                 "organizationId":"00000000-0000-0000-0000-000000000002","organizationName":"Acme","phoneRegion":"{{{region}}}"}}
        """;

    [Fact]
    public async Task The_admin_sees_the_country_in_swedish_saves_another_and_the_own_session_reads_numbers_in_it_at_once()
    {
        var (api, _) = await this.AddSignedInExtensionAsync("sv");
        api.Answer(HttpStatusCode.OK, """{"region":"SE"}""");
        api.Answer(HttpStatusCode.OK, """{"region":"DE"}""");
        api.Answer(HttpStatusCode.OK, Refreshed("DE"));
        var settings = Render<PhoneRegionSettings>();

        settings.WaitForAssertion(() => Assert.Equal("SE", settings.Find("#phone-region").GetAttribute("value")));
        Assert.Equal("Telefonnummer", settings.Find("h2").TextContent);
        Assert.Contains(settings.FindAll("#phone-region option"), o => o.GetAttribute("value") == "DE" && o.TextContent == "Tyskland");
        Assert.Contains(settings.FindAll("#phone-region option"), o => o.GetAttribute("value") == "AT" && o.TextContent == "Österrike");

        settings.Find("#phone-region").Change("DE");
        settings.Find("form").Submit();

        settings.WaitForAssertion(() => Assert.Equal("Sparat: nummer utan landsnummer läses som Tyskland.", settings.Find("[data-testid=phone-region-status]").TextContent));
        Assert.Equal((HttpMethod.Put, "/api/settings/phone-region", """{"region":"DE"}"""), api.Requests[1]);
        Assert.Equal(HttpMethod.Post, api.Requests[2].Method); // the session refreshed, to take the new region
        Assert.Equal("DE", Services.GetRequiredService<AuthSession>().PhoneRegion);
    }

    [Fact]
    public async Task A_region_the_api_refuses_is_shown_at_the_field_with_its_rule()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        api.Answer(HttpStatusCode.OK, """{"region":"SE"}""");
        api.Answer(HttpStatusCode.BadRequest, """
            {"title":"The request is not valid.","status":400,"errors":{"region":["Is not a country with a phone numbering plan."]},"codes":{"region":["unknown_value"]}}
            """, "application/problem+json");
        var settings = Render<PhoneRegionSettings>();
        settings.WaitForAssertion(() => Assert.Equal("SE", settings.Find("#phone-region").GetAttribute("value")));

        settings.Find("form").Submit();

        settings.WaitForAssertion(() => Assert.Equal("unknown_value", settings.Find("[data-field-error=region]").GetAttribute("data-code")));
        Assert.Equal("SE", Services.GetRequiredService<AuthSession>().PhoneRegion);
    }

    [Theory]
    [InlineData("DE", true)]
    [InlineData("SE", false)]
    public async Task The_details_form_reads_a_national_number_in_the_organizations_country_before_sending(string region, bool sent)
    {
        var (api, _) = await this.AddSignedInExtensionAsync(phoneRegion: region);
        api.Answer(HttpStatusCode.OK, Contact);
        var contact = System.Text.Json.JsonSerializer.Deserialize(Contact, ComplianceConnect.Shared.Json.ContractsJsonContext.Default.ContactDto)!;
        var form = Render<ContactDetailsForm>(p => p.Add(f => f.Contact, contact));

        form.Find("[data-testid=edit-details]").Click();
        form.Find("[data-testid=detail-input-phone]").Change("0151 23456789");
        form.Find("form").Submit();

        if (sent)
        {
            form.WaitForAssertion(() => Assert.Single(api.Requests));
            Assert.Contains("\"phone\":\"0151 23456789\"", api.Requests[0].Body);
        }
        else
        {
            form.WaitForAssertion(() => Assert.Equal("phone_invalid", form.Find("[data-field-error=phone]").GetAttribute("data-code")));
            Assert.EndsWith("(numbers without a country code are read as SE).", form.Find("[data-field-error=phone]").TextContent);
            Assert.Empty(api.Requests);
        }
    }
}
