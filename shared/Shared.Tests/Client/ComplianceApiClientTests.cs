using System.Net;
using ComplianceConnect.Shared.Client;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Shared.Tests.Client;

public sealed class ComplianceApiClientTests
{
    private const string CardJson = """
        {"contactId":"6f1c1a52-5d8c-4c1e-9a57-3f0e2b7c9d10","authorizationType":null,"authorizationDescription":null,"consentDate":null,"consentPurpose":null,
         "sourceType":"ManualUpload","sourceDescription":null,"sourceUrl":null,"capturedAt":null,"version":7}
        """;

    private readonly FakeHandler _api = new();

    private ComplianceApiClient Client(string address = "https://api.test/", ComplianceApiClientOptions? options = null) =>
        new(new HttpClient(_api) { BaseAddress = new Uri(address) }, options);

    [Fact]
    public async Task A_search_escapes_its_text_and_sends_every_filter_by_name()
    {
        _api.Answer(HttpStatusCode.OK, """{"items":[],"total":12,"nextCursor":"abc"}""");

        var result = await Client().ListContactsAsync(new ContactQuery
        {
            Filter = new ContactFilter
            {
                Search = "anna & co/ö?",
                Authorization = AuthorizationType.LegitimateInterest,
                Source = SourceType.ChromeExtension,
                CapturedByMe = true,
                CreatedFrom = new DateOnly(2026, 1, 2),
                UpdatedTo = new DateOnly(2026, 3, 4),
            },
            Sort = ContactSort.Company,
            Descending = true,
            Cursor = "c+/=",
            PageSize = 10,
        });

        Assert.True(result.IsSuccess);
        Assert.Equal((12, "abc"), (result.Value!.Total, result.Value.NextCursor));
        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal(
            "https://api.test/api/contacts?q=anna%20%26%20co%2F%C3%B6%3F&authorization=LegitimateInterest&source=ChromeExtension&capturedByMe=true" +
            "&createdFrom=2026-01-02&updatedTo=2026-03-04&sort=Company&descending=true&cursor=c%2B%2F%3D&pageSize=10",
            sent.Uri);
        Assert.Null(sent.Body);
    }

    [Fact]
    public async Task Contacts_without_a_legal_basis_are_asked_for_as_None()
    {
        _api.Answer(HttpStatusCode.OK, """{"items":[],"total":0,"nextCursor":null}""");

        await Client().ListContactsAsync(new ContactQuery { Filter = new ContactFilter { WithoutAuthorization = true } });

        Assert.Equal("https://api.test/api/contacts?authorization=None", _api.Requests.Single().Uri);
    }

    [Fact]
    public async Task A_lookup_leaves_out_a_blank_value()
    {
        _api.Answer(HttpStatusCode.NotFound);

        var result = await Client().LookupContactAsync(" ", "https://www.linkedin.com/in/ann");

        Assert.Equal("https://api.test/api/contacts/lookup?linkedIn=https%3A%2F%2Fwww.linkedin.com%2Fin%2Fann", _api.Requests.Single().Uri);
        Assert.Equal((false, 404), (result.IsSuccess, result.Status));
    }

    [Fact]
    public async Task A_card_edit_is_a_put_of_camel_case_json_with_the_token_and_the_client_name()
    {
        var id = Guid.Parse("6f1c1a52-5d8c-4c1e-9a57-3f0e2b7c9d10");
        _api.Answer(HttpStatusCode.OK, CardJson);
        var client = Client(options: new ComplianceApiClientOptions { ClientName = "extension" }).WithAccessToken("tok");

        var result = await client.UpdateCardAsync(id, new UpdateComplianceCardRequest(
            AuthorizationType.Consent, null, new DateOnly(2025, 3, 1), "Newsletter", SourceType.ManualUpload, null, 7));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal((HttpMethod.Put, $"https://api.test/api/contacts/{id}/card"), (sent.Method, sent.Uri));
        Assert.Equal(("Bearer tok", "extension", "application/json"), (sent.Authorization, sent.Client, sent.MediaType));
        Assert.Contains("\"authorizationType\":\"Consent\"", sent.Body);
        Assert.Contains("\"consentDate\":\"2025-03-01\"", sent.Body);
        Assert.Contains("\"version\":7", sent.Body);
        Assert.Equal(7u, result.Value!.Version);
    }

