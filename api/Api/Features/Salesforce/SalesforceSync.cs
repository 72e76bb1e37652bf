using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Features.Unsubscribe;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplianceConnect.Api.Features.Salesforce;

/// <summary>Wakes this instance's sync workers when a run was requested, so they need not wait for the next poll.</summary>
public sealed class SalesforceSignal
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

/// <summary>Protects and reads an organization's Salesforce secrets; the purpose names the organization, so a secret copied to another one does not open.</summary>
public sealed class SalesforceSecrets(IDataProtectionProvider provider)
{
    private IDataProtector For(Guid organization) => provider.CreateProtector("ComplianceConnect.Salesforce.Credentials.v1", organization.ToString());

    public string Protect(Guid organization, string secret) => For(organization).Protect(secret);

    public SalesforceCredentials CredentialsOf(SalesforceConnection c) => new(
        c.OrganizationId, c.InstanceUrl, c.AuthKind, c.ClientId,
        c.ProtectedClientSecret is { } s ? For(c.OrganizationId).Unprotect(s) : null,
        c.ProtectedRefreshToken is { } r ? For(c.OrganizationId).Unprotect(r) : null);
}

/// <summary>
/// One pull run for one organization, at most one at a time across every API instance: the run
/// holds a <see cref="SessionLock"/> for the whole run.
/// Each page of Contacts or Leads is applied in one unit of work as the system actor "sync"
/// (channel "sync"), together with the watermark it reached, so a crash loses at most the page in
/// progress and the next run resumes there; applying a page twice changes nothing.
/// </summary>
public sealed class SalesforceSync(IServiceProvider services, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<SalesforceSync> logger)
{
    public const string ActorName = "sync";

    private static readonly string[] Objects = ["Contact", "Lead"];

    /// <summary>Runs the organization's pull if it is due or requested and no other instance runs it; false when it did not run.</summary>
    public async Task<bool> TryRunAsync(Guid organization, CancellationToken ct)
    {
        await using var held = await SessionLock.TryTakeAsync(dataSource, "salesforce", organization.ToString(), ct);
        return held is not null && await RunLockedAsync(organization, ct);
    }

