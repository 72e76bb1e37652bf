using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Features.Erasure;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.Contacts;

public static class ContactsApi
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Contacts).WithTags("Contacts").RequireAuthorization().Validate();
        group.ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", List);
        group.MapGet("/count", Count);
        group.MapGet("/overview", Overview);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/lookup", Lookup);
        group.MapPost("/", Create);
        group.MapPut("/{id:guid}", Update);
        return app;
    }

    /// <summary>
    /// The People page's list: search (every word, in name, email, company or title, case and accents ignored),
    /// filters, order by any column, keyset paging by <c>cursor</c>, and the total count (left out with <c>total=false</c>).
    /// </summary>
    public static async Task<Results<Ok<ContactPage>, ValidationProblem>> List(
        AppDbContext db, CurrentUser user,
        string? q, string? authorization, string? source, bool? capturedByMe, string? subscription,
        string? createdFrom, string? createdTo, string? updatedFrom, string? updatedTo,
        string? sort, bool? descending, string? cursor, bool? total, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add(nameof(pageSize), ValidationCodes.OutOfRange, $"Must be between 1 and {MaxPageSize}.");
        }

        var order = ContactSort.Name;
        if (sort is not null && !StrictEnum.TryParse(sort, out order))
        {
            errors.Add(nameof(sort), ValidationCodes.UnknownValue, $"Is not a known value. {ComplianceRules.AllowedValues<ContactSort>()}", ComplianceRules.Names<ContactSort>());
        }

        var filter = ParseFilter(errors, q, authorization, source, capturedByMe, subscription, createdFrom, createdTo, updatedFrom, updatedTo);
        if (!errors.IsValid)
        {
            return Problems.Validation(errors);
        }

        var query = await MatchingAsync(db, user, filter, ct);
        // A client paging on by cursor already has the total: "total=false" spares the count (for a broad search,
        // a test of every row of the organization), so a page 500 deep costs what the first page's rows do.
        int? count = total ?? true ? await query.CountAsync(ct) : null;
        if (await ContactList.PageAsync(query, order, descending ?? false, cursor, pageSize, ct) is not { } page)
        {
            return Problems.Validation(nameof(cursor), ValidationCodes.CursorInvalid, "Is not a cursor of this list in this order: start again from the first page.");
        }

        return TypedResults.Ok(new ContactPage(page.Items.Select(c => c.ToDto()).ToList(), count, page.NextCursor));
    }

    /// <summary>
    /// How many contacts the People list's filter matches (the same query parameters as the list). The People page
    /// asks for it next to the first page's rows (with <c>total=false</c>), so the rows show without waiting for it:
    /// for a broad search the count tests every row of the organization, the page reads 50 along the sort index.
    /// </summary>
    public static async Task<Results<Ok<ContactCount>, ValidationProblem>> Count(
        AppDbContext db, CurrentUser user,
        string? q, string? authorization, string? source, bool? capturedByMe, string? subscription,
        string? createdFrom, string? createdTo, string? updatedFrom, string? updatedTo, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var filter = ParseFilter(errors, q, authorization, source, capturedByMe, subscription, createdFrom, createdTo, updatedFrom, updatedTo);
        if (!errors.IsValid)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(new ContactCount(await (await MatchingAsync(db, user, filter, ct)).CountAsync(ct)));
    }

    /// <summary>The list's contacts for <paramref name="filter"/>, its search planned from the statistics (<see cref="ContactList.PlanSearchAsync"/>).</summary>
    private static async Task<IQueryable<Contact>> MatchingAsync(AppDbContext db, CurrentUser user, ContactFilter filter, CancellationToken ct) =>
        db.Contacts.AsNoTracking().Matching(db, filter, user.UserId, await ContactList.PlanSearchAsync(db, filter, ct));

    /// <summary>The query parameters of the list as a filter; broken ones are added to <paramref name="errors"/>.</summary>
    private static ContactFilter ParseFilter(
        ValidationErrors errors, string? q, string? authorization, string? source, bool? capturedByMe, string? subscription,
        string? createdFromText, string? createdToText, string? updatedFromText, string? updatedToText)
    {
        // Dates only as yyyy-MM-dd: the framework's binder would also take "1.5" or "1,2" as some date.
        DateOnly? Day(string name, string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            {
                return day;
            }

            errors.Add(name, ValidationCodes.InvalidValue, "Must be a date written as yyyy-MM-dd.");
            return null;
        }

        var createdFrom = Day("createdFrom", createdFromText);
        var createdTo = Day("createdTo", createdToText);
        var updatedFrom = Day("updatedFrom", updatedFromText);
        var updatedTo = Day("updatedTo", updatedToText);
        var filter = new ContactFilter
        {
            Search = string.IsNullOrWhiteSpace(q) ? null : q,
            CapturedByMe = capturedByMe ?? false,
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
            UpdatedFrom = updatedFrom,
            UpdatedTo = updatedTo,
        };
        if (authorization is not null)
        {
            if (authorization.Equals("None", StringComparison.OrdinalIgnoreCase))
            {
                filter = filter with { WithoutAuthorization = true };
            }
            else if (StrictEnum.TryParse<AuthorizationType>(authorization, out var type))
            {
                filter = filter with { Authorization = type };
            }
            else
            {
                errors.Add(nameof(authorization), ValidationCodes.UnknownValue, $"Is not a known value. {ComplianceRules.AllowedValues<AuthorizationType>()[..^1]}, None.");
            }
        }

        if (source is not null)
        {
            if (StrictEnum.TryParse<SourceType>(source, out var sourceType))
            {
                filter = filter with { Source = sourceType };
            }
            else
            {
                errors.Add(nameof(source), ValidationCodes.UnknownValue, $"Is not a known value. {ComplianceRules.AllowedValues<SourceType>()}");
            }
        }

        switch (subscription)
        {
            case null:
                break;
            case "Unsubscribed" or "Subscribed":
                filter = filter with { Unsubscribed = subscription == "Unsubscribed" };
                break;
            default:
                errors.Add(nameof(subscription), ValidationCodes.UnknownValue, "Is not a known value. Allowed values: Subscribed, Unsubscribed.", "Subscribed, Unsubscribed");
                break;
        }

        // The filter's rules name its own fields; the list takes the search as "q".
        var rules = new ValidationErrors();
        filter.Validate(rules);
        var codes = rules.Codes();
        foreach (var (field, messages) in rules.ToDictionary())
        {
            for (var i = 0; i < messages.Length; i++)
            {
                errors.Add(field == "search" ? "q" : field, codes.TryGetValue(field, out var c) && i < c.Length ? c[i] : ValidationCodes.InvalidValue, messages[i]);
            }
        }

        return filter;
    }

    /// <summary>The organization's contacts by legal basis and by source, counted in one query (one scan, three grouping sets).</summary>
    public static async Task<Ok<ComplianceOverviewDto>> Overview(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<OverviewRow>($"""
            SELECT CASE WHEN grouping(authorization_type) = 0 THEN 'authorization' WHEN grouping(source_type) = 0 THEN 'source' ELSE 'total' END AS "Dimension",
                   coalesce(authorization_type, source_type) AS "Value", count(*)::int AS "Count",
                   (count(*) FILTER (WHERE unsubscribed_at IS NOT NULL))::int AS "Unsubscribed"
            FROM contacts
            GROUP BY GROUPING SETS ((authorization_type), (source_type), ())
            """).ToListAsync(ct);
        int CountOf(string dimension, string? value) =>
            rows.Where(r => r.Dimension == dimension && r.Value == value).Sum(r => r.Count);

        return TypedResults.Ok(new ComplianceOverviewDto(
            CountOf("total", null),
            CountOf("authorization", null),
            [.. Enum.GetValues<AuthorizationType>().Select(t => new AuthorizationCount(t, CountOf("authorization", t.ToString())))],
            [.. Enum.GetValues<SourceType>().Select(t => new SourceCount(t, CountOf("source", t.ToString())))])
        {
            Unsubscribed = rows.Where(r => r.Dimension == "total").Sum(r => r.Unsubscribed),
        });
    }

    /// <summary>One group of the overview query.</summary>
    public sealed record OverviewRow(string Dimension, string? Value, int Count, int Unsubscribed);

    public static async Task<Results<Ok<ContactDto>, NotFound>> Get(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } contact
            ? TypedResults.Ok(contact.ToDto())
            : TypedResults.NotFound();

    /// <summary>Finds the organization's contact with this email or LinkedIn profile (the extension's duplicate check).</summary>
    public static async Task<Results<Ok<ContactDto>, NotFound, ValidationProblem>> Lookup(AppDbContext db, string? email, string? linkedIn, CancellationToken ct)
    {
        var emailKey = Contact.NormalizeEmail(email);
        var linkedInKey = Contact.NormalizeLinkedIn(linkedIn);
        if (emailKey is null && linkedInKey is null)
        {
            // Name the key that was given and is unusable; with neither, the email.
            var field = email is null && linkedIn is not null ? nameof(linkedIn) : nameof(email);
            return Problems.Validation(field, ValidationCodes.LookupNeedsKey, "Give an email or a LinkedIn profile URL (linkedin.com/in/…).");
        }

        var contact = await ContactMatching.FindAsync(db.Contacts.AsNoTracking(), emailKey, linkedInKey, ct);
        return contact is null ? TypedResults.NotFound() : TypedResults.Ok(contact.ToDto());
    }

    public static async Task<Results<Created<ContactDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateContactRequest request, AppDbContext db, CurrentUser user, IOptions<AuditOptions> audit, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new Shared.ValidationErrors { PhoneRegion = user.PhoneRegion };
        request.Validate(errors, ComplianceRules.LatestToday(now));
        if (!errors.IsValid)
        {
            return Problems.Validation(errors);
        }

        var contact = Contact.New(request, SourceType.ManualUpload, now);
        if (await ContactMatching.FindAsync(db.Contacts, contact.EmailNormalized, contact.LinkedInNormalized, ct) is { } existing)
        {
            return ContactMatching.Duplicate(existing);
        }

        if (await Suppressions.ErasedAtAsync(db, audit.Value, contact.EmailNormalized, contact.LinkedInNormalized, ct) is { } erasedAt)
        {
            return Suppressions.Refused(erasedAt);
        }

        db.Contacts.Add(contact);
        if (await db.SaveAsync(ct) != SaveOutcome.Saved)
        {
            return ContactMatching.Duplicate(null);
        }

        return TypedResults.Created(ApiRoutes.Contact(contact.Id), contact.ToDto());
    }

    public static async Task<Results<Ok<ContactDto>, NotFound, ProblemHttpResult>> Update(
        Guid id, UpdateContactRequest request, AppDbContext db, IOptions<AuditOptions> audit, TimeProvider clock, CancellationToken ct)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null)
        {
            return TypedResults.NotFound();
        }

        if (contact.Version != request.Version)
        {
            return Problems.Conflict("version", ValidationCodes.StaleContact, "Someone else changed this contact since you loaded it. Reload it and apply your change again.",
                new Dictionary<string, object?> { ["current"] = contact.ToDto() });
        }

        var (emailBefore, linkedInBefore) = (contact.EmailNormalized, contact.LinkedInNormalized);
        contact.SetFields(request);
        if (contact.EmailNormalized != emailBefore || contact.LinkedInNormalized != linkedInBefore)
        {
            if (await ContactMatching.FindAsync(db.Contacts.Where(c => c.Id != id), contact.EmailNormalized, contact.LinkedInNormalized, ct) is { } other)
            {
                return ContactMatching.Duplicate(other);
            }

            // Editing another contact into an erased person would re-add them as surely as creating one.
            if (await Suppressions.ErasedAtAsync(db, audit.Value, contact.EmailNormalized, contact.LinkedInNormalized, ct) is { } erasedAt)
            {
                return Suppressions.Refused(erasedAt);
            }
        }

        contact.UpdatedAt = clock.GetUtcNow();
        switch (await db.SaveAsync(ct))
        {
            case SaveOutcome.Duplicate:
                return ContactMatching.Duplicate(null);
            case SaveOutcome.Stale:
                return await ContactMatching.ConflictAfterRaceAsync(db, id, ct);
        }

        return TypedResults.Ok(contact.ToDto());
    }
}
