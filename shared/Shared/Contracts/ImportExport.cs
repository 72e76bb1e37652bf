namespace ComplianceConnect.Shared.Contracts;

/// <summary>
/// A data-subject copy of one contact (GDPR Art. 15 access, Art. 20 portability): everything the
/// organization holds about the person, as JSON.
/// </summary>
/// <param name="GeneratedAt">When the copy was made.</param>
/// <param name="Contact">The personal data and the compliance card.</param>
/// <param name="Capture">Where and when the data was obtained (GDPR Art. 14(2)(f)).</param>
/// <param name="UnsubscribeHistory">Unsubscribe and resubscribe events, oldest first.</param>
/// <param name="EmailsSent">Emails sent (or queued) to the person, oldest first.</param>
/// <param name="AuditTrail">The contact's audit trail, oldest first.</param>
public sealed record DataSubjectCopyDto(
    DateTimeOffset GeneratedAt,
    ContactDto Contact,
    CaptureSourceDto Capture,
    IReadOnlyList<DataSubjectEventDto> UnsubscribeHistory,
    IReadOnlyList<DataSubjectEventDto> EmailsSent,
    IReadOnlyList<AuditEntryDto> AuditTrail);

/// <summary>Where a contact's data came from.</summary>
/// <param name="SourceType">The recorded source.</param>
/// <param name="SourceDescription">The description of an "Other" source.</param>
/// <param name="PageUrl">The page the person was captured from.</param>
/// <param name="CapturedAt">When it was captured.</param>
public sealed record CaptureSourceDto(Compliance.SourceType SourceType, string? SourceDescription, string? PageUrl, DateTimeOffset? CapturedAt);

/// <summary>One dated event of a data-subject copy's history lists.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">A description.</param>
public sealed record DataSubjectEventDto(DateTimeOffset At, string Kind, string? Detail);

/// <summary>Where an import job is.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<ImportStatus>))]
public enum ImportStatus
{
    /// <summary>Accepted, waiting for the worker.</summary>
    Queued,

    /// <summary>Rows are being validated and written, chunk by chunk.</summary>
    Running,

    /// <summary>Every row was handled; the report lists the refused ones.</summary>
    Completed,

    /// <summary>Stopped by an unexpected error; the chunks committed before it stay.</summary>
    Failed,
}

/// <summary>A CSV import's progress and, at the end, its report.</summary>
/// <param name="Id">The job.</param>
/// <param name="Status">Where it is.</param>
/// <param name="FileName">The uploaded file's name, when the upload gave one.</param>
/// <param name="UpdateExisting">Whether rows whose email or LinkedIn profile is already a contact update it (else they are skipped).</param>
/// <param name="TotalRows">Data rows in the file (known once the upload was checked).</param>
/// <param name="ProcessedRows">Rows handled so far.</param>
/// <param name="Created">Rows that became new contacts.</param>
/// <param name="Updated">Rows that updated an existing contact.</param>
/// <param name="Skipped">Rows of existing contacts left as they were.</param>
/// <param name="Rejected">Rows refused (see <paramref name="Problems"/>).</param>
/// <param name="Error">Why a failed job stopped.</param>
/// <param name="CreatedAt">When it was uploaded.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Problems">The refused rows (the first <c>ImportJobDto.MaxProblemsShown</c>), with no personal values.</param>
/// <param name="ErrorCode">The reason of <paramref name="Error"/> as one of <see cref="ImportErrorCodes"/>, for a translation.</param>
public sealed record ImportJobDto(
    Guid Id,
    ImportStatus Status,
    string? FileName,
    bool UpdateExisting,
    int TotalRows,
    int ProcessedRows,
    int Created,
    int Updated,
    int Skipped,
    int Rejected,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<ImportProblemDto> Problems,
    string? ErrorCode = null)
{
    /// <summary>How many refused rows a job answer lists at most.</summary>
    public const int MaxProblemsShown = 1000;
}

/// <summary>One refused cell or row of an import.</summary>
/// <param name="Row">The line's data-row number (1 = the first row after the header).</param>
/// <param name="Column">The column as the file's header named it (empty for the row as a whole).</param>
/// <param name="Code">The stable code (<see cref="ValidationCodes"/>).</param>
/// <param name="Message">The English reason; it never repeats the cell's value.</param>
public sealed record ImportProblemDto(int Row, string Column, string Code, string Message);

/// <summary>Why an import job failed (<see cref="ImportJobDto.ErrorCode"/>), for the extension to say in the rep's language.</summary>
public static class ImportErrorCodes
{
    /// <summary>An error the import did not expect: the rows reported as processed are in, the rest are not.</summary>
    public const string Unexpected = "import_unexpected_error";

    /// <summary>A restart stopped the job and it could not go on (no spool folder of the instance's own).</summary>
    public const string Interrupted = "import_interrupted";
}
