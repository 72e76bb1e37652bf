using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Features.Erasure;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.Capture;

/// <summary>Create-or-match for the extension: one call, one contact per person, even under concurrent captures.</summary>
public static class CaptureApi
{
    public static IEndpointRouteBuilder MapCaptureApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(ApiRoutes.Capture, Capture).WithTags("Capture").RequireAuthorization().Validate();
        return app;
    }

    public static async Task<Results<Created<CaptureResponse>, Ok<CaptureResponse>, ValidationProblem, ProblemHttpResult>> Capture(
        CaptureRequest request, AppDbContext db, UnitOfWork work, CurrentUser user, IOptions<AuditOptions> audit, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors { PhoneRegion = user.PhoneRegion };
        request.Validate(errors, ComplianceRules.LatestToday(now));
        if (!errors.IsValid)
        {
            return Problems.Validation(errors);
        }

        var contact = Contact.New(request, SourceType.ChromeExtension, now);
        contact.SourceUrl = request.PageUrl!.Trim();
        contact.CapturedAt = now;

        if (await ContactMatching.FindAsync(db.Contacts.AsNoTracking(), contact.EmailNormalized, contact.LinkedInNormalized, ct) is { } existing)
        {
            return TypedResults.Ok(new CaptureResponse(existing.ToDto(), Created: false));
        }

        // The person asked to be erased: 409 erased_person with erasedAt, so the popup can say so and when.
        if (await Suppressions.ErasedAtAsync(db, audit.Value, contact.EmailNormalized, contact.LinkedInNormalized, ct) is { } erasedAt)
        {
            return Suppressions.Refused(erasedAt);
        }

        db.Contacts.Add(contact);
        await work.ReasonAsync("Captured from a web page by the Chrome extension.", ct);
        if (await db.SaveAsync(ct) == SaveOutcome.Saved)
        {
            return TypedResults.Created(ApiRoutes.Contact(contact.Id), new CaptureResponse(contact.ToDto(), Created: true));
        }

        // A simultaneous capture of the same person won the unique index: answer with its contact.
        db.ChangeTracker.Clear();
        var winner = await ContactMatching.FindAsync(db.Contacts.AsNoTracking(), contact.EmailNormalized, contact.LinkedInNormalized, ct)
            ?? throw new InvalidOperationException("A capture lost a uniqueness race but the winning contact is not visible.");
        return TypedResults.Ok(new CaptureResponse(winner.ToDto(), Created: false));
    }

}
