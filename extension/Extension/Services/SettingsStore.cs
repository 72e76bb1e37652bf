namespace ComplianceConnect.Extension.Services;

/// <summary>The options page's settings.</summary>
/// <param name="ApiAddress">Base address of the Compliance Connect API.</param>
/// <param name="Language">"en" or "sv".</param>
public sealed record ExtensionSettings(string ApiAddress, string Language)
{
    /// <summary>Where the README's run command starts the API.</summary>
    public const string DefaultApiAddress = "http://127.0.0.1:5080";

    public static ExtensionSettings Default { get; } = new(DefaultApiAddress, "en");
}

public sealed class SettingsStore(IChromeStorage storage)
{
    private const string Key = "settings";
    private ExtensionSettings? _current;

    public event Action<ExtensionSettings>? Changed;

    public async Task<ExtensionSettings> GetAsync() =>
        _current ??= await storage.GetAsync(Key, ExtensionJsonContext.Default.ExtensionSettings) ?? ExtensionSettings.Default;

    public async Task SaveAsync(ExtensionSettings settings)
    {
        await storage.SetAsync(Key, settings, ExtensionJsonContext.Default.ExtensionSettings);
        _current = settings;
        Changed?.Invoke(settings);
    }

    /// <summary>Checks an API address: an absolute http(s) URL (a path prefix is allowed, for an API behind a reverse proxy).</summary>
    public static string? ValidateApiAddress(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : "Enter an absolute http:// or https:// address, e.g. " + ExtensionSettings.DefaultApiAddress;
}
