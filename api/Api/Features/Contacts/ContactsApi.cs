using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Contacts;

public static class ContactsApi
{
    public const int MaxPageSize = 200;

    /// <summary>The last page any page size can reach without the offset overflowing an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Contacts).WithTags("Contacts").RequireAuthorization().Validate();
        group.ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/lookup", Lookup);
        group.MapPost("/", Create);
        group.MapPut("/{id:guid}", Update);
        return app;
    }

    /// <summary>Search by name, email or company; filter by legal basis (or "None") and source.</summary>
    public static async Task<Results<Ok<PagedResult<ContactDto>>, ValidationProblem>> List(
        AppDbContext db, string? q, string? authorization, string? source, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (page is < 1 or > MaxPage)
        {
            return Problems.Validation(nameof(page), ValidationCodes.OutOfRange, $"Must be between 1 and {MaxPage}.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problems.Validation(nameof(pageSize), ValidationCodes.OutOfRange, $"Must be between 1 and {MaxPageSize}.");
        }

        var query = db.Contacts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + EscapeLike(q.Trim()) + "%";
            query = query.Where(c =>
                EF.Functions.ILike((c.FirstName ?? "") + " " + (c.LastName ?? ""), pattern, "\\")
                || EF.Functions.ILike(c.Email ?? "", pattern, "\\")
                || EF.Functions.ILike(c.Company ?? "", pattern, "\\"));
        }

        if (authorization is not null)
        {
            if (authorization.Equals("None", StringComparison.OrdinalIgnoreCase))
            {
                query = query.Where(c => c.AuthorizationType == null);
            }
            else if (StrictEnum.TryParse<AuthorizationType>(authorization, out var type))
            {
                query = query.Where(c => c.AuthorizationType == type);
            }
            else
            {
                return Problems.Validation(nameof(authorization), ValidationCodes.UnknownValue, $"Is not a known value. {ComplianceRules.AllowedValues<AuthorizationType>()[..^1]}, None.");
            }
        }

        if (source is not null)
        {
            if (!StrictEnum.TryParse<SourceType>(source, out var sourceType))
            {
                return Problems.Validation(nameof(source), ValidationCodes.UnknownValue, $"Is not a known value. {ComplianceRules.AllowedValues<SourceType>()}");
            }

            query = query.Where(c => c.SourceType == sourceType);
        }

        var total = await query.CountAsync(ct);
        var items = await query
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id)
            .Skip(checked((page - 1) * pageSize)).Take(pageSize)
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<ContactDto>(items.Select(c => c.ToDto()).ToList(), page, pageSize, total));
    }

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
        CreateContactRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new Shared.ValidationErrors();
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

        db.Contacts.Add(contact);
        if (await db.SaveAsync(ct) != SaveOutcome.Saved)
        {
            return ContactMatching.Duplicate(null);
        }

        return TypedResults.Created(ApiRoutes.Contact(contact.Id), contact.ToDto());
    }

    public static async Task<Results<Ok<ContactDto>, NotFound, ProblemHttpResult>> Update(
        Guid id, UpdateContactRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
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

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