    [Fact]
    public async Task Without_options_no_token_and_no_client_name_are_sent()
    {
        _api.Answer(HttpStatusCode.OK, """{"valid":true,"entriesChecked":3,"firstBrokenSequence":null,"reason":null}""");

        var result = await Client().VerifyAuditAsync();

        var sent = _api.Requests.Single();
        Assert.Equal(("https://api.test/api/audit/verify", null, null), (sent.Uri, sent.Authorization, sent.Client));
        Assert.Equal(3, result.Value!.EntriesChecked);
    }

    [Fact]
    public async Task The_token_provider_is_asked_for_every_request()
    {
        _api.Answer(HttpStatusCode.OK, "[]").Answer(HttpStatusCode.OK, "[]");
        var issued = 0;
        var client = Client(options: new ComplianceApiClientOptions { AccessToken = _ => ValueTask.FromResult<string?>($"t{++issued}") });

        await client.ListUsersAsync();
        await client.ListUsersAsync();

        Assert.Equal(["Bearer t1", "Bearer t2"], _api.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_path_prefix_of_the_address_is_kept()
    {
        _api.Answer(HttpStatusCode.OK, CardJson);
        var id = Guid.NewGuid();

        await Client(options: new ComplianceApiClientOptions { BaseAddress = new Uri("https://proxy.test/cc") }).GetCardAsync(id);

        Assert.Equal($"https://proxy.test/cc/api/contacts/{id}/card", _api.Requests.Single().Uri);
    }

    [Fact]
    public async Task A_validation_problem_comes_back_with_its_field_errors()
    {
        _api.Answer(HttpStatusCode.BadRequest, """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,
             "errors":{"consentPurpose":["Is required when the legal basis is Consent."]}}
            """, "application/problem+json");

        var result = await Client().CreateContactAsync(new CreateContactRequest { FirstName = "Ann", AuthorizationType = AuthorizationType.Consent });

        Assert.Equal((false, 400, null), (result.IsSuccess, result.Status, result.Value));
        Assert.Equal("One or more validation errors occurred.", result.Problem!.Title);
        Assert.Equal(["Is required when the legal basis is Consent."], result.FieldErrors["consentPurpose"]);
        Assert.Equal(HttpMethod.Post, _api.Requests.Single().Method);
    }

    [Fact]
    public async Task A_failure_without_a_problem_document_still_has_its_status()
    {
        _api.Answer(HttpStatusCode.BadGateway, "<html>Bad gateway</html>", "text/html");

        var result = await Client().GetContactAsync(Guid.NewGuid());

        Assert.Equal((502, null, null), (result.Status, result.Problem, result.NetworkError));
        Assert.Empty(result.FieldErrors);
    }

    [Fact]
    public async Task Sign_out_answers_204_as_success_without_a_value()
    {
        _api.Answer(HttpStatusCode.NoContent);

        var result = await Client().SignOutAsync(new SignOutRequest("refresh-1"));

        Assert.Equal((true, 204), (result.IsSuccess, result.Status));
        var sent = _api.Requests.Single();
        Assert.Equal((HttpMethod.Post, "https://api.test/api/auth/sign-out", """{"refreshToken":"refresh-1"}"""), (sent.Method, sent.Uri, sent.Body));
    }

    [Fact]
    public async Task An_unreachable_api_is_a_network_error_naming_its_address()
    {
        _api.Fail(new HttpRequestException("Connection refused"));

        var result = await Client("http://127.0.0.1:9/").SignInAsync(new SignInRequest("a@example.com", "pw"));

        Assert.Equal((false, 0, null, "http://127.0.0.1:9"), (result.IsSuccess, result.Status, result.Problem, result.NetworkError));
    }

    [Fact]
    public async Task A_cancelled_call_is_cancelled_not_a_network_error()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        _api.Fail(new TaskCanceledException());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetCurrentUserAsync(cancel.Token));
    }

    [Fact]
    public async Task A_failure_converts_to_another_result_type_unchanged()
    {
        var failure = new ApiResult<ContactDto>(null, 409, new() { Title = "Conflict" }, null);

        var other = failure.As<CaptureResponse>();

        Assert.Equal((409, "Conflict"), (other.Status, other.Problem!.Title));
    }
}
