using System.Net;
using ComplianceConnect.Extension.Components;
using ComplianceConnect.Extension.Services;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Extension.Tests;

/// <summary>Records what would have been handed to the browser as a download.</summary>
public sealed class RecordingDownload : IFileDownload
{
    public List<(string FileName, string? MediaType, byte[] Content)> Saved { get; } = [];

    public Task SaveAsync(string fileName, string? mediaType, byte[] content)
    {
        Saved.Add((fileName, mediaType, content));
        return Task.CompletedTask;
    }
}

public sealed class PersonActionsTests : BunitContext
{
    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-0000000000bb");

    private const string Contact = """
        {"id":"00000000-0000-0000-0000-0000000000bb","firstName":"Greta","lastName":"Lind","email":"greta@nordlys.example","company":"Nordlys AB",
         "createdAt":"2026-11-30T10:00:00+00:00","updatedAt":"2026-11-30T10:00:00+00:00",
         "card":{"contactId":"00000000-0000-0000-0000-0000000000bb","sourceType":"ManualUpload","version":3 } }
        """;

    private const string Subscribed = """{"unsubscribed":false,"since":null,"via":null,"history":[]}""";

    private readonly RecordingDownload _download = new();

    private async Task<(FakeApi Api, IRenderedComponent<PersonView> View, Func<int> Deleted)> RenderPersonAsync()
    {
        var (api, _) = await this.AddSignedInExtensionAsync(replace: s => s.AddSingleton<IFileDownload>(_download));
        api.Answer(HttpStatusCode.OK, Contact);
        api.Answer(HttpStatusCode.OK, "[]");
        api.Answer(HttpStatusCode.OK, Subscribed);
        var deleted = 0;
        var view = Render<PersonView>(p => p.Add(v => v.ContactId, Id).Add(v => v.OnDeleted, () => deleted++));
        view.WaitForElement("[data-testid=subscription-status]");
        return (api, view, () => deleted);
    }

    [Fact]
    public async Task Delete_asks_first_naming_the_person_and_sends_DELETE_only_after_confirming()
    {
        var (api, view, deleted) = await RenderPersonAsync();
        var before = api.Requests.Count;

        view.Find("[data-testid=delete-person]").Click();
        var question = view.Find("[data-testid=delete-question]").TextContent;
        Assert.Contains("Greta Lind", question);
        Assert.Contains("permanently", question);
        Assert.Equal(before, api.Requests.Count);

        view.Find("[data-testid=cancel-delete]").Click();
        Assert.Empty(view.FindAll("[data-testid=delete-dialog]"));
        Assert.Equal(before, api.Requests.Count);
        Assert.Equal(0, deleted());

        api.Answer(HttpStatusCode.NoContent, "");
        view.Find("[data-testid=delete-person]").Click();
        view.Find("[data-testid=confirm-delete]").Click();

        view.WaitForAssertion(() => Assert.Equal(1, deleted()));
        Assert.Equal((HttpMethod.Delete, $"/api/contacts/{Id}"), (api.Requests[^1].Method, api.Requests[^1].Path));
        Assert.Equal(before + 1, api.Requests.Count);
    }

    [Fact]
    public async Task A_refused_delete_is_shown_and_the_view_stays_open()
    {
        var (api, view, deleted) = await RenderPersonAsync();
        api.Answer(HttpStatusCode.NotFound, """{"status":404,"title":"Not found"}""", "application/problem+json");

        view.Find("[data-testid=delete-person]").Click();
        view.Find("[data-testid=confirm-delete]").Click();

        view.WaitForElement("[data-testid=person-action-error]");
        Assert.Equal(0, deleted());
        Assert.Empty(view.FindAll("[data-testid=delete-dialog]"));
    }

