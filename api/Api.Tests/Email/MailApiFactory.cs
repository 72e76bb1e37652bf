using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ComplianceConnect.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using netDumbster.smtp;

namespace ComplianceConnect.Api.Tests.Email;

/// <summary>
/// The API with its outbox running against a real SMTP listener (netDumbster) on a loopback port,
/// DKIM-signing with a key made for the run. The only host that sends, so no other host takes its messages.
/// </summary>
public sealed class MailApiFactory : ApiFactory
{
    public const string DkimDomain = "mail.compliance-connect.test";
    public const string DkimSelector = "cc2026";

    public RSA DkimKey { get; } = RSA.Create(2048);

    /// <summary>The port the SMTP server listens on; free when the host starts, so a test can start the server late.</summary>
    public int SmtpPort { get; } = FreePort();

    public SimpleSmtpServer? Smtp { get; private set; }

    public SimpleSmtpServer StartSmtp() => Smtp ??= SimpleSmtpServer.Start(SmtpPort);

    /// <summary>Stops the listener: the next attempts to send find nobody at the port.</summary>
    public void StopSmtp()
    {
        Smtp?.Stop();
        Smtp = null;
    }

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseSetting("Email:RunOutbox", "true");
        builder.UseSetting("Email:OutboxPollSeconds", "0.2");
        builder.UseSetting("Email:RetryBaseSeconds", "1");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:Smtp:TimeoutSeconds", "5");
        builder.UseSetting("Email:Dkim:Domain", DkimDomain);
        builder.UseSetting("Email:Dkim:Selector", DkimSelector);
        builder.UseSetting("Email:Dkim:PrivateKeyPem", DkimKey.ExportRSAPrivateKeyPem());
        builder.UseSetting("Email:PublicBaseUrl", "https://api.compliance-connect.test");
    }

    protected override void Dispose(bool disposing)
    {
        Smtp?.Stop();
        base.Dispose(disposing);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class MailCollection : ICollectionFixture<MailApiFactory>
{
    public const string Name = "mail";
}
