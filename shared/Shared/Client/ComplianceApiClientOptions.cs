namespace ComplianceConnect.Shared.Client;

/// <summary>How a <see cref="ComplianceApiClient"/> addresses and identifies itself to the API.</summary>
public sealed record ComplianceApiClientOptions
{
    /// <summary>
    /// The API's address, path prefix included; null uses the <see cref="HttpClient.BaseAddress"/>.
    /// Lets a caller whose address changes at run time (the extension's Options page) keep one HttpClient.
    /// </summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>The <c>X-Client</c> header (the audit trail's channel: extension, web-app, api, sync); null sends none.</summary>
    public string? ClientName { get; init; }

    /// <summary>
    /// Supplies the bearer token for each request; null (or a null token) sends no Authorization
    /// header, leaving any default header of the HttpClient in place.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessToken { get; init; }
}
