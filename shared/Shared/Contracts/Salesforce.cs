namespace ComplianceConnect.Shared.Contracts;

/// <summary>How the API signs in to an organization's Salesforce.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<SalesforceAuthKind>))]
public enum SalesforceAuthKind
{
    /// <summary>OAuth client credentials flow of a connected app (client id and secret).</summary>
    ClientCredentials,

    /// <summary>A refresh token issued to the connected app (client id, optional secret and the refresh token).</summary>
    RefreshToken,
}

/// <summary>What started a sync run.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<SalesforceRunTrigger>))]
public enum SalesforceRunTrigger
{
    /// <summary>The organization's interval came round.</summary>
    Schedule,

    /// <summary>An Admin asked for a run.</summary>
    Manual,
}

/// <summary>How a sync run ended (or that it is still going).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<SalesforceRunStatus>))]
public enum SalesforceRunStatus
{
    /// <summary>The run is in progress.</summary>
    Running,

    /// <summary>Every page was pulled and applied.</summary>
    Succeeded,

    /// <summary>The run stopped on an error; the next run resumes from the last page that was applied.</summary>
    Failed,

    /// <summary>The instance running it stopped (a crash or a shutdown); the next run resumed from its watermark.</summary>
    Abandoned,
}

/// <summary>
/// An Admin connects (or changes) the organization's Salesforce. Secrets are write-only: the API
/// stores them protected and never returns them; leave one out to keep the stored one.
/// </summary>
public sealed record SalesforceConnectionRequest : IValidatableRequest
{
    public const int MinIntervalMinutes = 5;
    public const int MaxIntervalMinutes = 1440;
    public const int MaxSecret = 2000;

    /// <summary>The org's My Domain address, e.g. https://acme.my.salesforce.com (http only for a loopback test server).</summary>
    public string? InstanceUrl { get; init; }

    public SalesforceAuthKind? AuthKind { get; init; }

    /// <summary>The connected app's consumer key.</summary>
    public string? ClientId { get; init; }

    /// <summary>The connected app's consumer secret (required for client credentials).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The refresh token (required for <see cref="SalesforceAuthKind.RefreshToken"/>).</summary>
    public string? RefreshToken { get; init; }

    /// <summary>Minutes between scheduled runs (60 when left out).</summary>
    public int? IntervalMinutes { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        errors.Text(nameof(InstanceUrl), InstanceUrl, Limits.Url, required: true);
        if (!string.IsNullOrWhiteSpace(InstanceUrl) && !IsAllowedInstanceUrl(InstanceUrl))
        {
            errors.Add(nameof(InstanceUrl), ValidationCodes.UrlInvalid, "Must be an absolute https URL (http only for a loopback address).");
        }

        if (AuthKind is null)
        {
            errors.Add(nameof(AuthKind), ValidationCodes.Required, "Is required.");
        }

        errors.Text(nameof(ClientId), ClientId, 500, required: true);
        errors.Text(nameof(ClientSecret), ClientSecret, MaxSecret);
        errors.Text(nameof(RefreshToken), RefreshToken, MaxSecret);
        if (IntervalMinutes is < MinIntervalMinutes or > MaxIntervalMinutes)
        {
            errors.Add(nameof(IntervalMinutes), ValidationCodes.OutOfRange, $"Must be between {MinIntervalMinutes} and {MaxIntervalMinutes}.", MinIntervalMinutes, MaxIntervalMinutes);
        }
    }

    /// <summary>https, or http to a loopback address (a local test server): credentials never travel in clear text otherwise.</summary>
    public static bool IsAllowedInstanceUrl(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

/// <summary>The organization's Salesforce connection as an Admin sees it: never a secret, only whether one is stored.</summary>
public sealed record SalesforceConnectionDto(
    bool Connected,
    string? InstanceUrl,
    SalesforceAuthKind? AuthKind,
    string? ClientId,
    bool HasClientSecret,
    bool HasRefreshToken,
    int IntervalMinutes,
    DateTimeOffset? NextRunAt,
    bool RunRequested,
    SalesforceRunDto? LastRun,
    int PendingPushes,
    string? LastPushError);

/// <summary>
/// One pull run: when, what it did, and the error it stopped on: <paramref name="ErrorCode"/> is a
/// <see cref="ValidationCodes"/> value (null for runs recorded before it existed), <paramref name="Error"/> the detail.
/// </summary>
public sealed record SalesforceRunDto(
    Guid Id,
    SalesforceRunTrigger Trigger,
    SalesforceRunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Pulled,
    int Created,
    int Updated,
    int OptedOut,
    int OptOutsCleared,
    int Suppressed,
    int PushesQueued,
    string? Error,
    string? ErrorCode = null);

/// <summary>
/// The outcome of testing the stored connection: whether a token was issued and a query answered.
/// <paramref name="Code"/> is a <see cref="ValidationCodes"/> value when it failed.
/// </summary>
public sealed record SalesforceTestResultDto(bool Ok, string? Code, string? Message);
