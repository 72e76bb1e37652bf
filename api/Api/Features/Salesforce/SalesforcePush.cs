using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplianceConnect.Api.Features.Salesforce;

/// <summary>
/// Pushes opt-outs from the durable outbox (<c>salesforce_outbox</c>, filled by database triggers
/// when an unsubscribe, a resubscribe or an erasure happens here) to Salesforce in sObject
/// Collections batches. Per organization one instance pushes at a time (a transaction-level
/// advisory lock, released with the transaction), and the rows it sends are row-locked until it
/// records the outcome, so nothing is sent twice at once and a crash leaves them pending. For
/// several rows of one record only the latest value is sent; the earlier ones are superseded.
/// </summary>
public sealed class SalesforcePush(IServiceProvider services, NpgsqlDataSource dataSource, TimeProvider clock,
    IOptions<SalesforceOptions> options, ILogger<SalesforcePush> logger) : BackgroundService
{
    /// <summary>Errors that no retry can fix: the record is gone or the id is not one.</summary>
    private static readonly HashSet<string> Permanent = new(StringComparer.Ordinal)
    {
        "ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY", "NOT_FOUND", "INVALID_ID_FIELD", "MALFORMED_ID", "INVALID_TYPE",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunSync)
        {
            return;
        }

        var poll = TimeSpan.FromSeconds(options.Value.PushPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await PushDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or DbUpdateException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The Salesforce push could not look for due opt-outs; it tries again.");
            }

            if (worked == 0)
            {
                try
                {
                    await Task.Delay(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One batch for each organization with due rows; returns how many rows it settled.</summary>
    public async Task<int> PushDueAsync(CancellationToken ct)
    {
        var organizations = new List<Guid>();
        await using (var command = dataSource.CreateCommand("SELECT organization_id FROM salesforce_outbox_due($1, 50)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                organizations.Add(reader.GetGuid(0));
            }
        }

        var worked = 0;
        foreach (var organization in organizations)
        {
            worked += await PushAsync(organization, ct);
        }

        return worked;
    }

    private async Task<int> PushAsync(Guid organization, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
            .BeginAsync(new WorkContext(organization, Actor.System(SalesforceSync.ActorName), Channels.Sync), ct);
        var key = organization.ToString();
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext('salesforce-push'), hashtext({key})) AS \"Value\"").SingleAsync(ct))
        {
            return 0; // another instance is pushing this organization's opt-outs
        }

        var settings = options.Value;
        var now = clock.GetUtcNow();
        var rows = await db.SalesforceOutbox
            .FromSql($"""
                SELECT * FROM salesforce_outbox
                WHERE organization_id = app_organization_id() AND status = 'Pending' AND (next_attempt_at IS NULL OR next_attempt_at <= {now})
                ORDER BY id LIMIT {settings.PushBatchSize * 2} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return 0;
        }

        var connection = await db.SalesforceConnections.SingleOrDefaultAsync(ct);
        if (connection is null)
        {
            foreach (var row in rows)
            {
                row.Status = SalesforcePushStatus.Failed;
                row.LastError = "Salesforce is not connected.";
            }
        }
        else
        {
            var records = rows.GroupBy(r => r.SalesforceId, StringComparer.Ordinal)
                .Select(g => g.OrderBy(r => r.Id).ToList())
                .Take(settings.PushBatchSize)
                .ToList();
            try
            {
                var credentials = scope.ServiceProvider.GetRequiredService<SalesforceSecrets>().CredentialsOf(connection);
                var results = await services.GetRequiredService<SalesforceClient>()
                    .UpdateOptOutsAsync(credentials, [.. records.Select(g => (g[^1].SalesforceId, g[^1].OptedOut))], ct);
                for (var i = 0; i < records.Count; i++)
                {
                    var result = i < results.Count ? results[i] : null;
                    Settle(records[i], result, now, settings);
                }

                await ReadBackClearsAsync(credentials, [.. records.Select(g => g[^1]).Where(r => r is { Status: SalesforcePushStatus.Confirmed, OptedOut: false })], organization, ct);
            }
            catch (Exception e) when (e is SalesforceException or HttpRequestException or Polly.Timeout.TimeoutRejectedException
                                          or System.Text.Json.JsonException or System.Security.Cryptography.CryptographicException
                                      || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                var error = e is SalesforceException s ? $"{s.Code}: {s.Message}" : e.Message;
                logger.LogWarning("Pushing {Count} opt-outs of {Organization} to Salesforce failed: {Error}", rows.Count, organization, error);
                foreach (var group in records)
                {
                    Retry(group, error, now, settings);
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>
    /// After a clear is confirmed, Salesforce's own SystemModstamp of the record: the pull compares it
    /// with the record's later stamps, so a difference between the two clocks cannot make a stale
    /// opt-out look new. Without it (the read failed) the pull falls back to our confirmation time.
    /// </summary>
    private async Task ReadBackClearsAsync(SalesforceCredentials credentials, List<SalesforceOutboxItem> clears, Guid organization, CancellationToken ct)
    {
        if (clears.Count == 0)
        {
            return;
        }

        try
        {
            var stamps = await services.GetRequiredService<SalesforceClient>().ReadModstampsAsync(credentials, [.. clears.Select(c => c.SalesforceId)], ct);
            foreach (var clear in clears)
            {
                clear.ConfirmedModstamp = stamps.TryGetValue(clear.SalesforceId, out var stamp) ? stamp : null;
            }
        }
        catch (Exception e) when (e is SalesforceException or HttpRequestException or Polly.Timeout.TimeoutRejectedException or System.Text.Json.JsonException
                                  || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("Reading back the cleared records of {Organization} failed: {Error}", organization, e.Message);
        }
    }

    private static void Settle(List<SalesforceOutboxItem> group, SalesforceSaveResult? result, DateTimeOffset now, SalesforceOptions settings)
    {
        var latest = group[^1];
        if (result is { Success: true })
        {
            latest.Status = SalesforcePushStatus.Confirmed;
            latest.ConfirmedAt = now;
            latest.Attempts++;
            latest.LastError = null;
            foreach (var earlier in group[..^1])
            {
                earlier.Status = SalesforcePushStatus.Superseded;
            }
        }
        else if (result?.ErrorCode is { } code && Permanent.Contains(code))
        {
            foreach (var row in group)
            {
                row.Status = SalesforcePushStatus.Failed;
                row.Attempts++;
                row.LastError = Truncate($"{code}: {result.Message}");
            }
        }
        else
        {
            Retry(group, result is null ? "Salesforce gave no result for the record." : $"{result.ErrorCode}: {result.Message}", now, settings);
        }
    }

    private static void Retry(List<SalesforceOutboxItem> group, string error, DateTimeOffset now, SalesforceOptions settings)
    {
        foreach (var row in group)
        {
            row.Attempts++;
            row.LastError = Truncate(error);
            var delay = Math.Min(settings.MaxPushRetrySeconds, settings.PushRetryBaseSeconds * Math.Pow(2, Math.Min(row.Attempts - 1, 20)));
            row.NextAttemptAt = now.AddSeconds(delay); // opt-outs are never given up on for a transient failure
        }
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];
}
