using System.Net;
using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Shared.Compliance;
using MimeKit;
using MimeKit.Cryptography;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.Email;

/// <summary>
/// Turns an outbox entry into the message that goes out: every part ends with a visible unsubscribe
/// footer in the message's language, the RFC 2369/8058 headers name the HTTPS link, the first
/// email to a contact whose data was not collected from them carries the Art. 14 notice, and the
/// message is DKIM-signed (covering both unsubscribe headers) when a key is configured.
/// </summary>
public sealed class EmailComposer(UnsubscribeTokens tokens, IOptions<EmailOptions> options)
{
    /// <summary>Sources where the data was not collected from the person: the first email must say where it came from.</summary>
    public static bool NeedsPrivacyNotice(Contact contact) =>
        contact.SourceType is SourceType.ChromeExtension or SourceType.Import or SourceType.CrmSync;

    /// <summary>The Art. 14 text for this contact: the organization's notice and where their data came from.</summary>
    public static string PrivacyNoticeFor(Contact contact, string organizationNotice, string language)
    {
        var source = contact.SourceType switch
        {
            SourceType.ChromeExtension when contact.SourceUrl is { } url => Texts.Get(language, "Source.Page", url),
            SourceType.Import => Texts.Get(language, "Source.Import"),
            SourceType.CrmSync => Texts.Get(language, "Source.Crm"),
            _ => Texts.Get(language, "Source.Other"),
        };
        return organizationNotice.Trim() + "\n\n" + source;
    }

    public MimeMessage Compose(EmailMessage email, Contact contact)
    {
        var link = tokens.Url(new UnsubscribeLink(email.OrganizationId, email.ContactId, email.Id));
        var message = new MimeMessage
        {
            MessageId = email.MessageId.Trim('<', '>'),
            Subject = email.Subject,
            Date = email.CreatedAt,
        };
        message.From.Add(new MailboxAddress(email.SenderName, email.SenderEmail));
        message.To.Add(new MailboxAddress(string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(n => n is not null)), contact.Email ?? throw new InvalidOperationException("The contact has no email.")));

        // RFC 2369 and RFC 8058: mail clients offer "unsubscribe" and may POST to the link in one click.
        // A mailto: address is left out: no inbound unsubscribe mailbox is processed.
        message.Headers.Add("List-Unsubscribe", $"<{link}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

        var footerText = Texts.Get(email.Language, "Footer.Text", link);
        var notice = email.PrivacyNotice;
        var body = new BodyBuilder();
        if (!string.IsNullOrWhiteSpace(email.Text))
        {
            body.TextBody = email.Text.TrimEnd()
                + (notice is null ? "" : "\n\n" + notice)
                + "\n\n-- \n" + footerText + "\n";
        }

        if (!string.IsNullOrWhiteSpace(email.Html))
        {
            var footerHtml = "<hr><p style=\"font-size:12px;color:#555\">"
                + (notice is null ? "" : WebUtility.HtmlEncode(notice).Replace("\n", "<br>", StringComparison.Ordinal) + "</p><p style=\"font-size:12px;color:#555\">")
                + WebUtility.HtmlEncode(Texts.Get(email.Language, "Footer.Html")) + " <a href=\"" + WebUtility.HtmlEncode(link) + "\">"
                + WebUtility.HtmlEncode(Texts.Get(email.Language, "Footer.Link")) + "</a></p>";
            var html = email.Html;
            var close = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
            body.HtmlBody = close >= 0 ? html[..close] + footerHtml + html[close..] : html + footerHtml;
        }

        message.Body = body.ToMessageBody();
        Sign(message);
        return message;
    }

    private void Sign(MimeMessage message)
    {
        var dkim = options.Value.Dkim;
        if (!dkim.Enabled)
        {
            return;
        }

        using var key = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(dkim.PrivateKeyPem));
        var signer = new DkimSigner(key, dkim.Domain, dkim.Selector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, ["From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"]);
    }

    /// <summary>The footer, notice and page texts the API itself writes, in English and Swedish.</summary>
    public static class Texts
    {
        private static readonly Dictionary<string, string> En = new()
        {
            ["Footer.Text"] = "You receive this email because we hold your contact details. To stop receiving emails from us, open: {0}",
            ["Footer.Html"] = "You receive this email because we hold your contact details.",
            ["Footer.Link"] = "Unsubscribe",
            ["Source.Page"] = "We found your contact details on this public page: {0}",
            ["Source.Import"] = "Your contact details were imported from a contact list.",
            ["Source.Crm"] = "Your contact details come from our customer relationship system.",
            ["Source.Other"] = "We recorded your contact details ourselves.",
        };

        private static readonly Dictionary<string, string> Sv = new()
        {
            ["Footer.Text"] = "Du får detta e-postmeddelande eftersom vi har dina kontaktuppgifter. För att inte få fler e-postmeddelanden från oss, öppna: {0}",
            ["Footer.Html"] = "Du får detta e-postmeddelande eftersom vi har dina kontaktuppgifter.",
            ["Footer.Link"] = "Avregistrera dig",
            ["Source.Page"] = "Vi hittade dina kontaktuppgifter på denna offentliga sida: {0}",
            ["Source.Import"] = "Dina kontaktuppgifter har importerats från en kontaktlista.",
            ["Source.Crm"] = "Dina kontaktuppgifter kommer från vårt kundregister.",
            ["Source.Other"] = "Vi har själva registrerat dina kontaktuppgifter.",
        };

        public static string Get(string language, string key, params object[] args) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, (language == "sv" ? Sv : En)[key], args);
    }
}
