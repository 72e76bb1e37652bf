namespace ComplianceConnect.Api.Features.Email;

/// <summary>Settings bound from the <c>Email</c> configuration section.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The API's public address, which unsubscribe links are built on (e.g. https://api.example.com).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Key that signs unsubscribe links, at least 32 bytes. Links stay valid as long as it does.</summary>
    public string UnsubscribeKey { get; set; } = "";

    /// <summary>Without an SMTP host, messages are written as .eml files to this folder instead.</summary>
    public string PickupDirectory { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    public DkimOptions Dkim { get; set; } = new();

    /// <summary>Whether this instance runs the outbox worker (every instance may; they never send a message twice at once).</summary>
    public bool RunOutbox { get; set; } = true;

    /// <summary>How often the outbox looks for due messages when nobody wakes it.</summary>
    public double OutboxPollSeconds { get; set; } = 5;

    /// <summary>Attempts before a message is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first retry's delay; each further one doubles it.</summary>
    public double RetryBaseSeconds { get; set; } = 30;
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public double TimeoutSeconds { get; set; } = 30;
}

/// <summary>DKIM signing; off while <see cref="Domain"/> or the key is empty.</summary>
public sealed class DkimOptions
{
    public string Domain { get; set; } = "";
    public string Selector { get; set; } = "";

    /// <summary>The RSA private key as PEM text.</summary>
    public string PrivateKeyPem { get; set; } = "";

    public bool Enabled => Domain.Length > 0 && Selector.Length > 0 && PrivateKeyPem.Length > 0;
}
