using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Infrastructure;
using ComplianceConnect.E2E.Tests.Pages;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplianceConnect.E2E.Tests;

/// <summary>
/// What a rep sees, as the README shows it: drives the real extension against the real API and writes
/// PNGs into CC_SCREENSHOTS_DIR (scripts/screenshots.sh sets docs/screenshots; otherwise a temp folder),
/// checking on the way that each view shows what the picture is meant to show.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class ReadmeScreenshots(ExtensionFixture fixture)
{
    private static readonly (string First, string Last, string Company, string Title, AuthorizationType? Basis)[] People =
    [
        ("Åsa", "Öberg", "Nordlys AB", "Head of Procurement", AuthorizationType.Consent),
        ("Erik", "Lindqvist", "Nordlys AB", "Sales Director", AuthorizationType.LegitimateInterest),
        ("Maja", "Holm", "Fjord Analytics", "CTO", null),
        ("Jonas", "Berg", "Berg & Son", "CEO", AuthorizationType.PerformanceOfContract),
        ("Sara", "Nyström", "Kvarn Logistics", "Operations Manager", null),
        ("Lena", "Ek", "Skog Energi", "Purchasing Lead", AuthorizationType.LegitimateInterest),
        ("Omar", "Haddad", "Delta Retail", "Marketing Manager", null),
        ("Ingrid", "Sund", "Fyr Consulting", "Partner", AuthorizationType.Consent),
    ];

    [Fact]
    public async Task The_readme_screenshots_show_the_popup_card_and_the_People_page()
    {
        var directory = Environment.GetEnvironmentVariable("CC_SCREENSHOTS_DIR") is { Length: > 0 } configured
            ? configured
            : Directory.CreateTempSubdirectory("cc-screenshots-").FullName;
        Directory.CreateDirectory(directory);
        var tenant = await fixture.CreateTenantAsync();
        var api = await tenant.RepClientAsync();
        foreach (var (first, last, company, title, basis) in People)
        {
            var contact = (await api.Typed().CreateContactAsync(new CreateContactRequest
            {
                FirstName = first,
                LastName = last,
                Company = company,
                Title = title,
                Email = $"{Ascii(first)}.{Ascii(last)}@{Ascii(company.Split(' ')[0])}.example",
            })).AssertValue(System.Net.HttpStatusCode.Created);
            if (basis is { } type)
            {
                await api.PutCardAsync(contact.Id, ContactApi.Edit(contact.Card, type,
                    type == AuthorizationType.Consent ? DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-20)) : null,
                    type == AuthorizationType.Consent ? "Product newsletter" : null));
            }
        }

        await using var browser = await fixture.LaunchAsync(fixture.NewProfileDirectory());
        var popup = await fixture.OpenAsync(browser, tenant.Rep);
        await popup.Page.SetViewportSizeAsync(380, 640);
        await popup.SearchAsync("oberg");
        await popup.OpenResultAsync("Åsa Öberg");
        await Expect(new ComplianceCardPanel(popup.Page).LegalBasis).ToHaveTextAsync("Consent");
        await popup.Page.ScreenshotAsync(new() { Path = Path.Combine(directory, "popup-card.png"), FullPage = true });

        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 860);
        await page.GotoAsync(fixture.PageUrl("people.html"));
        var people = await PeoplePage.ReadyAsync(page);
        await Expect(people.OverviewMissing).ToHaveTextAsync("3 without a legal basis");
        await Expect(people.Rows).ToHaveCountAsync(People.Length);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "people-page.png") });

        await people.SelectAsync("Maja Holm");
        await people.SelectAsync("Sara Nyström");
        await people.SelectAsync("Omar Haddad");
        await people.ChooseAuthorizationAsync("LegitimateInterest");
        await Expect(people.ConfirmQuestion).ToHaveTextAsync("Set Legitimate interest on 3 contacts?");
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "people-bulk-confirm.png") });
        await people.ConfirmAsync();
        await Expect(people.Notice).ToHaveTextAsync("Legitimate interest set on 3 contacts.");

        await people.OpenPersonAsync("Erik Lindqvist");
        await people.EditDetailAsync("title", "Head of Sales");
        await Expect(people.Person.GetByTestId("audit-entry").First).ToContainTextAsync("Sales Director → Head of Sales");
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "people-person.png"), FullPage = true });

        foreach (var name in new[] { "popup-card.png", "people-page.png", "people-bulk-confirm.png", "people-person.png" })
        {
            Assert.True(new FileInfo(Path.Combine(directory, name)).Length > 10_000, name + " was not written.");
        }
    }

    private static string Ascii(string text) =>
        new string([.. text.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter)]);
}