    [Fact]
    public async Task Export_fetches_the_csv_and_hands_its_bytes_to_the_browser()
    {
        var (api, view, _) = await RenderPersonAsync();
        api.Answer(HttpStatusCode.OK, "first_name,last_name\nGreta,Lind\n", "text/csv");

        view.Find("[data-testid=export-person]").Click();

        view.WaitForAssertion(() => Assert.Single(_download.Saved));
        Assert.Equal((HttpMethod.Get, $"/api/contacts/{Id}/export.csv"), (api.Requests[^1].Method, api.Requests[^1].Path));
        var (fileName, mediaType, content) = _download.Saved[0];
        Assert.EndsWith(".csv", fileName, StringComparison.Ordinal);
        Assert.Equal("text/csv", mediaType);
        Assert.Contains("Greta,Lind", System.Text.Encoding.UTF8.GetString(content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_subject_copy_downloads_everything_the_api_returned_as_one_named_json_file()
    {
        var (api, view, _) = await RenderPersonAsync();
        api.Answer(HttpStatusCode.OK, $$"""
            {"generatedAt":"2026-12-01T09:15:00+00:00","contact":{{Contact}},
             "capture":{"sourceType":"ManualUpload","sourceDescription":null,"pageUrl":"https://nordlys.example/team","capturedAt":"2026-11-30T10:00:00+00:00"},
             "unsubscribeHistory":[{"at":"2026-11-30T11:00:00+00:00","kind":"Unsubscribe","detail":"via Manual; Robert Rep"}],
             "emailsSent":[],"auditTrail":[]}
            """);

        view.Find("[data-testid=copy-person]").Click();

        view.WaitForAssertion(() => Assert.Single(_download.Saved));
        Assert.Equal((HttpMethod.Get, $"/api/contacts/{Id}/data-subject-copy"), (api.Requests[^1].Method, api.Requests[^1].Path));
        var (fileName, mediaType, content) = _download.Saved[0];
        Assert.Equal(("data-subject-copy-greta-lind-2026-12-01.json", "application/json"), (fileName, mediaType));
        using var saved = System.Text.Json.JsonDocument.Parse(content);
        Assert.Equal("greta@nordlys.example", saved.RootElement.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal("https://nordlys.example/team", saved.RootElement.GetProperty("capture").GetProperty("pageUrl").GetString());
        Assert.Equal("via Manual; Robert Rep", saved.RootElement.GetProperty("unsubscribeHistory")[0].GetProperty("detail").GetString());
    }
}

public sealed class UnsubscribeHistoryTests : BunitContext
{
    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-0000000000cc");

    private const string Unsubscribed = """
        {"unsubscribed":true,"since":"2026-10-02T08:30:00+00:00","via":"Link","history":[
          {"kind":"Unsubscribe","source":"Manual","occurredAt":"2026-03-01T09:00:00+00:00","actorName":"Robert Rep","reason":"Asked on the phone","evidenceReference":null,"lookedLikeScanner":null},
          {"kind":"Resubscribe","source":"Admin","occurredAt":"2026-05-04T09:00:00+00:00","actorName":"Anna Admin","reason":null,"evidenceReference":"Ticket 42","lookedLikeScanner":null},
          {"kind":"Unsubscribe","source":"Link","occurredAt":"2026-10-02T08:30:00+00:00","actorName":"Greta Lind","reason":null,"evidenceReference":null,"lookedLikeScanner":false}]}
        """;

    private async Task<FakeApi> SignInAsync(UserRole role, string language = "en") =>
        (await this.AddSignedInExtensionAsync(language, role: role)).Api;

    private IRenderedComponent<UnsubscribeHistory> RenderHistory()
    {
        var view = Render<UnsubscribeHistory>(p => p.Add(v => v.ContactId, Id));
        view.WaitForElement("[data-testid=subscription-status]");
        return view;
    }

    [Fact]
    public async Task The_status_and_every_event_are_shown()
    {
        var api = await SignInAsync(UserRole.Rep);
        api.Answer(HttpStatusCode.OK, Unsubscribed);

        var view = RenderHistory();

        Assert.Equal("Unsubscribed on 2026-10-02 via the link in an email", view.Find("[data-testid=subscription-status]").TextContent.Trim());
        var events = view.FindAll("[data-testid=subscription-event]");
        Assert.Equal(3, events.Count);
        Assert.Contains("2026-03-01", events[0].TextContent);
        Assert.Equal("Unsubscribed", events[0].QuerySelector("[data-testid=event-kind]")!.TextContent);
        Assert.Contains("Robert Rep", events[0].TextContent);
        Assert.Contains("Asked on the phone", events[0].QuerySelector("[data-testid=event-reason]")!.TextContent);
        Assert.Equal("Resubscribed", events[1].QuerySelector("[data-testid=event-kind]")!.TextContent);
        Assert.Contains("Ticket 42", events[1].QuerySelector("[data-testid=event-evidence]")!.TextContent);
        Assert.Equal((HttpMethod.Get, $"/api/contacts/{Id}/subscription"), (api.Requests[0].Method, api.Requests[0].Path));
    }

    [Fact]
    public async Task A_subscribed_contact_can_be_unsubscribed_with_a_reason()
    {
        var api = await SignInAsync(UserRole.Rep);
        api.Answer(HttpStatusCode.OK, """{"unsubscribed":false,"since":null,"via":null,"history":[]}""");
        var view = RenderHistory();
        Assert.Equal("Subscribed", view.Find("[data-testid=subscription-status]").TextContent.Trim());

        api.Answer(HttpStatusCode.OK, Unsubscribed);
        view.Find("#unsubscribe-reason").Change("Asked on the phone");
        view.Find("[data-testid=unsubscribe-form]").Submit();

        view.WaitForAssertion(() => Assert.StartsWith("Unsubscribed on", view.Find("[data-testid=subscription-status]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal((HttpMethod.Post, $"/api/contacts/{Id}/unsubscribe"), (api.Requests[1].Method, api.Requests[1].Path));
        Assert.Contains("\"reason\":\"Asked on the phone\"", api.Requests[1].Body);
    }

    [Fact]
    public async Task The_lift_form_is_shown_to_an_admin()
    {
        var api = await SignInAsync(UserRole.Admin);
        api.Answer(HttpStatusCode.OK, Unsubscribed);

        var view = RenderHistory();

        Assert.Single(view.FindAll("[data-testid=lift-form]"));
    }

    [Fact]
    public async Task The_lift_form_is_not_shown_to_a_rep()
    {
        var api = await SignInAsync(UserRole.Rep);
        api.Answer(HttpStatusCode.OK, Unsubscribed);

        var view = RenderHistory();

        Assert.Empty(view.FindAll("[data-testid=lift-form]"));
        Assert.Empty(view.FindAll("[data-testid=unsubscribe-form]"));
        Assert.Equal("Only an Admin can lift an unsubscribe, with evidence of new consent.", view.Find("[data-testid=lift-admin-only]").TextContent);
    }

    [Fact]
    public async Task A_lift_without_evidence_is_explained_next_to_the_fields_and_nothing_is_sent()
    {
        var api = await SignInAsync(UserRole.Admin);
        api.Answer(HttpStatusCode.OK, Unsubscribed);
        var view = RenderHistory();

        view.Find("[data-testid=lift-form]").Submit();

        Assert.Equal("Is required.", view.Find("[data-field-error=evidenceReference]").TextContent);
        Assert.Single(view.FindAll("[data-field-error=consentDate]"));
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task A_lift_refused_by_the_api_shows_its_field_errors_translated_by_code()
    {
        var api = await SignInAsync(UserRole.Admin, "sv");
        api.Answer(HttpStatusCode.OK, Unsubscribed);
        var view = RenderHistory();
        api.Answer(HttpStatusCode.BadRequest, """
            {"status":400,"title":"The request is not valid.",
             "errors":{"consentDate":["Must not be in the future (the latest date accepted now is 2026-01-14)."],"evidenceReference":["Is required."]},
             "codes":{"consentDate":["consent_date_in_future"],"evidenceReference":["required"]}}
            """, "application/problem+json");

        view.Find("#lift-consent-date").Change("2026-01-15");
        view.Find("#lift-consent-purpose").Change("Nyhetsbrev");
        view.Find("#lift-evidence").Change("Ticket 42");
        view.Find("[data-testid=lift-form]").Submit();

        view.WaitForAssertion(() => Assert.Equal("Får inte ligga i framtiden.", view.Find("[data-field-error=consentDate]").TextContent));
        Assert.Equal("Måste fyllas i.", view.Find("[data-field-error=evidenceReference]").TextContent);
        Assert.Equal("true", view.Find("#lift-evidence").GetAttribute("aria-invalid"));
        Assert.Equal((HttpMethod.Post, $"/api/contacts/{Id}/resubscribe"), (api.Requests[1].Method, api.Requests[1].Path));
        Assert.Contains("\"evidenceReference\":\"Ticket 42\"", api.Requests[1].Body);
    }
}
