using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Client;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static ComplianceConnect.Api.Tests.Infrastructure.ContactApi;

namespace ComplianceConnect.Api.Tests;

/// <summary>The People page's API: search, filters, order, keyset paging, counts, the overview and bulk changes.</summary>
[Collection(ApiCollection.Name)]
public sealed class PeopleApiTests(ApiFactory factory)
{
    private static readonly DateOnly ConsentDay = new(2026, 11, 2);

    [Fact]
    public async Task Search_ignores_case_and_accents_and_also_looks_in_titles()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var asa = await CreateAsync(client, "Åsa", "Öberg", "Nordlys AB", "Head of Procurement");
        var bo = await CreateAsync(client, "Bo", "Berg", "Söderlund & Co", "CTO");

        Assert.Equal([asa.Id], await SearchIdsAsync(client, "oberg"));
        Assert.Equal([asa.Id], await SearchIdsAsync(client, "ÖBERG"));
        Assert.Equal([asa.Id], await SearchIdsAsync(client, "procurement"));
        Assert.Equal([asa.Id], await SearchIdsAsync(client, "  oberg   asa "));
        Assert.Equal([bo.Id], await SearchIdsAsync(client, "soderlund"));
        Assert.Equal(new[] { asa.Id, bo.Id }.Order(), (await SearchIdsAsync(client, "berg")).Order());
        Assert.Empty(await SearchIdsAsync(client, "berg%"));
        Assert.Empty(await SearchIdsAsync(client, "o_erg"));
    }

    [Fact]
    public async Task A_broad_search_is_told_from_a_narrow_one_by_the_statistics_and_finds_the_same_contacts_page_by_page()
    {
        // Nearly every contact in this database has an address at example.com or *.example: "exämple" is broad.
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var rare = Guid.NewGuid().ToString("N")[..12];
        var asa = (await client.Typed().CreateContactAsync(new CreateContactRequest { FirstName = "Åsa", LastName = "Öberg", Email = $"asa.{rare}@nordlys.example" })).AssertValue(HttpStatusCode.Created);
        var bo = (await client.Typed().CreateContactAsync(new CreateContactRequest { FirstName = "Bo", LastName = "Berg", Email = "bo@berg.example.com" })).AssertValue(HttpStatusCode.Created);
        var cy = (await client.Typed().CreateContactAsync(new CreateContactRequest { FirstName = "Cy", LastName = "Ek", Company = "Example Ltd" })).AssertValue(HttpStatusCode.Created);
        (await client.Typed().CreateContactAsync(new CreateContactRequest { FirstName = "Kim", LastName = "Udd", Email = "kim@udd.ax" })).AssertValue(HttpStatusCode.Created);
        await factory.ExecuteAsOwnerAsync("ANALYZE contacts");

        Assert.InRange(await ShareAsync("exämple"), Api.Features.Contacts.ContactList.BroadShare, 1.0);
        Assert.InRange(await ShareAsync(rare), 0.0, Api.Features.Contacts.ContactList.BroadShare - 0.01);
        Assert.Equal(0.0, await ShareAsync("   "));

        var first = (await client.Typed().ListContactsAsync(new ContactQuery { Filter = new ContactFilter { Search = "EXÄMPLE" }, PageSize = 2 })).AssertValue();
        var second = (await client.Typed().ListContactsAsync(new ContactQuery
        {
            Filter = new ContactFilter { Search = "EXÄMPLE" }, PageSize = 2, Cursor = first.NextCursor, WithTotal = false,
        })).AssertValue();

        Assert.Equal(3, first.Total);
        Assert.Null(second.Total); // paging on: the client keeps the first page's total, the API does not count again
        Assert.Null(second.NextCursor);
        Assert.Equal([bo.Id, cy.Id, asa.Id], first.Items.Concat(second.Items).Select(c => c.Id));
        Assert.Equal([asa.Id], await SearchIdsAsync(client, rare));

        async Task<double> ShareAsync(string query)
        {
            await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT set_config('app.organization_id', @org::text, false), contacts_matching_share(@q)", connection);
            command.Parameters.AddWithValue("org", tenant.Organization.Id);
            command.Parameters.AddWithValue("q", query);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return reader.GetDouble(1);
        }
    }

    [Fact]
    public async Task Folding_with_the_fast_path_for_ascii_gives_exactly_what_the_full_translation_gives()
    {
        string[] samples =
        [
            "Åsa Öberg-Ärlig <asa@nordlys.example>", "ASCII only, 123 @ example.com", "", " ", "Łódź Straße Þór Ærø Ğ İ",
            "München 日本 Ωmega", "àáâãäåāăąÀÁÂÃÄÅĀĂĄæÆçćčĉċÇĆČĈĊďđðĎĐÐèéêëēĕėęěÈÉÊËĒĔĖĘĚğĝġģĞĜĠĢĥħĤĦìíîïĩīĭįıÌÍÎÏĨĪĬĮİĵĴķĶĺļľŀłĹĻĽĿŁ",
            "ñńņňÑŃŅŇòóôõöøōŏőœÒÓÔÕÖØŌŎŐŒŕŗřŔŖŘśŝşšșßŚŜŞŠȘţťŧțŢŤŦȚùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲŵŴýÿŷÝŸŶźżžŹŻŽþÞ", "MiXeD CaSe Ü",
        ];
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FILTER (WHERE contact_fold(t) IS DISTINCT FROM {Api.Infrastructure.Migrations.PeopleSql.FoldExpression}), " +
            "string_agg(contact_fold(t), '|' ORDER BY o) FROM unnest(@samples) WITH ORDINALITY AS x(t, o)", connection);
        command.Parameters.AddWithValue("samples", samples);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.Equal(0L, reader.GetInt64(0));
        Assert.StartsWith("asa oberg-arlig <asa@nordlys.example>|ascii only, 123 @ example.com|| |lodz strase ", reader.GetString(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_order_pages_by_cursor_without_gaps_or_repeats_and_counts_every_match()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        await SeedAsync(tenant, 45, "Same");
        var expected = (await AllPagesAsync(client, new ContactQuery { PageSize = 200 })).Select(c => c.Id).ToList();

        var pages = new List<ContactPage>();
        string? cursor = null;
        do
        {
            var page = (await client.Typed().ListContactsAsync(new ContactQuery { PageSize = 10, Cursor = cursor })).AssertValue();
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(5, pages.Count);
        Assert.All(pages, p => Assert.Equal(45, p.Total));
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(c => c.Id));
        Assert.Equal(45, expected.Distinct().Count());
        // Equal last names ("Same") are ordered by first name, then by id: a stable order with ties.
        var names = pages.SelectMany(p => p.Items).Select(c => c.FirstName).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData(ContactSort.Name, false)]
    [InlineData(ContactSort.Company, true)]
    [InlineData(ContactSort.Title, false)]
    [InlineData(ContactSort.Email, true)]
    [InlineData(ContactSort.Authorization, false)]
    [InlineData(ContactSort.Source, true)]
    [InlineData(ContactSort.Created, true)]
    [InlineData(ContactSort.Updated, false)]
    public async Task Every_column_sorts_and_pages_to_the_same_rows_as_one_big_page(ContactSort sort, bool descending)
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        await SeedAsync(tenant, 23, "Sorted");
        var withBasis = await CreateAsync(client, "Zed", "Alpha", null, null);
        await client.PutCardAsync(withBasis.Id, Edit(withBasis.Card, AuthorizationType.LegitimateInterest));

        var oneBigPage = (await client.Typed().ListContactsAsync(new ContactQuery { Sort = sort, Descending = descending, PageSize = 200 })).AssertValue();
        var paged = await AllPagesAsync(client, new ContactQuery { Sort = sort, Descending = descending, PageSize = 4 });

        Assert.Equal(24, oneBigPage.Total);
        Assert.Equal(oneBigPage.Items.Select(c => c.Id), paged.Select(c => c.Id));
    }

    [Fact]
    public async Task Name_order_ignores_case_and_accents_and_puts_contacts_without_a_name_last()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var nameless = (await client.Typed().CreateContactAsync(new CreateContactRequest { Email = "noname@example.com" })).AssertValue(HttpStatusCode.Created);
        var zeta = await CreateAsync(client, "Ann", "zeta", null, null);
        var oberg = await CreateAsync(client, "Åsa", "Öberg", null, null);
        var adams = await CreateAsync(client, "Al", "Adams", null, null);

        var page = (await client.Typed().ListContactsAsync()).AssertValue();

        Assert.Equal([adams.Id, oberg.Id, zeta.Id, nameless.Id], page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Filters_by_legal_basis_source_creator_and_dates_and_counts_each()
    {
        var tenant = await factory.CreateTenantAsync();
        var rep = await tenant.RepClientAsync();
        var admin = await tenant.AdminClientAsync();
        var repOwn = await CreateAsync(rep, "Rita", "Own", null, null);
        var repBased = await CreateAsync(rep, "Rolf", "Based", null, null);
        await rep.PutCardAsync(repBased.Id, Edit(repBased.Card, AuthorizationType.LegitimateInterest));
        var adminOwn = await CreateAsync(admin, "Adam", "Other", null, null);
        var captured = await (await rep.PostAsJsonAsync(ApiRoutes.Capture,
            new CaptureRequest { FirstName = "Cecilia", LastName = "Captured", PageUrl = "https://nordlys.example/team" }, Json.Options))
            .ReadAsync<CaptureResponse>(HttpStatusCode.Created);
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

        async Task<(int Total, string Ids)> List(ContactFilter filter)
        {
            var page = (await rep.Typed().ListContactsAsync(new ContactQuery { Filter = filter })).AssertValue();
            var counted = (await rep.Typed().CountContactsAsync(filter)).AssertValue(); // the People page's own count request
            Assert.Equal(page.Total, counted.Total);
            return (page.Total ?? -1, Ids(page.Items.Select(c => c.Id).ToArray()));
        }

        static string Ids(params Guid[] ids) => string.Join(",", ids.Order());

        Assert.Equal((1, Ids(repBased.Id)), await List(new ContactFilter { Authorization = AuthorizationType.LegitimateInterest }));
        Assert.Equal((3, Ids(repOwn.Id, adminOwn.Id, captured.Contact.Id)), await List(new ContactFilter { WithoutAuthorization = true }));
        Assert.Equal((1, Ids(captured.Contact.Id)), await List(new ContactFilter { Source = SourceType.ChromeExtension }));
        Assert.Equal((3, Ids(repOwn.Id, repBased.Id, captured.Contact.Id)), await List(new ContactFilter { CapturedByMe = true }));
        Assert.Equal((2, Ids(repOwn.Id, captured.Contact.Id)), await List(new ContactFilter { CapturedByMe = true, WithoutAuthorization = true }));
        Assert.Equal(4, (await List(new ContactFilter { CreatedFrom = today, CreatedTo = today })).Total);
        Assert.Equal(0, (await List(new ContactFilter { CreatedFrom = today.AddDays(1) })).Total);
        Assert.Equal(0, (await List(new ContactFilter { UpdatedTo = today.AddDays(-1) })).Total);
        Assert.Equal((1, Ids(adminOwn.Id)), await List(new ContactFilter { Search = "adam", WithoutAuthorization = true }));
    }

    [Theory]
    [InlineData("createdFrom=2026-05-02&createdTo=2026-05-01", "createdTo")]
    [InlineData("createdFrom=yesterday", "createdFrom")]
    [InlineData("capturedByMe=perhaps", "capturedByMe")]
    [InlineData("createdFrom=1.5", "createdFrom")]
    [InlineData("subscription=Maybe", "subscription")]
    public async Task A_bad_filter_is_a_400_naming_it_from_the_list_and_from_the_count(string query, string field)
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        Assert.NotEmpty(await (await client.GetAsync(ApiRoutes.Contacts + "?" + query)).AssertFieldErrorAsync(field));
        Assert.NotEmpty(await (await client.GetAsync(ApiRoutes.ContactCount + "?" + query)).AssertFieldErrorAsync(field));
    }

    [Fact]
    public async Task A_cursor_of_another_order_is_refused()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        await SeedAsync(tenant, 3, "Cursor");
        var byName = (await client.Typed().ListContactsAsync(new ContactQuery { PageSize = 1 })).AssertValue();

        var byCompany = await client.Typed().ListContactsAsync(new ContactQuery { PageSize = 1, Sort = ContactSort.Company, Cursor = byName.NextCursor });

        Assert.Equal(["cursor_invalid"], byCompany.AssertProblem(HttpStatusCode.BadRequest).Codes!["cursor"]);
    }

    [Fact]
    public async Task The_list_filters_by_subscription_status_and_the_overview_counts_the_unsubscribed()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var gone = await client.CreateContactAsync("Gone");
        var staying = await client.CreateContactAsync("Staying");
        (await client.PostAsJsonAsync($"{ApiRoutes.Contact(gone.Id)}/unsubscribe", new ManualUnsubscribeRequest(), Json.Options)).EnsureSuccessStatusCode();

        var unsubscribed = (await client.Typed().ListContactsAsync(new ContactQuery { Filter = new ContactFilter { Unsubscribed = true } })).AssertValue();
        var subscribed = (await client.Typed().ListContactsAsync(new ContactQuery { Filter = new ContactFilter { Unsubscribed = false } })).AssertValue();
        var overview = (await client.Typed().GetOverviewAsync()).AssertValue();

        Assert.Equal([gone.Id], unsubscribed.Items.Select(c => c.Id));
        Assert.Equal([staying.Id], subscribed.Items.Select(c => c.Id));
        Assert.Equal((2, 1), (overview.Total, overview.Unsubscribed));
    }

    [Fact]
    public async Task The_overview_counts_contacts_by_legal_basis_and_source()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        await SeedAsync(tenant, 7, "Overview");
        var based = await CreateAsync(client, "Lena", "Legit", null, null);
        await client.PutCardAsync(based.Id, Edit(based.Card, AuthorizationType.LegitimateInterest));
        await CreateAsync(await (await factory.CreateTenantAsync()).RepClientAsync(), "Not", "Ours", null, null);

        var overview = (await client.Typed().GetOverviewAsync()).AssertValue();

        Assert.Equal(8, overview.Total);
        Assert.Equal(7, overview.WithoutLegalBasis);
        Assert.Equal(1, overview.ByAuthorization.Single(a => a.Type == AuthorizationType.LegitimateInterest).Count);
        Assert.Equal(0, overview.ByAuthorization.Single(a => a.Type == AuthorizationType.Consent).Count);
        Assert.Equal(Enum.GetValues<AuthorizationType>().Length, overview.ByAuthorization.Count);
        Assert.Equal(7, overview.BySource.Single(s => s.Type == SourceType.Import).Count);
        Assert.Equal(1, overview.BySource.Single(s => s.Type == SourceType.ManualUpload).Count);
    }

    [Fact]
    public async Task Bulk_consent_by_ids_sets_date_and_purpose_on_each_and_audits_each_changed_contact_once()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var contacts = new[] { await CreateAsync(client, "A", "One", null, null), await CreateAsync(client, "B", "Two", null, null), await CreateAsync(client, "C", "Three", null, null) };

        var result = (await client.Typed().BulkSetAuthorizationAsync(new BulkAuthorizationRequest
        {
            Ids = [.. contacts.Select(c => c.Id)],
            AuthorizationType = AuthorizationType.Consent,
            ConsentDate = ConsentDay,
            ConsentPurpose = "Newsletter",
        })).AssertValue();

        Assert.Equal(3, result.Updated);
        Assert.Empty(result.NotFound);
        foreach (var contact in contacts)
        {
            var card = await client.GetCardAsync(contact.Id);
            Assert.Equal((AuthorizationType.Consent, ConsentDay, "Newsletter"), (card.AuthorizationType!.Value, card.ConsentDate!.Value, card.ConsentPurpose!));
            var bulkEntry = Assert.Single(await client.GetAuditAsync(contact.Id), e => e.Channel == Channels.Bulk);
            Assert.Equal("contact.compliance-card-changed", bulkEntry.Action);
            Assert.Equal("Robert Rep", bulkEntry.ActorName);
        }
    }

    [Fact]
    public async Task A_bulk_change_with_one_invalid_value_changes_nothing_and_names_the_field()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var contact = await CreateAsync(client, "Ina", "Valid", null, null);

        var result = await client.Typed().BulkSetAuthorizationAsync(new BulkAuthorizationRequest
        {
            Ids = [contact.Id],
            AuthorizationType = AuthorizationType.Consent,
            ConsentDate = ConsentDay,
        });
        var source = await client.Typed().BulkSetSourceAsync(new BulkSourceRequest { Ids = [contact.Id], SourceType = SourceType.Other });

        Assert.Equal(["consent_purpose_required"], result.AssertProblem(HttpStatusCode.BadRequest).Codes!["consentPurpose"]);
        Assert.Equal(["description_required_for_other"], source.AssertProblem(HttpStatusCode.BadRequest).Codes!["sourceDescription"]);
        Assert.Equal(contact.Card, await client.GetCardAsync(contact.Id));
        Assert.Single(await client.GetAuditAsync(contact.Id));
    }

    [Fact]
    public async Task Ids_of_another_organization_are_untouched_and_reported_as_not_found()
    {
        var ours = await (await factory.CreateTenantAsync()).RepClientAsync();
        var theirs = await (await factory.CreateTenantAsync()).RepClientAsync();
        var mine = await CreateAsync(ours, "Mine", "Ours", null, null);
        var foreign = await CreateAsync(theirs, "Their", "Contact", null, null);
        var unknown = Guid.NewGuid();

        var result = (await ours.Typed().BulkSetSourceAsync(new BulkSourceRequest
        {
            Ids = [mine.Id, foreign.Id, unknown],
            SourceType = SourceType.Other,
            SourceDescription = "Trade fair 2026",
        })).AssertValue();

        Assert.Equal(1, result.Updated);
        Assert.Equal(new[] { foreign.Id, unknown }.Order(), result.NotFound.Order());
        Assert.Equal(SourceType.Other, (await ours.GetCardAsync(mine.Id)).SourceType);
        Assert.Equal(foreign.Card, await theirs.GetCardAsync(foreign.Id));
        Assert.Single(await theirs.GetAuditAsync(foreign.Id));
    }

    [Fact]
    public async Task Bulk_by_filter_changes_every_match_in_one_statement_and_refuses_a_count_that_no_longer_matches()
    {
        const int seeded = 3000;
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        await SeedAsync(tenant, seeded, "Filtered");
        var outside = await CreateAsync(client, "Olle", "Outside", null, null);
        await client.PutCardAsync(outside.Id, Edit(outside.Card, AuthorizationType.PerformanceOfContract));
        var filter = new ContactFilter { WithoutAuthorization = true, Source = SourceType.Import };
        var request = new BulkAuthorizationRequest { Filter = filter, ExpectedCount = seeded - 1, AuthorizationType = AuthorizationType.LegitimateInterest };

        var stale = await client.Typed().BulkSetAuthorizationAsync(request);
        var unchanged = (await client.Typed().GetOverviewAsync()).AssertValue();
        var done = (await client.Typed().BulkSetAuthorizationAsync(request with { ExpectedCount = seeded })).AssertValue();
        var after = (await client.Typed().GetOverviewAsync()).AssertValue();

        var conflict = stale.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("selection_changed", conflict.Code);
        Assert.Equal(seeded, unchanged.WithoutLegalBasis);
        Assert.Equal(seeded, done.Updated);
        Assert.Equal(0, after.WithoutLegalBasis);
        Assert.Equal(seeded, after.ByAuthorization.Single(a => a.Type == AuthorizationType.LegitimateInterest).Count);
        Assert.Equal(AuthorizationType.PerformanceOfContract, (await client.GetCardAsync(outside.Id)).AuthorizationType);
        Assert.Equal((seeded, seeded), await BulkAuditEntriesAsync(tenant));
    }

    [Fact]
    public async Task Bulk_by_a_few_thousand_ids_changes_them_all_in_one_request()
    {
        const int seeded = 2500;
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        await SeedAsync(tenant, seeded, "Many");
        var ids = await IdsAsync(tenant);

        var result = (await client.Typed().BulkSetSourceAsync(new BulkSourceRequest { Ids = ids, SourceType = SourceType.CrmSync })).AssertValue();

        Assert.Equal(seeded, result.Updated);
        Assert.Empty(result.NotFound);
        Assert.Equal(seeded, (await client.Typed().GetOverviewAsync()).AssertValue().BySource.Single(s => s.Type == SourceType.CrmSync).Count);
        Assert.Equal((seeded, seeded), await BulkAuditEntriesAsync(tenant));
    }

    [Fact]
    public async Task Bulk_by_a_filter_with_a_search_changes_only_the_contacts_the_search_finds()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var oberg = await CreateAsync(client, "Åsa", "Öberg", null, null);
        var other = await CreateAsync(client, "Bo", "Lind", null, null);

        var result = (await client.Typed().BulkSetAuthorizationAsync(new BulkAuthorizationRequest
        {
            Filter = new ContactFilter { Search = "oberg" },
            ExpectedCount = 1,
            AuthorizationType = AuthorizationType.Other,
            AuthorizationDescription = "Works council agreement",
        })).AssertValue();

        Assert.Equal(1, result.Updated);
        var card = await client.GetCardAsync(oberg.Id);
        Assert.Equal((AuthorizationType.Other, "Works council agreement"), (card.AuthorizationType!.Value, card.AuthorizationDescription!));
        Assert.Null((await client.GetCardAsync(other.Id)).AuthorizationType);
    }

    [Theory]
    [InlineData("""{"authorizationType":"LegitimateInterest"}""", "ids")]
    [InlineData("""{"ids":[],"authorizationType":"LegitimateInterest"}""", "ids")]
    [InlineData("""{"filter":{},"authorizationType":"LegitimateInterest"}""", "expectedCount")]
    [InlineData("""{"ids":["0b6f3f0e-7a43-4d0c-9d4e-2f1c5d0b9a11"],"expectedCount":1,"authorizationType":"LegitimateInterest"}""", "expectedCount")]
    [InlineData("""{"ids":["0b6f3f0e-7a43-4d0c-9d4e-2f1c5d0b9a11"]}""", "authorizationType")]
    [InlineData("""{"ids":["0b6f3f0e-7a43-4d0c-9d4e-2f1c5d0b9a11"],"authorizationType":"LegitimateInterest","consentDate":"2026-01-01"}""", "consentDate")]
    public async Task A_bad_bulk_request_is_a_400_naming_the_field(string body, string field)
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        var response = await client.PostAsync(ApiRoutes.BulkAuthorization, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.NotEmpty(await response.AssertFieldErrorAsync(field));
    }

    [Fact]
    public async Task Editing_the_email_to_another_contacts_is_a_409_naming_that_contact()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var first = await CreateAsync(client, "First", "Person", null, null);
        var second = await CreateAsync(client, "Second", "Person", null, null);

        var response = await client.PutAsJsonAsync(ApiRoutes.Contact(second.Id),
            new UpdateContactRequest { FirstName = "Second", LastName = "Person", Email = first.Email, Title = "CEO", Version = second.Card.Version }, Json.Options);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("duplicate_contact", problem.Code);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(first.Id, body.GetProperty("existingContactId").GetGuid());
        Assert.Equal("First Person", body.GetProperty("existingContactName").GetString());
        Assert.Null((await client.Typed().GetContactAsync(second.Id)).AssertValue().Title);
    }

    private static async Task<ContactDto> CreateAsync(HttpClient client, string first, string last, string? company, string? title) =>
        (await client.Typed().CreateContactAsync(new CreateContactRequest
        {
            FirstName = first,
            LastName = last,
            Email = $"{Guid.NewGuid():N}@example.com",
            Company = company,
            Title = title,
        })).AssertValue(HttpStatusCode.Created);

    private static async Task<Guid[]> SearchIdsAsync(HttpClient client, string text)
    {
        var page = (await client.Typed().SearchContactsAsync(text)).AssertValue();
        Assert.Equal(page.Items.Count, page.Total);
        return [.. page.Items.Select(c => c.Id)];
    }

    private static async Task<List<ContactDto>> AllPagesAsync(HttpClient client, ContactQuery query)
    {
        var all = new List<ContactDto>();
        string? cursor = null;
        do
        {
            var page = (await client.Typed().ListContactsAsync(query with { Cursor = cursor })).AssertValue();
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>
    /// <paramref name="count"/> imported contacts without a legal basis, in one INSERT … SELECT inside the
    /// organization's unit of work (as the API's role, audited like any import). Companies and titles repeat,
    /// so sorting by them has ties.
    /// </summary>
    private async Task SeedAsync(TestTenant tenant, int count, string lastName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
            .BeginAsync(new WorkContext(tenant.Organization.Id, Actor.System("test seed"), Channels.Import));
        var organization = tenant.Organization.Id;
        var now = factory.Clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO contacts (organization_id, id, first_name, last_name, email, email_normalized, company, title, source_type, created_at, updated_at)
            SELECT {organization}, gen_random_uuid(), 'P' || lpad(i::text, 5, '0'), {lastName},
                   'seed' || i || '@seed.example', 'seed' || i || '@seed.example',
                   CASE WHEN i % 3 = 0 THEN NULL ELSE 'Company ' || (i % 4) END, 'Title ' || (i % 2), 'Import',
                   {now} - make_interval(secs => i % 5), {now}
            FROM generate_series(1, {count}) i
            """);
        await work.CommitAsync();
    }

    /// <summary>The ids of the organization's contacts (as the owner, behind the API).</summary>
    private async Task<List<Guid>> IdsAsync(TestTenant tenant)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM contacts WHERE organization_id = @org", connection);
        command.Parameters.AddWithValue("org", tenant.Organization.Id);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>The organization's audit entries on channel bulk, and how many contacts they are about (as the owner, behind the API).</summary>
    private async Task<(long Entries, long Contacts)> BulkAuditEntriesAsync(TestTenant tenant)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT contact_id) FROM audit_entries WHERE organization_id = @org AND channel = 'bulk'", connection);
        command.Parameters.AddWithValue("org", tenant.Organization.Id);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
