using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Compliance;

/// <summary>The compliance card: legal basis and source, edited with optimistic concurrency.</summary>
public static class ComplianceApi
{
    public static IEndpointRouteBuilder MapComplianceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.CardTemplate).WithTags("Compliance card").RequireAuthorization().Validate();
        group.ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", Get).WithGenericPlans(); // one primary-key lookup
        group.MapPut("/", Update);
        return app;
    }

    public static async Task<Results<Ok<ComplianceCardDto>, NotFound>> Get(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } contact
            ? TypedResults.Ok(contact.ToCard())
            : TypedResults.NotFound();

    /// <summary>Replaces the card. An edit of a stale version answers 409 with the current card and changes nothing.</summary>
    public static async Task<Results<Ok<ComplianceCardDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateComplianceCardRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        request.Validate(errors, ComplianceRules.LatestToday(now));
        if (!errors.IsValid)
        {
            return Problems.Validation(errors);
        }

        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null)
        {
            return TypedResults.NotFound();
        }

        if (contact.Version != request.Version)
        {
            return StaleCard(contact.ToCard());
        }

        contact.SetLegalBasis(request.AuthorizationType, request.AuthorizationDescription, request.ConsentDate, request.ConsentPurpose);
        contact.SourceType = request.SourceType!.Value;
        contact.SourceDescription = TextValue.OrNull(request.SourceDescription);
        contact.UpdatedAt = now;

        if (await db.SaveAsync(ct) != SaveOutcome.Saved)
        {
            // Another edit landed between our read and our write: xmin no longer matched.
            db.ChangeTracker.Clear();
            var current = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == id, ct);
            return StaleCard(current.ToCard());
        }

        return TypedResults.Ok(contact.ToCard());
    }

    private static ProblemHttpResult StaleCard(ComplianceCardDto current) =>
        Problems.Conflict(
            "version",
            ValidationCodes.StaleCard,
            "Someone else changed this compliance card since you loaded it. Nothing was saved; reload the card and apply your change again.",
            new Dictionary<string, object?> { ["current"] = current });

}
