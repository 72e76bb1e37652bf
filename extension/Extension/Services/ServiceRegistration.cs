using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Extension.Services;

public static class ServiceRegistration
{
    public static IServiceCollection AddExtensionServices(this IServiceCollection services)
    {
        services.AddSingleton<ChromeModule>();
        services.AddSingleton<IChromeStorage, ChromeStorage>();
        services.AddSingleton<IChromeRuntime, ChromeRuntime>();
        services.AddSingleton<IChromeTabs, ChromeTabs>();
        services.AddSingleton<IChromeScripting, ChromeScripting>();
        services.AddSingleton<IChromeAction, ChromeAction>();
        services.AddSingleton<DownloadModule>();
        services.AddSingleton<IFileDownload, FileDownload>();
        services.AddSingleton<CaptureSource>();
        services.AddSingleton<ContactExtractor>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<Text>();
        services.AddSingleton<ApiTransport>();
        services.AddSingleton<AuthSession>();
        services.AddSingleton<ApiClient>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new HttpClient());
        return services;
    }
}
