using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.Email;

/// <summary>Sending email through the durable outbox, each contact's emails, and the organization's Art. 14 notice.</summary>
public static class EmailApi
{
    public static IEndpointRouteBuilder MapEmailApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(ApiRoutes.Emails, Send).WithTags("Email").RequireAuthorization().Validate();
        app.MapGet(ApiRoutes.ContactTemplate + "/emails", ForContact).WithTags("Email").RequireAuthorization();
        app.MapGet(ApiRoutes.PrivacyNoticeDue, NoticeDue).WithTags("Email").RequireAuthorization();

        var notice = app.MapGroup(ApiRoutes.PrivacyNotice).WithTags("Settings").RequireAuthorization(Policies.Admin).Validate();
        notice.MapGet("/", GetNotice);
        notice.MapPut("/", PutNotice);
        return app;
    }

    /// <summary>
    /// Queues one message per contact from the signed-in user. Nothing is sent to an unsubscribed
    /// contact, to one without an email, or — while the organization has no privacy notice — to
    /// one whose data was not collected from them (GDPR Art. 14). One refused contact answers 409;
    /// several contacts get the list of who was refused and why.
    /// </summary>
    public static async Task<Results<Ok<SendEmailResponse>, ProblemHttpResult>> Send(
        SendEmailRequest request, AppDbContext db, CurrentUser user, OutboxSignal outbox, TimeProvider clock, IOptions<EmailOptions> options, CancellationToken ct)
    {
        var ids = request.ContactIds!.Distinct().ToList();
        var contacts = await db.Contacts.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var organizationNotice = await db.Organizations.Select(o => o.PrivacyNotice).SingleAsync(ct);
        var noticed = await db.EmailMessages.Where(e => ids.Contains(e.ContactId) && e.PrivacyNotice != null).Select(e => e.ContactId).Distinct().ToListAsync(ct);
        var sender = await db.Users.SingleAsync(u => u.Id == user.RequiredUserId, ct);
        var language = request.Language ?? "en";
        var now = clock.GetUtcNow();
        var domain = new Uri(options.Value.PublicBaseUrl).Host;

        var queued = new List<QueuedEmailDto>();
        var refused = new List<RefusedRecipientDto>();
        foreach (var id in ids)
        {
            var refusal = !contacts.TryGetValue(id, out var contact) ? ValidationCodes.NotFound
                : contact.UnsubscribedAt is not null ? ValidationCodes.RecipientUnsubscribed
                : contact.Email is null ? ValidationCodes.RecipientHasNoEmail
                : EmailComposer.NeedsPrivacyNotice(contact) && !noticed.Contains(id) && string.IsNullOrWhiteSpace(organizationNotice) ? ValidationCodes.PrivacyNoticeMissing
                : null;
            if (refusal is not null)
            {
                refused.Add(new(id, refusal));
                continue;
            }

            var email = new EmailMessage
            {
                ContactId = id,
                SenderId = sender.Id,
                SenderName = sender.DisplayName,
                SenderEmail = sender.Email,
                Subject = request.Subject!.Trim(),
                Html = TextValue.OrNull(request.Html),
                Text = TextValue.OrNull(request.Text),
                Language = language,
                PrivacyNotice = EmailComposer.NeedsPrivacyNotice(contact!) && !noticed.Contains(id)
                    ? EmailComposer.PrivacyNoticeFor(contact!, organizationNotice!, language)
                    : null,
                Status = EmailStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
                MessageId = "",
            };
            email.MessageId = $"<{email.Id:N}@{domain}>";
            db.EmailMessages.Add(email);
            queued.Add(new(id, email.Id, email.MessageId));
        }

        if (queued.Count == 0 && refused.Count == 1)
        {
            return Problems.Failure(StatusCodes.Status409Conflict, refused[0].Code, "Not sent", RefusalText(refused[0].Code));
        }

        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return TypedResults.Ok(new SendEmailResponse(queued, refused));
    }

    public static async Task<Results<Ok<List<EmailDto>>, NotFound>> ForContact(Guid id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Contacts.AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var emails = await db.EmailMessages.AsNoTracking().Where(e => e.ContactId == id).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(emails.Select(e => e.ToDto()).ToList());
    }

    /// <summary>
    /// Contacts whose data was not collected from them, three weeks or more after it was recorded,
    /// who have not yet been sent the privacy notice: Art. 14(3)(a) gives one month at the latest.
    /// Oldest first; <c>DueBy</c> is one month after the data was recorded.
    /// </summary>
    public static async Task<Ok<List<PrivacyNoticeDueDto>>> NoticeDue(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var nearing = clock.GetUtcNow().AddDays(-21);
        var due = await db.Contacts.AsNoTracking()
            .Where(c => c.SourceType == Shared.Compliance.SourceType.ChromeExtension || c.SourceType == Shared.Compliance.SourceType.Import || c.SourceType == Shared.Compliance.SourceType.CrmSync)
            .Where(c => c.CreatedAt <= nearing && c.UnsubscribedAt == null)
            .Where(c => !db.EmailMessages.Any(e => e.ContactId == c.Id && e.PrivacyNotice != null && e.Status == EmailStatus.Sent))
            .OrderBy(c => c.CreatedAt)
            .Take(500)
            .ToListAsync(ct);
        return TypedResults.Ok(due.Select(c => new PrivacyNoticeDueDto(c.ToDto(), c.CreatedAt.AddMonths(1))).ToList());
    }

    public static async Task<Ok<PrivacyNoticeDto>> GetNotice(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new PrivacyNoticeDto { Text = await db.Organizations.Select(o => o.PrivacyNotice).SingleAsync(ct) });

    public static async Task<Ok<PrivacyNoticeDto>> PutNotice(PrivacyNoticeDto request, AppDbContext db, CancellationToken ct)
    {
        var organization = await db.Organizations.SingleAsync(ct);
        organization.PrivacyNotice = TextValue.OrNull(request.Text);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PrivacyNoticeDto { Text = organization.PrivacyNotice });
    }

    private static string RefusalText(string code) => code switch
    {
        ValidationCodes.RecipientUnsubscribed => "This contact has unsubscribed; nothing was sent.",
        ValidationCodes.RecipientHasNoEmail => "This contact has no email address.",
        ValidationCodes.PrivacyNoticeMissing => "This contact's data was not collected from them, so the first email must carry the organization's privacy notice (GDPR Art. 14). An Admin sets it under Settings.",
        _ => "No such contact.",
    };
}
