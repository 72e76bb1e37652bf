using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace ComplianceConnect.Api.Tests.Email;

/// <summary>Sending through the outbox to a real SMTP listener, and checking what arrived.</summary>
[Collection(MailCollection.Name)]
public sealed class EmailSendingTests(MailApiFactory factory)
{
    [Fact]
    public async Task Every_email_arrives_with_the_footer_link_in_every_part_both_one_click_headers_and_a_dkim_signature_covering_them()
    {
        factory.StartSmtp();
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var contact = await client.CreateContactAsync("Jane", $"jane-{Guid.NewGuid():N}@example.com");

        var sent = await SendAsync(client, [contact.Id], text: "Hello Jane,\nshall we talk?", html: "<html><body><p>Hello Jane</p></body></html>");
        var message = await ArrivedAsync(sent.Queued.Single().MessageId);
        Assert.EndsWith("@api.compliance-connect.test>", sent.Queued.Single().MessageId);

        var link = message.Headers["List-Unsubscribe"];
        Assert.Matches(@"^<https://api\.compliance-connect\.test/u/[A-Za-z0-9_-]+>$", link);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var url = link!.Trim('<', '>');
        Assert.Contains(url, message.TextBody);
        Assert.Contains("Hello Jane", message.TextBody);
        Assert.Contains($"href=\"{url}\"", message.HtmlBody);
        Assert.Contains(contact.Email!, message.To.ToString());

        var signature = message.Headers[HeaderId.DkimSignature];
        Assert.Contains("list-unsubscribe:list-unsubscribe-post", signature!.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
        var verifier = new DkimVerifier(new TestKeyLocator(factory));
        Assert.True(await verifier.VerifyAsync(message, message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)]));
    }

    [Fact]
    public async Task An_unsubscribed_contact_is_refused_and_gets_nothing_while_the_others_are_sent_to()
    {
        factory.StartSmtp();
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var gone = await client.CreateContactAsync("Gone", $"gone-{Guid.NewGuid():N}@example.com");
        var staying = await client.CreateContactAsync("Staying", $"staying-{Guid.NewGuid():N}@example.com");
        (await client.PostAsJsonAsync($"{ApiRoutes.Contact(gone.Id)}/unsubscribe", new ManualUnsubscribeRequest { Reason = "Asked on the phone" }, Json.Options))
            .EnsureSuccessStatusCode();

        var alone = await client.PostAsJsonAsync(ApiRoutes.Emails, Request([gone.Id]), Json.Options);
        var both = await SendAsync(client, [gone.Id, staying.Id]);

        Assert.Equal(ValidationCodes.RecipientUnsubscribed, (await alone.AssertProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Equal(new RefusedRecipientDto(gone.Id, ValidationCodes.RecipientUnsubscribed), both.Refused.Single());
        Assert.Equal(staying.Id, both.Queued.Single().ContactId);
        await ArrivedAsync(both.Queued.Single().MessageId);
        Assert.DoesNotContain(Received(), m => m.To.ToString().Contains(gone.Email!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_email_to_a_captured_contact_carries_the_privacy_notice_and_later_ones_do_not()
    {
        factory.StartSmtp();
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var captured = (await (await client.PostAsJsonAsync(ApiRoutes.Capture, new CaptureRequest
        {
            FirstName = "Priya",
            LastName = "Raman",
            Email = $"priya-{Guid.NewGuid():N}@example.com",
            PageUrl = "https://conference.example/speakers/priya-raman",
        }, Json.Options)).ReadAsync<CaptureResponse>(HttpStatusCode.Created)).Contact;
        var manual = await client.CreateContactAsync("Manual", $"manual-{Guid.NewGuid():N}@example.com");

        var refused = await client.PostAsJsonAsync(ApiRoutes.Emails, Request([captured.Id]), Json.Options);
        Assert.Equal(ValidationCodes.PrivacyNoticeMissing, (await refused.AssertProblemAsync(HttpStatusCode.Conflict)).Code);

        var admin = await tenant.AdminClientAsync();
        (await admin.PutAsJsonAsync(ApiRoutes.PrivacyNotice, new PrivacyNoticeDto { Text = "Acme AB processes your data to offer our services. You may object at any time." }, Json.Options))
            .EnsureSuccessStatusCode();
        var first = await ArrivedAsync((await SendAsync(client, [captured.Id, manual.Id])).Queued.Single(q => q.ContactId == captured.Id).MessageId);
        var second = await ArrivedAsync((await SendAsync(client, [captured.Id])).Queued.Single().MessageId);

        Assert.Contains("Acme AB processes your data", first.TextBody);
        Assert.Contains("https://conference.example/speakers/priya-raman", first.TextBody);
        Assert.DoesNotContain("Acme AB processes your data", second.TextBody);
        var manualMessage = Received().Single(m => m.To.ToString().Contains(manual.Email!, StringComparison.Ordinal));
        Assert.DoesNotContain("Acme AB processes your data", manualMessage.TextBody);
        var emails = await (await client.GetAsync($"{ApiRoutes.Contact(captured.Id)}/emails")).ReadAsync<List<EmailDto>>();
        Assert.Equal([true, false], emails.Select(e => e.CarriedPrivacyNotice));
    }

    [Fact]
    public async Task A_failed_send_is_retried_with_the_same_message_id_and_every_attempt_is_on_record()
    {
        factory.StopSmtp();
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var contact = await client.CreateContactAsync("Retry", $"retry-{Guid.NewGuid():N}@example.com");

        var queued = (await SendAsync(client, [contact.Id])).Queued.Single();
        var pending = await EventuallyAsync(async () =>
            (await (await client.GetAsync($"{ApiRoutes.Contact(contact.Id)}/emails")).ReadAsync<List<EmailDto>>()).Single() is { Attempts: 1 } e ? e : null);
        Assert.Equal(("Pending", null), (pending.Status, pending.SentAt));

        factory.StartSmtp();
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var message = await ArrivedAsync(queued.MessageId);

        // The message reaches the SMTP server before the outbox commits its record of it: wait for the record.
        var sent = await EventuallyAsync(async () =>
            (await (await client.GetAsync($"{ApiRoutes.Contact(contact.Id)}/emails")).ReadAsync<List<EmailDto>>()).Single() is { Status: "Sent" } e ? e : null);
        Assert.Equal(("Sent", 2, queued.MessageId), (sent.Status, sent.Attempts, sent.MessageId));
        Assert.Equal(queued.MessageId.Trim('<', '>'), message.MessageId);
        var trail = await client.GetAuditAsync(contact.Id);
        Assert.Contains(trail, e => e.Action == "email.queued");
        Assert.Contains(trail, e => e.Action == "email.sent" && e.ActorName == "mailer");
    }

    private static SendEmailRequest Request(IReadOnlyList<Guid> ids, string text = "Hello", string? html = null) =>
        new() { ContactIds = ids, Subject = "A question", Text = text, Html = html };

    private static async Task<SendEmailResponse> SendAsync(HttpClient client, IReadOnlyList<Guid> ids, string text = "Hello", string? html = null) =>
        await (await client.PostAsJsonAsync(ApiRoutes.Emails, Request(ids, text, html), Json.Options)).ReadAsync<SendEmailResponse>();

    private List<MimeMessage> Received() =>
        (factory.Smtp?.ReceivedEmail ?? []).Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)))).ToList();

    private Task<MimeMessage> ArrivedAsync(string messageId) =>
        EventuallyAsync(() => Task.FromResult(Received().FirstOrDefault(m => "<" + m.MessageId + ">" == messageId)));

    /// <summary>Waits (up to 20 s) for the outbox, which works in the background.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The outbox did not get there within 20 seconds.");
    }

    private sealed class TestKeyLocator(MailApiFactory factory) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            domain == MailApiFactory.DkimDomain && selector == MailApiFactory.DkimSelector
                ? PublicKeyFactory.CreateKey(factory.DkimKey.ExportSubjectPublicKeyInfo())
                : throw new InvalidOperationException($"No key for {selector}._domainkey.{domain}.");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