    private async Task<bool> RunLockedAsync(Guid organization, CancellationToken ct)
    {
        // Under the lock, check again: another instance may have finished this very run a moment ago.
        Guid runId;
        DateTimeOffset? requested;
        SalesforceCredentials credentials;
        var watermarks = new Dictionary<string, DateTimeOffset?>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var work = await BeginAsync(scope, organization, ct);
            var now = clock.GetUtcNow();
            var connection = await db.SalesforceConnections.SingleOrDefaultAsync(ct);
            if (connection is null || (connection.RunRequestedAt is null && connection.NextRunAt > now))
            {
                return false;
            }

            // We hold the lock, so a run still marked running was cut off (a crash, a shutdown).
            await db.SalesforceRuns.Where(r => r.Status == SalesforceRunStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SalesforceRunStatus.Abandoned).SetProperty(r => r.FinishedAt, now), ct);
            requested = connection.RunRequestedAt;
            var run = new SalesforceRun
            {
                Trigger = requested is null ? SalesforceRunTrigger.Schedule : SalesforceRunTrigger.Manual,
                Status = SalesforceRunStatus.Running,
                StartedAt = now,
            };
            db.SalesforceRuns.Add(run);
            await db.SaveChangesAsync(ct);
            await work.CommitAsync(ct);
            runId = run.Id;
            watermarks["Contact"] = connection.ContactWatermark;
            watermarks["Lead"] = connection.LeadWatermark;
            credentials = scope.ServiceProvider.GetRequiredService<SalesforceSecrets>().CredentialsOf(connection);
        }

        string? error = null;
        string? errorCode = null;
        try
        {
            var client = services.GetRequiredService<SalesforceClient>();
            foreach (var type in Objects)
            {
                var page = await client.QueryAsync(credentials, Soql(type, watermarks[type]), ct);
                while (true)
                {
                    await ApplyPageAsync(organization, runId, type, page.Records, ct);
                    if (page.NextRecordsUrl is not { } next)
                    {
                        break;
                    }

                    page = await client.QueryMoreAsync(credentials, next, ct);
                }
            }
        }
        catch (Exception e) when (e is SalesforceException or HttpRequestException or Polly.Timeout.TimeoutRejectedException
                                      or System.Text.Json.JsonException or System.Security.Cryptography.CryptographicException or DbUpdateException
                                  || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // A page the database refused is reported like a Salesforce failure: the run ends, the next one resumes there.
            error = SalesforceFailure.Detail(e);
            errorCode = SalesforceFailure.Code(e);
            logger.LogWarning("The Salesforce run of {Organization} failed: {Error}", organization, error);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var work = await BeginAsync(scope, organization, ct);
            var now = clock.GetUtcNow();
            var run = await db.SalesforceRuns.SingleAsync(r => r.Id == runId, ct);
            run.Status = error is null ? SalesforceRunStatus.Succeeded : SalesforceRunStatus.Failed;
            run.Error = error is { Length: > 2000 } ? error[..2000] : error;
            run.ErrorCode = errorCode;
            run.FinishedAt = now;
            if (await db.SalesforceConnections.SingleOrDefaultAsync(ct) is { } connection)
            {
                connection.NextRunAt = now.AddMinutes(connection.IntervalMinutes);
                if (connection.RunRequestedAt <= requested)
                {
                    connection.RunRequestedAt = null; // a request made during the run gets a run of its own
                }
            }

            await db.SaveChangesAsync(ct);
            await work.CommitAsync(ct);
        }

        return true;
    }

    /// <summary>
    /// Records changed at or after the watermark, oldest first. "At" rather than "after": records
    /// sharing the last page's SystemModstamp may not all have been on it, and applying one twice changes nothing.
    /// </summary>
    public static string Soql(string type, DateTimeOffset? watermark) =>
        $"SELECT Id, FirstName, LastName, Email, Phone, Title, {(type == "Lead" ? "Company" : "Account.Name")}, HasOptedOutOfEmail, SystemModstamp FROM {type}"
        + (watermark is { } w ? $" WHERE SystemModstamp >= {SalesforceClient.SoqlDateTime(w)}" : "")
        + " ORDER BY SystemModstamp, Id";

    private async Task<UnitOfWork.Work> BeginAsync(AsyncServiceScope scope, Guid organization, CancellationToken ct) =>
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().BeginAsync(new WorkContext(organization, Actor.System(ActorName), Channels.Sync), ct);

    private sealed class Counts
    {
        public int Created, Updated, OptedOut, Cleared, Suppressed, Queued;
    }

    private async Task ApplyPageAsync(Guid organization, Guid runId, string type, IReadOnlyList<SalesforceRecord> records, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var suppressions = scope.ServiceProvider.GetRequiredService<ISuppressionList>();
        await using var work = await BeginAsync(scope, organization, ct);
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ReasonAsync($"Salesforce {type} pull", ct);
        var now = clock.GetUtcNow();
        var counts = new Counts();

        var ids = records.Select(r => r.Id).ToList();
        var emails = records.Select(r => Contact.NormalizeEmail(r.Email)).OfType<string>().Distinct().ToList();
        var bySalesforceId = (await db.Contacts.Where(c => c.SalesforceId != null && ids.Contains(c.SalesforceId)).ToListAsync(ct))
            .ToDictionary(c => c.SalesforceId!, StringComparer.Ordinal);
        var byEmail = (await db.Contacts.Where(c => c.EmailNormalized != null && emails.Contains(c.EmailNormalized)).ToListAsync(ct))
            .ToDictionary(c => c.EmailNormalized!, StringComparer.Ordinal);

        var matched = new List<(SalesforceRecord Record, Contact Contact)>();
        foreach (var record in records)
        {
            var email = Contact.NormalizeEmail(record.Email);
            var contact = bySalesforceId.GetValueOrDefault(record.Id) ?? (email is null ? null : byEmail.GetValueOrDefault(email));
            if (contact is null)
            {
                if (email is null && record.FirstName is null && record.LastName is null)
                {
                    continue;
                }

                if (await suppressions.IsSuppressedAsync(record.Email, null, ct))
                {
                    counts.Suppressed++; // erased here: never re-created, whatever Salesforce still holds
                    continue;
                }

                contact = new Contact { SourceType = SourceType.CrmSync, SalesforceId = record.Id, CreatedAt = now, UpdatedAt = now };
                contact.SetFields(new CreateContactRequest
                {
                    FirstName = Clip(record.FirstName, Limits.Name),
                    LastName = Clip(record.LastName, Limits.Name),
                    Email = Clip(record.Email, Limits.Email),
                    Phone = Clip(record.Phone, Limits.Phone),
                    Company = Clip(record.Company, Limits.Name),
                    Title = Clip(record.Title, Limits.Name),
                });
                db.Contacts.Add(contact);
                bySalesforceId[record.Id] = contact;
                if (email is not null)
                {
                    byEmail[email] = contact;
                }

                counts.Created++;
            }
            else if (db.Entry(contact).State != EntityState.Added && Refresh(contact, record))
            {
                contact.UpdatedAt = now;
                counts.Updated++;
            }

            matched.Add((record, contact));
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear(); // the opt-out decisions read each contact again under its row lock

        foreach (var (record, contact) in matched)
        {
            await ApplyOptOutAsync(db, record, contact.Id, linked: contact.SalesforceId == record.Id, now, counts, ct);
        }

        var run = await db.SalesforceRuns.SingleAsync(r => r.Id == runId, ct);
        run.Pulled += records.Count;
        run.Created += counts.Created;
        run.Updated += counts.Updated;
        run.OptedOut += counts.OptedOut;
        run.OptOutsCleared += counts.Cleared;
        run.Suppressed += counts.Suppressed;
        run.PushesQueued += counts.Queued;
        if (records.Count > 0)
        {
            var reached = records.Max(r => r.SystemModstamp);
            var connection = await db.SalesforceConnections.SingleAsync(ct);
            if (type == "Lead")
            {
                connection.LeadWatermark = Later(connection.LeadWatermark, reached);
            }
            else
            {
                connection.ContactWatermark = Later(connection.ContactWatermark, reached);
            }
        }

        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }

    /// <summary>
    /// The conflict rules. Opted out in Salesforce: unsubscribe here (most restrictive wins) — unless
    /// the latest event here is an Admin's evidenced resubscribe that Salesforce has not seen yet: its
    /// clear is still pending, or the record has not changed since the clear was confirmed (or, with no
    /// clear on record, since the resubscribe). Not opted out in Salesforce while unsubscribed here:
    /// lifted only when the unsubscribe came from Salesforce itself; an opt-out made here is pushed again.
    /// </summary>
    private async Task ApplyOptOutAsync(AppDbContext db, SalesforceRecord record, Guid contactId, bool linked, DateTimeOffset now, Counts counts, CancellationToken ct)
    {
        var contact = await Subscriptions.LockAsync(db, contactId, ct);
        if (contact is null)
        {
            return;
        }

        var latest = await db.SubscriptionEvents.AsNoTracking().Where(e => e.ContactId == contactId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        var unsubscribed = contact.UnsubscribedAt is not null;
        var type = record.Id.StartsWith("00Q", StringComparison.Ordinal) ? "Lead" : "Contact";
        if (record.HasOptedOutOfEmail)
        {
            if (unsubscribed)
            {
                return;
            }

            if (latest is { Kind: SubscriptionEventKind.Resubscribe, Source: SubscriptionSource.Admin })
            {
                var clear = linked
                    ? await db.SalesforceOutbox.AsNoTracking()
                        .Where(o => o.SalesforceId == record.Id && !o.OptedOut && o.Cause == nameof(SubscriptionSource.Admin) && o.Status != SalesforcePushStatus.Superseded)
                        .OrderByDescending(o => o.Id).FirstOrDefaultAsync(ct)
                    : null;
                if (clear is { Status: SalesforcePushStatus.Pending })
                {
                    return; // Salesforce has not been told yet: its opt-out is the one being lifted
                }

                var cutoff = clear is { Status: SalesforcePushStatus.Confirmed } ? clear.ConfirmedModstamp ?? clear.ConfirmedAt ?? latest.OccurredAt : latest.OccurredAt;
                if (record.SystemModstamp <= cutoff)
                {
                    if (linked && clear is null)
                    {
                        Enqueue(db, record.Id, false, nameof(SubscriptionSource.Admin), now);
                        counts.Queued++;
                        await db.SaveChangesAsync(ct);
                    }

                    return;
                }
            }

            var outcome = await Subscriptions.UnsubscribeAsync(db, contactId, new SubscriptionEvent
            {
                Source = SubscriptionSource.SalesforceSync,
                OccurredAt = now,
                ActorName = "Salesforce sync",
                Reason = $"Email Opt Out set on Salesforce {type} {record.Id}",
            }, ct);
            if (outcome == Subscriptions.Outcome.Unsubscribed)
            {
                counts.OptedOut++;
            }

            return;
        }

        if (!unsubscribed || !linked)
        {
            return;
        }

        if (latest is { Kind: SubscriptionEventKind.Unsubscribe, Source: SubscriptionSource.SalesforceSync })
        {
            db.SubscriptionEvents.Add(new SubscriptionEvent
            {
                ContactId = contactId,
                Kind = SubscriptionEventKind.Resubscribe,
                Source = SubscriptionSource.SalesforceSync,
                OccurredAt = now,
                ActorName = "Salesforce sync",
                Reason = $"Email Opt Out cleared on Salesforce {type} {record.Id}; the opt-out had come from Salesforce",
            });
            await db.SaveChangesAsync(ct);
            counts.Cleared++;
            return;
        }

        // Unsubscribed here but not there: Salesforce must hear of it (a push lost, or made before the connection).
        var pending = await db.SalesforceOutbox.AnyAsync(o => o.SalesforceId == record.Id && o.OptedOut && o.Status == SalesforcePushStatus.Pending, ct);
        if (!pending)
        {
            Enqueue(db, record.Id, true, "Reconcile", now);
            counts.Queued++;
            await db.SaveChangesAsync(ct);
        }
    }

    private static void Enqueue(AppDbContext db, string salesforceId, bool optedOut, string cause, DateTimeOffset now) =>
        db.SalesforceOutbox.Add(new SalesforceOutboxItem { SalesforceId = salesforceId, OptedOut = optedOut, Cause = cause, Status = SalesforcePushStatus.Pending, CreatedAt = now });

    /// <summary>Takes Salesforce's values for the fields it owns; a value it does not have leaves ours. True when anything changed.</summary>
    private static bool Refresh(Contact contact, SalesforceRecord record)
    {
        var changed = false;
        void Take(string? value, int limit, Func<string?> get, Action<string> set)
        {
            var clean = Clip(value, limit);
            if (clean is not null && clean != get())
            {
                set(clean);
                changed = true;
            }
        }

        Take(record.FirstName, Limits.Name, () => contact.FirstName, v => contact.FirstName = v);
        Take(record.LastName, Limits.Name, () => contact.LastName, v => contact.LastName = v);
        Take(record.Title, Limits.Name, () => contact.Title, v => contact.Title = v);
        Take(record.Company, Limits.Name, () => contact.Company, v => contact.Company = v);
        if (contact.Phone is null)
        {
            Take(record.Phone, Limits.Phone, () => contact.Phone, v => contact.Phone = v);
        }

        if (contact.SalesforceId is null)
        {
            contact.SalesforceId = record.Id;
            changed = true;
        }

        return changed;
    }

    private static string? Clip(string? value, int limit)
    {
        var clean = TextValue.OrNull(value);
        return clean is { } c && c.Length > limit ? c[..limit] : clean;
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}

/// <summary>Runs each organization's pull when its interval comes round or an Admin asks, on whichever instance gets there first.</summary>
public sealed class SalesforceScheduler(SalesforceSync sync, NpgsqlDataSource dataSource, SalesforceSignal signal, TimeProvider clock,
    IOptions<SalesforceOptions> options, ILogger<SalesforceScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunSync)
        {
            return;
        }

        var poll = TimeSpan.FromSeconds(options.Value.SchedulerPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var organization in await DueAsync(stoppingToken))
                {
                    await sync.TryRunAsync(organization, stoppingToken);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or DbUpdateException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The Salesforce scheduler could not run; it tries again.");
            }

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

    private async Task<List<Guid>> DueAsync(CancellationToken ct)
    {
        var due = new List<Guid>();
        await using var command = dataSource.CreateCommand("SELECT organization_id FROM salesforce_runs_due($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            due.Add(reader.GetGuid(0));
        }

        return due;
    }
}
