using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Features.Erasure;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>
/// One import job. Rows are read and validated in C# as the file streams (the API's own rules);
/// every chunk of good rows is COPYed into a temporary staging table (COPY FROM into a table
/// with row-level security is refused on PostgreSQL 15, and only validated rows reach COPY, where
/// one bad byte would abort it) and handled by a few set-based statements; each chunk commits
/// with its progress and its refused rows, so captures in the organization wait at most one
/// chunk for the audit chain's head.
/// </summary>
public sealed class ImportRunner(AppDbContext db, UnitOfWork unitOfWork, NpgsqlDataSource dataSource, IOptions<AuditOptions> audit,
    IOptions<ImportOptions> options, TimeProvider clock)
{
    public const string ActorName = "import";

    /// <summary>What a job that failed on an error it did not expect says (never the exception's text).</summary>
    public const string UnexpectedMessage =
        "The import stopped on an unexpected error. The rows reported as processed were imported; the rest were not.";

    /// <summary>What a job that a restart cut off says when it cannot go on (no spool folder of the instance's own).</summary>
    public const string InterruptedMessage =
        "The import was stopped by a restart of the server. The rows reported as processed were imported; upload the file again for the rest (rows already imported are recognised by email or LinkedIn).";

    private sealed record Row(int Number, Contact Contact);

    private sealed record Problem(int Row, string Column, string Code, string Message);

    /// <summary>
    /// Runs the job, or goes on with it after the rows its committed chunks reported as processed when a restart cut
    /// it off. A <see cref="SessionLock"/> keeps one process on a job at a time (an old instance still shutting down, a
    /// second one pointed at the same folder).
    /// </summary>
    public async Task<ImportOutcome> RunAsync(ImportWork work, CancellationToken ct)
    {
        await using var held = await SessionLock.TryTakeAsync(dataSource, "import", work.JobId.ToString(), ct);
        return held is null ? ImportOutcome.Elsewhere : await RunLockedAsync(work, ct);
    }

    private async Task<ImportOutcome> RunLockedAsync(ImportWork work, CancellationToken ct)
    {
        var context = new WorkContext(work.OrganizationId, Actor.System(ActorName), Channels.Import);
        ImportJob? job;
        string region;
        await using (var unit = await unitOfWork.BeginAsync(context, ct))
        {
            job = await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == work.JobId, ct);
            if (job is null || job.Status is ImportStatus.Completed or ImportStatus.Failed)
            {
                return ImportOutcome.Ended; // the upload's unit of work did not commit, or the job ended before a restart
            }

            region = await db.Organizations.Where(o => o.Id == work.OrganizationId).Select(o => o.DefaultRegion).SingleAsync(ct);
            job.Status = ImportStatus.Running;
            job.StartedAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await unit.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        try
        {
            await ImportAsync(context, work, job, region, ct);
            await FinishAsync(context, work.JobId, ImportStatus.Completed, null, ct);
            return ImportOutcome.Ended;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // No exception text in the job: PostgreSQL's messages may quote a row's values.
            await FinishAsync(context, work.JobId, ImportStatus.Failed, UnexpectedMessage, CancellationToken.None);
            throw;
        }
        catch (Exception) when (options.Value.SpoolDirectory is null)
        {
            // Stopped by the shutdown, and its file is in the shared temporary folder, which no start takes up again:
            // end it as failed rather than leave it running for ever.
            await FinishAsync(context, work.JobId, ImportStatus.Failed, InterruptedMessage, CancellationToken.None);
            throw;
        }
    }

    private async Task ImportAsync(WorkContext context, ImportWork work, ImportJob job, string region, CancellationToken ct)
    {
        await using var csv = ImportFile.Open(work.Path);
        await csv.ReadHeaderAsync(ct);
        var header = csv.Headers.ToArray();
        var fields = ImportFile.Map(header)!;
        var today = ComplianceRules.LatestToday(clock.GetUtcNow());
        var chunk = new List<Row>();
        var problems = new List<Problem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rowNumber = 0;
        var rowsInChunk = 0;

        // Going on after a restart: the rows the committed chunks reported are in, with their refused rows.
        var done = job.ProcessedRows;
        while (await csv.ReadAsync(ct))
        {
            rowNumber++;
            if (rowNumber <= done)
            {
                continue;
            }

            rowsInChunk++;
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i);
            }

            if (Read(rowNumber, cells, header, fields, region, today, problems) is { } row)
            {
                // A person twice in one chunk: the first row counts, the later ones are reported.
                var keys = new[] { row.Contact.EmailNormalized is { } e ? "e:" + e : null, row.Contact.LinkedInNormalized is { } l ? "l:" + l : null };
                if (keys.Any(k => k is not null && seen.Contains(k)))
                {
                    problems.Add(new(rowNumber, "", ValidationCodes.DuplicateInFile, "An earlier row of the file has the same email or LinkedIn profile."));
                }
                else
                {
                    foreach (var key in keys.OfType<string>())
                    {
                        seen.Add(key);
                    }

                    chunk.Add(row);
                }
            }

            if (rowsInChunk == options.Value.ChunkSize)
            {
                await WriteChunkAsync(context, job, chunk, problems, rowsInChunk, ct);
                (rowsInChunk, seen) = (0, new HashSet<string>(StringComparer.Ordinal));
            }
        }

        if (rowsInChunk > 0)
        {
            await WriteChunkAsync(context, job, chunk, problems, rowsInChunk, ct);
        }
    }

    /// <summary>One data row: a contact to stage, or its problems (row, the file's column name, code, a message without the value).</summary>
    private Row? Read(int number, string[] cells, string[] header, ImportField[] fields, string region, DateOnly today, List<Problem> problems)
    {
        if (cells.Length != header.Length)
        {
            problems.Add(new(number, "", ValidationCodes.InvalidValue, $"The row has {cells.Length} cells; the header has {header.Length}."));
            return null;
        }

        var values = new Dictionary<ImportField, string?>();
        for (var i = 0; i < cells.Length; i++)
        {
            if (fields[i] != ImportField.Ignored)
            {
                values[fields[i]] = ImportFile.Cell(cells[i]);
            }
        }

        string? Value(ImportField f) => values.GetValueOrDefault(f);
        var errors = new ValidationErrors();
        AuthorizationType? authorization = null;
        if (Value(ImportField.AuthorizationType) is { } typeText)
        {
            if (StrictEnum.TryParse<AuthorizationType>(typeText.Replace(" ", "", StringComparison.Ordinal), out var type))
            {
                authorization = type;
            }
            else
            {
                errors.Add(nameof(ImportedContact.AuthorizationType), ValidationCodes.UnknownValue, $"Is not a known value. {ComplianceRules.AllowedValues<AuthorizationType>()}");
            }
        }

        DateOnly? consentDate = null;
        if (Value(ImportField.ConsentDate) is { } dateText)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                consentDate = date;
            }
            else
            {
                errors.Add(nameof(ImportedContact.ConsentDate), ValidationCodes.InvalidValue, "Must be a date written as YYYY-MM-DD.");
            }
        }

        var fieldsIn = new ImportedContact
        {
            FirstName = Value(ImportField.FirstName),
            LastName = Value(ImportField.LastName),
            Email = Value(ImportField.Email),
            Phone = Value(ImportField.Phone),
            Company = Value(ImportField.Company),
            Title = Value(ImportField.Title),
            Website = Value(ImportField.Website),
            LinkedIn = Value(ImportField.LinkedIn),
            Twitter = Value(ImportField.Twitter),
            Facebook = Value(ImportField.Facebook),
            Other = Value(ImportField.Other),
            AuthorizationType = authorization,
            AuthorizationDescription = Value(ImportField.AuthorizationDescription),
            ConsentDate = consentDate,
            ConsentPurpose = Value(ImportField.ConsentPurpose),
        };
        fieldsIn.ValidateFields(errors, region);
        if (!errors.Has(nameof(ImportedContact.AuthorizationType)) && !errors.Has(nameof(ImportedContact.ConsentDate)))
        {
            fieldsIn.ValidateLegalBasis(errors, today);
        }

        var salesforceId = Value(ImportField.SalesforceId);
        if (salesforceId is { Length: > 18 })
        {
            errors.Add("SalesforceId", ValidationCodes.TooLong, "Must be at most 18 characters long.", 18, salesforceId.Length);
        }

        if (!errors.IsValid)
        {
            var codes = errors.Codes();
            foreach (var (field, messages) in errors.ToDictionary())
            {
                var column = ColumnName(field, header, fields);
                for (var i = 0; i < messages.Length; i++)
                {
                    problems.Add(new(number, column, codes[field][i], messages[i]));
                }
            }

            return null;
        }

        var contact = Contact.New(fieldsIn, SourceType.Import, clock.GetUtcNow());
        contact.SalesforceId = salesforceId;
        contact.Phone = contact.Phone is { } phone ? Contact.NormalizePhone(phone, region) ?? phone : null;
        return new Row(number, contact);
    }

    /// <summary>The file's own header text for a rule's field, so the report speaks the file's language.</summary>
    private static string ColumnName(string field, string[] header, ImportField[] fields)
    {
        var index = Enum.TryParse<ImportField>(field, ignoreCase: true, out var f) ? Array.IndexOf(fields, f) : -1;
        return index >= 0 ? header[index].Trim().TrimStart('\uFEFF') : "";
    }

    private async Task WriteChunkAsync(WorkContext context, ImportJob job, List<Row> rows, List<Problem> problems, int rowsInChunk, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int created = 0, updated = 0, skipped = 0;
        await using (var unit = await unitOfWork.BeginAsync(context, ct))
        {
            await unitOfWork.ReasonAsync($"CSV import {job.Id}", ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            if (rows.Count > 0)
            {
                await ExecuteAsync(connection, """
                    CREATE TEMP TABLE import_rows (
                        row_number int NOT NULL, id uuid NOT NULL, first_name text, last_name text, email text, email_normalized text, phone text,
                        company text, title text, website text, linked_in text, linked_in_normalized text, twitter text, facebook text, other text,
                        salesforce_id text, authorization_type text, authorization_description text, consent_date date, consent_purpose text,
                        email_hash text, linkedin_hash text, existing_id uuid) ON COMMIT DROP
                    """, ct);
                await CopyAsync(connection, rows, context.OrganizationId, ct);
                await ExecuteAsync(connection, "ANALYZE import_rows", ct); // a temporary table has no statistics: the joins below would be planned blind

                // Erased people stay erased: refused with the row number only.
                await using (var erased = new NpgsqlCommand("""
                    DELETE FROM import_rows s USING suppressions p
                    WHERE (p.kind = 'email' AND p.key_hash = s.email_hash) OR (p.kind = 'linkedin' AND p.key_hash = s.linkedin_hash)
                    RETURNING s.row_number
                    """, connection))
                await using (var reader = await erased.ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct))
                    {
                        problems.Add(new(reader.GetInt32(0), "", ValidationCodes.ErasedPerson, "This person asked to have their data erased (GDPR Art. 17) and cannot be added again."));
                    }
                }

                await ExecuteAsync(connection, """
                    UPDATE import_rows s SET existing_id = c.id FROM contacts c WHERE c.email_normalized = s.email_normalized;
                    UPDATE import_rows s SET existing_id = c.id FROM contacts c WHERE s.existing_id IS NULL AND c.linked_in_normalized = s.linked_in_normalized;
                    """, ct);
                var matched = await ScalarAsync(connection, "SELECT count(*) FROM import_rows WHERE existing_id IS NOT NULL", ct);
                if (job.UpdateExisting)
                {
                    // A blank cell keeps the stored value; the legal basis changes only when the row gives one
                    // (never overwritten with nothing); the source stays where the contact first came from.
                    updated = await ExecuteAsync(connection, """
                        UPDATE contacts c SET
                            first_name = coalesce(s.first_name, c.first_name), last_name = coalesce(s.last_name, c.last_name),
                            email = coalesce(c.email, s.email), email_normalized = coalesce(c.email_normalized, s.email_normalized),
                            phone = coalesce(s.phone, c.phone), company = coalesce(s.company, c.company), title = coalesce(s.title, c.title),
                            website = coalesce(s.website, c.website),
                            linked_in = coalesce(c.linked_in, s.linked_in), linked_in_normalized = coalesce(c.linked_in_normalized, s.linked_in_normalized),
                            twitter = coalesce(s.twitter, c.twitter), facebook = coalesce(s.facebook, c.facebook), other = coalesce(s.other, c.other),
                            salesforce_id = coalesce(s.salesforce_id, c.salesforce_id),
                            authorization_type = CASE WHEN s.authorization_type IS NULL THEN c.authorization_type ELSE s.authorization_type END,
                            authorization_description = CASE WHEN s.authorization_type IS NULL THEN c.authorization_description ELSE s.authorization_description END,
                            consent_date = CASE WHEN s.authorization_type IS NULL THEN c.consent_date ELSE s.consent_date END,
                            consent_purpose = CASE WHEN s.authorization_type IS NULL THEN c.consent_purpose ELSE s.consent_purpose END,
                            updated_at = @now
                        FROM import_rows s
                        WHERE c.id = s.existing_id
                          AND (s.first_name IS NOT NULL AND s.first_name IS DISTINCT FROM c.first_name
                            OR s.last_name IS NOT NULL AND s.last_name IS DISTINCT FROM c.last_name
                            OR c.email IS NULL AND s.email IS NOT NULL
                            OR s.phone IS NOT NULL AND s.phone IS DISTINCT FROM c.phone
                            OR s.company IS NOT NULL AND s.company IS DISTINCT FROM c.company
                            OR s.title IS NOT NULL AND s.title IS DISTINCT FROM c.title
                            OR s.website IS NOT NULL AND s.website IS DISTINCT FROM c.website
                            OR c.linked_in IS NULL AND s.linked_in IS NOT NULL
                            OR s.twitter IS NOT NULL AND s.twitter IS DISTINCT FROM c.twitter
                            OR s.facebook IS NOT NULL AND s.facebook IS DISTINCT FROM c.facebook
                            OR s.other IS NOT NULL AND s.other IS DISTINCT FROM c.other
                            OR s.salesforce_id IS NOT NULL AND s.salesforce_id IS DISTINCT FROM c.salesforce_id
                            OR s.authorization_type IS NOT NULL AND (s.authorization_type, s.authorization_description, s.consent_date, s.consent_purpose)
                               IS DISTINCT FROM (c.authorization_type, c.authorization_description, c.consent_date, c.consent_purpose))
                        """, ct, ("now", now));
                }

                skipped = (int)matched - updated;

                // A capture that added the same person meanwhile wins the unique index: that row counts as skipped.
                created = await ExecuteAsync(connection, """
                    INSERT INTO contacts (organization_id, id, first_name, last_name, email, email_normalized, phone, company, title, website,
                                          linked_in, linked_in_normalized, twitter, facebook, other, salesforce_id,
                                          authorization_type, authorization_description, consent_date, consent_purpose, source_type, created_at, updated_at)
                    SELECT app_organization_id(), s.id, s.first_name, s.last_name, s.email, s.email_normalized, s.phone, s.company, s.title, s.website,
                           s.linked_in, s.linked_in_normalized, s.twitter, s.facebook, s.other, s.salesforce_id,
                           s.authorization_type, s.authorization_description, s.consent_date, s.consent_purpose, 'Import', @now, @now
                    FROM import_rows s WHERE s.existing_id IS NULL
                    ORDER BY s.row_number
                    ON CONFLICT DO NOTHING
                    """, ct, ("now", now));
                skipped += (int)await ScalarAsync(connection, "SELECT count(*) FROM import_rows WHERE existing_id IS NULL", ct) - created;
            }

            var ordinal = 0;
            var previous = -1;
            foreach (var p in problems.OrderBy(p => p.Row))
            {
                ordinal = p.Row == previous ? ordinal + 1 : 0;
                previous = p.Row;
                db.ImportProblems.Add(new ImportProblem
                {
                    OrganizationId = context.OrganizationId, JobId = job.Id, Row = p.Row, Ordinal = ordinal,
                    Column = p.Column.Length > 200 ? p.Column[..200] : p.Column, Code = p.Code, Message = p.Message,
                });
            }

            var rejectedRows = problems.Select(p => p.Row).Distinct().Count();
            await db.SaveChangesAsync(ct);
            await db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.ProcessedRows, j => j.ProcessedRows + rowsInChunk)
                .SetProperty(j => j.CreatedCount, j => j.CreatedCount + created)
                .SetProperty(j => j.UpdatedCount, j => j.UpdatedCount + updated)
                .SetProperty(j => j.SkippedCount, j => j.SkippedCount + skipped)
                .SetProperty(j => j.RejectedCount, j => j.RejectedCount + rejectedRows), ct);
            await unit.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        rows.Clear();
        problems.Clear();
    }

    private async Task CopyAsync(NpgsqlConnection connection, List<Row> rows, Guid organization, CancellationToken ct)
    {
        var key = audit.Value;
        await using var import = await connection.BeginBinaryImportAsync("""
            COPY import_rows (row_number, id, first_name, last_name, email, email_normalized, phone, company, title, website, linked_in,
                              linked_in_normalized, twitter, facebook, other, salesforce_id, authorization_type, authorization_description,
                              consent_date, consent_purpose, email_hash, linkedin_hash) FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var row in rows)
        {
            var c = row.Contact;
            await import.StartRowAsync(ct);
            await import.WriteAsync(row.Number, NpgsqlDbType.Integer, ct);
            await import.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
            foreach (var text in new[] { c.FirstName, c.LastName, c.Email, c.EmailNormalized, c.Phone, c.Company, c.Title, c.Website, c.LinkedIn,
                                         c.LinkedInNormalized, c.Twitter, c.Facebook, c.Other, c.SalesforceId, c.AuthorizationType?.ToString(), c.AuthorizationDescription })
            {
                await WriteTextAsync(import, text, ct);
            }

            if (c.ConsentDate is { } date)
            {
                await import.WriteAsync(date, NpgsqlDbType.Date, ct);
            }
            else
            {
                await import.WriteNullAsync(ct);
            }

            await WriteTextAsync(import, c.ConsentPurpose, ct);
            await WriteTextAsync(import, c.EmailNormalized is { } e ? Suppression.Hash(key, organization, Suppression.Email, e) : null, ct);
            await WriteTextAsync(import, c.LinkedInNormalized is { } l ? Suppression.Hash(key, organization, Suppression.LinkedIn, l) : null, ct);
        }

        await import.CompleteAsync(ct);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter import, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await import.WriteNullAsync(ct);
        }
        else
        {
            await import.WriteAsync(value, NpgsqlDbType.Text, ct);
        }
    }

    private async Task FinishAsync(WorkContext context, Guid jobId, ImportStatus status, string? error, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var unit = await unitOfWork.BeginAsync(context, ct);
        var now = clock.GetUtcNow();
        await db.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Error, error)
            .SetProperty(j => j.FinishedAt, now), ct);
        await unit.CommitAsync(ct);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>How a run of a job ended for its spooled file: the job has ended, or it goes on (elsewhere, or at the next start).</summary>
public enum ImportOutcome
{
    Ended,
    Elsewhere,
}

/// <summary>One import row's fields, checked with the same rules as the API's create.</summary>
internal sealed record ImportedContact : NewContactFields;
