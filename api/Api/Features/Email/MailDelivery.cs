using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.Email;

/// <summary>
/// Hands a message to the configured SMTP server (MailKit), or — on a machine without one — writes
/// it as an .eml file to the pickup folder, so the product works without a mail server.
/// </summary>
public sealed class MailDelivery(IOptions<EmailOptions> options, ILogger<MailDelivery> logger)
{
    /// <summary>Returns the server's answer; throws when the message was not accepted (or the answer was unclear).</summary>
    public async Task<string> DeliverAsync(MimeMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            var folder = string.IsNullOrWhiteSpace(settings.PickupDirectory) ? Path.Combine(AppContext.BaseDirectory, "mail") : settings.PickupDirectory;
            Directory.CreateDirectory(folder);
            var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + ".eml";
            var path = Path.Combine(folder, name);
            await message.WriteToAsync(path, ct);
            logger.LogInformation("No SMTP server is configured: wrote {Path}.", path);
            return "written to " + path;
        }

        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(settings.Smtp.TimeoutSeconds).TotalMilliseconds };
        await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, Enum.Parse<SecureSocketOptions>(settings.Smtp.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
        {
            await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password, ct);
        }

        var answer = await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        return answer;
    }
}
