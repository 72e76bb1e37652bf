using System.Net;
using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Features.Email;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Unsubscribe;

/// <summary>
/// Unsubscribing: the public page behind every email's link (GET shows a confirm button and changes
/// nothing, because link scanners follow links; the confirm POST and the RFC 8058 one-click POST
/// unsubscribe), a user's manual unsubscribe, the history, and the Admin's lift with evidence.
/// There is no public resubscribe.
/// </summary>
public static class UnsubscribeApi
{
    public const string PagePath = "/u";

    public static IEndpointRouteBuilder MapUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup(PagePath).WithTags("Unsubscribe link").AllowAnonymous().ExcludeFromDescription();
        page.MapGet("/{token}", Page);
        page.MapPost("/{token}", Submit).DisableAntiforgery();

        var contact = app.MapGroup(ApiRoutes.ContactTemplate).WithTags("Subscription").RequireAuthorization().Validate();
        contact.MapGet("/subscription", History);
        contact.MapPost("/unsubscribe", Manual);
        contact.MapPost("/resubscribe", Resubscribe).RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>The confirm page. It changes nothing.</summary>
    public static async Task<IResult> Page(string token, string? lang, HttpContext http, AppDbContext db, UnitOfWork work, UnsubscribeTokens tokens, CancellationToken ct)
    {
        var link = tokens.Read(token);
        if (link is null)
        {
            return PublicPage.Invalid(http, PublicPage.Language(lang, http, null));
        }

        await using var unit = await work.BeginAsync(new WorkContext(link.OrganizationId, Actor.System("unsubscribe link"), Channels.UnsubscribeLink), ct);
        var language = PublicPage.Language(lang, http, await LanguageOfAsync(db, link, ct));
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == link.ContactId, ct);
        return contact is null ? PublicPage.Invalid(http, language)
            : contact.UnsubscribedAt is not null ? PublicPage.Done(http, language)
            : PublicPage.Confirm(http, language, token);
    }

    /// <summary>The confirm button's POST, and the mail client's RFC 8058 one-click POST (<c>List-Unsubscribe=One-Click</c>).</summary>
    public static async Task<IResult> Submit(string token, string? lang, HttpContext http, AppDbContext db, UnitOfWork work, UnsubscribeTokens tokens, TimeProvider clock, CancellationToken ct)
    {
        IFormCollection? form;
        try
        {
            form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException)
        {
            // A broken multipart body, a form cut off before its end, over the value-count or length limits: neither our page's confirm nor a mail client's one-click.
            return Problems.Validation("body", ValidationCodes.BodyInvalid, $"The form could not be read: {unreadable.Message}");
        }

        var oneClick = form?["List-Unsubscribe"].ToString() == "One-Click";
        var link = tokens.Read(token);
        if (link is null)
        {
            return oneClick ? Results.BadRequest() : PublicPage.Invalid(http, PublicPage.Language(lang, http, null));
        }

        await using var unit = await work.BeginAsync(new WorkContext(link.OrganizationId, Actor.System("unsubscribe link"), Channels.UnsubscribeLink), ct);
        var language = PublicPage.Language(lang, http, await LanguageOfAsync(db, link, ct));
        var userAgent = http.Request.Headers.UserAgent.ToString();
        var outcome = await Subscriptions.UnsubscribeAsync(db, link.ContactId, new SubscriptionEvent
        {
            Source = oneClick ? SubscriptionSource.OneClick : SubscriptionSource.Link,
            OccurredAt = clock.GetUtcNow(),
            ActorName = oneClick ? "one-click request" : "the contact, through the link",
            EmailId = link.EmailId,
            UserAgent = userAgent.Length > 500 ? userAgent[..500] : userAgent,
            LookedLikeScanner = Subscriptions.LooksLikeScanner(userAgent),
        }, ct);
        await unit.CommitAsync(ct);
        if (outcome == Subscriptions.Outcome.NoSuchContact)
        {
            return oneClick ? Results.NotFound() : PublicPage.Invalid(http, language);
        }

        return oneClick ? PublicPage.OneClickDone(http) : PublicPage.Done(http, language);
    }

    public static async Task<Results<Ok<SubscriptionDto>, NotFound>> History(Guid id, AppDbContext db, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null)
        {
            return TypedResults.NotFound();
        }

        var events = await db.SubscriptionEvents.AsNoTracking().Where(e => e.ContactId == id).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok(new SubscriptionDto(contact.UnsubscribedAt is not null, contact.UnsubscribedAt, contact.UnsubscribedVia, events.Select(e => e.ToDto()).ToList()));
    }

    /// <summary>A user records that the contact asked not to be emailed. Repeats change nothing.</summary>
    public static async Task<Results<Ok<SubscriptionDto>, NotFound>> Manual(
        Guid id, ManualUnsubscribeRequest request, AppDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await Subscriptions.UnsubscribeAsync(db, id, new SubscriptionEvent
        {
            Source = SubscriptionSource.Manual,
            OccurredAt = clock.GetUtcNow(),
            ActorId = user.UserId,
            ActorName = user.Name,
            Reason = TextValue.OrNull(request.Reason),
        }, ct);
        return outcome == Subscriptions.Outcome.NoSuchContact ? TypedResults.NotFound() : await History(id, db, ct);
    }

    /// <summary>
    /// Lifts an unsubscribe (Admin only) on evidence of new consent: records a Resubscribe event and
    /// sets the legal basis to Consent with that date and purpose. Both are audited by the database.
    /// </summary>
    public static async Task<Results<Ok<SubscriptionDto>, NotFound, ProblemHttpResult>> Resubscribe(
        Guid id, ResubscribeRequest request, AppDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var contact = await Subscriptions.LockAsync(db, id, ct);
        if (contact is null)
        {
            return TypedResults.NotFound();
        }

        if (contact.UnsubscribedAt is null)
        {
            return Problems.Failure(StatusCodes.Status409Conflict, ValidationCodes.NotUnsubscribed, "Not unsubscribed", "This contact is not unsubscribed; there is nothing to lift.");
        }

        var now = clock.GetUtcNow();
        db.SubscriptionEvents.Add(new SubscriptionEvent
        {
            ContactId = id,
            Kind = SubscriptionEventKind.Resubscribe,
            Source = SubscriptionSource.Admin,
            OccurredAt = now,
            ActorId = user.UserId,
            ActorName = user.Name,
            Reason = $"New consent of {request.ConsentDate:yyyy-MM-dd}: {request.ConsentPurpose!.Trim()}",
            EvidenceReference = request.EvidenceReference!.Trim(),
        });
        contact.SetLegalBasis(AuthorizationType.Consent, null, request.ConsentDate, request.ConsentPurpose);
        contact.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return await History(id, db, ct) switch
        {
            { Result: Ok<SubscriptionDto> ok } => ok,
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<string?> LanguageOfAsync(AppDbContext db, UnsubscribeLink link, CancellationToken ct) =>
        await db.EmailMessages.Where(e => e.Id == link.EmailId).Select(e => e.Language).SingleOrDefaultAsync(ct);
}

/// <summary>What every path that unsubscribes shares: one event per change of status, never two.</summary>
public static class Subscriptions
{
    public enum Outcome { Unsubscribed, AlreadyUnsubscribed, NoSuchContact }

    /// <summary>The contact, row-locked until the unit of work ends, so simultaneous requests record one event.</summary>
    public static Task<Contact?> LockAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        db.Contacts.FromSql($"SELECT *, xmin FROM contacts WHERE organization_id = app_organization_id() AND id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);

    public static async Task<Outcome> UnsubscribeAsync(AppDbContext db, Guid contactId, SubscriptionEvent unsubscribe, CancellationToken ct)
    {
        var contact = await LockAsync(db, contactId, ct);
        if (contact is null)
        {
            return Outcome.NoSuchContact;
        }

        if (contact.UnsubscribedAt is not null)
        {
            return Outcome.AlreadyUnsubscribed;
        }

        unsubscribe.ContactId = contactId;
        unsubscribe.Kind = SubscriptionEventKind.Unsubscribe;
        db.SubscriptionEvents.Add(unsubscribe);
        await db.SaveChangesAsync(ct);
        return Outcome.Unsubscribed;
    }

    private static readonly string[] ScannerMarks =
    [
        "bot", "crawler", "spider", "preview", "scanner", "proofpoint", "mimecast", "barracuda", "safelinks",
        "urldefense", "python-requests", "curl/", "wget", "go-http-client", "headless", "okhttp", "java/",
    ];

    /// <summary>A request with no user agent, or one of a known link scanner or script.</summary>
    public static bool LooksLikeScanner(string userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || ScannerMarks.Any(mark => userAgent.Contains(mark, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The small public pages of the unsubscribe link: nothing else of the product, strict headers.</summary>
internal static class PublicPage
{
    public static string Language(string? requested, HttpContext http, string? ofEmail) =>
        requested is "sv" or "en" ? requested
        : ofEmail is "sv" or "en" ? ofEmail
        : http.Request.Headers.AcceptLanguage.ToString().StartsWith("sv", StringComparison.OrdinalIgnoreCase) ? "sv" : "en";

    public static IResult Confirm(HttpContext http, string language, string token) => Html(http, language, 200,
        T(language, "Confirm.Title"),
        $"""
        <p>{T(language, "Confirm.Text")}</p>
        <form method="post" action="{PathOf(token, language)}"><button type="submit" name="confirm" value="yes">{T(language, "Confirm.Button")}</button></form>
        """);

    public static IResult Done(HttpContext http, string language) =>
        Html(http, language, 200, T(language, "Done.Title"), $"<p>{T(language, "Done.Text")}</p>");

    public static IResult Invalid(HttpContext http, string language) =>
        Html(http, language, 400, T(language, "Invalid.Title"), $"<p>{T(language, "Invalid.Text")}</p>");

    public static IResult OneClickDone(HttpContext http)
    {
        Secure(http);
        return Results.Text("Unsubscribed.", "text/plain; charset=utf-8", statusCode: 200);
    }

    private static string PathOf(string token, string language) =>
        $"{UnsubscribeApi.PagePath}/{WebUtility.UrlEncode(token)}?lang={language}";

    private static IResult Html(HttpContext http, string language, int status, string title, string body)
    {
        Secure(http);
        var page = $$"""
            <!doctype html>
            <html lang="{{language}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>{{title}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}</style>
            </head><body><h1>{{title}}</h1>{{body}}</body></html>
            """;
        return Results.Content(page, "text/html; charset=utf-8", statusCode: status);
    }

    private static void Secure(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    private static string T(string language, string key) => WebUtility.HtmlEncode((language == "sv" ? Sv : En)[key]);

    private static readonly Dictionary<string, string> En = new()
    {
        ["Confirm.Title"] = "Unsubscribe",
        ["Confirm.Text"] = "Do you want to stop receiving emails from us? Confirm below; nothing changes until you do.",
        ["Confirm.Button"] = "Unsubscribe",
        ["Done.Title"] = "You are unsubscribed",
        ["Done.Text"] = "You will not receive emails from us any more.",
        ["Invalid.Title"] = "This link does not work",
        ["Invalid.Text"] = "The unsubscribe link is incomplete or not valid, so nothing was changed. Open the link from the email again, or reply to the email and ask to be unsubscribed.",
    };

    private static readonly Dictionary<string, string> Sv = new()
    {
        ["Confirm.Title"] = "Avregistrera dig",
        ["Confirm.Text"] = "Vill du sluta få e-post från oss? Bekräfta nedan; inget ändras förrän du gör det.",
        ["Confirm.Button"] = "Avregistrera mig",
        ["Done.Title"] = "Du är avregistrerad",
        ["Done.Text"] = "Du kommer inte längre att få e-post från oss.",
        ["Invalid.Title"] = "Länken fungerar inte",
        ["Invalid.Text"] = "Avregistreringslänken är ofullständig eller ogiltig, så inget har ändrats. Öppna länken i e-postmeddelandet igen, eller svara på meddelandet och be att bli avregistrerad.",
    };
}
