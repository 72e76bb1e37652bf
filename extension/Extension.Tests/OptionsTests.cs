using System.Net;
using ComplianceConnect.Extension.Pages;
using ComplianceConnect.Extension.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Extension.Tests;

public sealed class OptionsTests : BunitContext
{
    [Fact]
    public async Task Saving_checks_that_the_api_answers_at_the_new_address()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        api.Answer(HttpStatusCode.OK, "Healthy", "text/plain");
        var options = Render<Options>();

        options.Find("#api-address").Change("https://cc.example.com/");
        options.Find("form").Submit();

        options.WaitForAssertion(() => Assert.Equal("Saved. The API answered.", options.Find("[data-testid=options-status]").TextContent.Trim()));
        Assert.Equal("https://cc.example.com", (await Services.GetRequiredService<SettingsStore>().GetAsync()).ApiAddress);
        Assert.Equal((HttpMethod.Get, "/health/live"), (api.Requests.Single().Method, api.Requests.Single().Path));
    }

    [Fact]
    public async Task An_address_where_nothing_answers_is_saved_with_a_warning_and_a_malformed_one_is_refused()
    {
        var (api, _) = await this.AddSignedInExtensionAsync();
        api.Answer(HttpStatusCode.NotFound, "", "text/plain");
        var options = Render<Options>();

        options.Find("#api-address").Change("not a url");
        options.Find("form").Submit();
        Assert.Contains("Enter an absolute http:// or https:// address", options.Find(".field-error").TextContent);
        Assert.Empty(api.Requests);

        options.Find("#api-address").Change("http://wrong.example");
        options.Find("form").Submit();
        options.WaitForAssertion(() => Assert.Contains("no Compliance Connect API answered at http://wrong.example", options.Find("[data-testid=options-status]").TextContent));
    }
}
