using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplianceConnect.Api.Features.Email;

/// <summary>Wakes the outbox when a message was queued, so it need not wait for its next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>
/// Sends what is due from the durable outbox in PostgreSQL. Each message is taken under a row lock
/// (<c>FOR UPDATE SKIP LOCKED</c>), so several API instances never send the same message at once,
/// inside its organization's unit of work as the system actor "mailer". A failed attempt is
/// recorded and retried with a doubling delay; an unclear SMTP answer is retried with the same
/// Message-ID (SMTP cannot promise exactly once, the attempts are on record). A contact who
/// unsubscribed or was erased after the message was queued gets nothing.
/// </summary>
public sealed class EmailOutbox(IServiceProvider services, NpgsqlDataSource dataSource, OutboxSignal signal, TimeProvider clock,
    IOptions<EmailOptions> options, ILogger<EmailOutbox> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunOutbox)
        {
            return;
        }

        var poll = TimeSpan.FromSeconds(options.Value.OutboxPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The outbox could not look for due messages; it tries again.");
            }

            if (worked == 0)
            {
                try
                {
                    await signal.WaitAsync(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends one batch of due messages; returns how many it took on.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var due = new List<(Guid Organization, Guid Id)>();
        await using (var command = dataSource.CreateCommand("SELECT organization_id, id FROM email_outbox_due($1, 20)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                due.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        foreach (var (organization, id) in due)
        {
            await SendOneAsync(organization, id, ct);
        }

        return due.Count;
    }

    private async Task SendOneAsync(Guid organization, Guid id, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
            .BeginAsync(new WorkContext(organization, Actor.System("mailer"), Channels.Outbox), ct);
        var email = await db.EmailMessages
            .FromSql($"SELECT * FROM email_messages WHERE organization_id = {organization} AND id = {id} AND status = 'Pending' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (email is null)
        {
            return; // another instance has it, or it is done
        }

        var now = clock.GetUtcNow();
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == email.ContactId, ct);
        if (contact?.Email is null || contact.UnsubscribedAt is not null)
        {
            email.Status = EmailStatus.Cancelled;
            email.LastError = contact is null ? "The contact was erased." : "The contact unsubscribed before the message went out.";
        }
        else
        {
            email.Attempts++;
            var attempt = new EmailAttempt { OrganizationId = organization, EmailId = email.Id, Number = email.Attempts, At = now };
            db.EmailAttempts.Add(attempt);
            try
            {
                var message = scope.ServiceProvider.GetRequiredService<EmailComposer>().Compose(email, contact);
                attempt.Response = Truncate(await scope.ServiceProvider.GetRequiredService<MailDelivery>().DeliverAsync(message, ct));
                attempt.Accepted = true;
                email.Status = EmailStatus.Sent;
                email.SentAt = now;
                email.LastError = null;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException
                                          or MailKit.Net.Smtp.SmtpCommandException or MailKit.Security.AuthenticationException
                                          or MailKit.ServiceNotConnectedException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                attempt.Response = Truncate(e.Message);
                email.LastError = attempt.Response;
                var settings = options.Value;
                if (email.Attempts >= settings.MaxAttempts)
                {
                    email.Status = EmailStatus.Failed;
                }
                else
                {
                    email.NextAttemptAt = now.AddSeconds(settings.RetryBaseSeconds * Math.Pow(2, email.Attempts - 1));
                }

                logger.LogWarning("Attempt {Attempt} to send {MessageId} failed: {Error}", email.Attempts, email.MessageId, e.Message);
            }
        }

        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];
}
