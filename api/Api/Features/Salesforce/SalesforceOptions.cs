namespace ComplianceConnect.Api.Features.Salesforce;

/// <summary>Settings bound from the <c>Salesforce</c> configuration section.</summary>
public sealed class SalesforceOptions
{
    public const string Section = "Salesforce";

    /// <summary>Whether this instance runs the sync and push workers (every instance may: runs are one at a time per organization).</summary>
    public bool RunSync { get; set; } = true;

    /// <summary>REST API version used in every path.</summary>
    public string ApiVersion { get; set; } = "v60.0";

    /// <summary>How often an instance looks for organizations whose run is due or requested.</summary>
    public double SchedulerPollSeconds { get; set; } = 15;

    /// <summary>How often an instance looks for opt-outs to push.</summary>
    public double PushPollSeconds { get; set; } = 2;

    /// <summary>Records per composite (sObject Collections) request: Salesforce allows 200.</summary>
    public int PushBatchSize { get; set; } = 200;

    /// <summary>The first delay before retrying a failed push; each further one doubles it, up to <see cref="MaxPushRetrySeconds"/>.</summary>
    public double PushRetryBaseSeconds { get; set; } = 30;

    public double MaxPushRetrySeconds { get; set; } = 3600;

    /// <summary>HTTP-level retries of one request on 429, 5xx and timeouts (with exponential backoff and jitter).</summary>
    public int HttpRetries { get; set; } = 4;

    public double HttpRetryBaseMilliseconds { get; set; } = 1000;

    /// <summary>One attempt's timeout.</summary>
    public double HttpAttemptTimeoutSeconds { get; set; } = 30;
}
