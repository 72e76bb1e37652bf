using Microsoft.JSInterop;

namespace ComplianceConnect.Extension.Services;

/// <summary>Loads <c>js/download.js</c> once; <see cref="FileDownload"/> is its only caller.</summary>
public sealed class DownloadModule(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    // Absolute path, as for chrome.js: a relative one would resolve against framework/.
    public Task<IJSObjectReference> GetAsync() => _module ??= js.InvokeAsync<IJSObjectReference>("import", "/js/download.js").AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            await (await _module).DisposeAsync();
        }
    }
}

/// <summary>Saves bytes the extension fetched as a file in the browser's downloads.</summary>
public interface IFileDownload
{
    Task SaveAsync(string fileName, string? mediaType, byte[] content);
}

public sealed class FileDownload(DownloadModule module) : IFileDownload
{
    public async Task SaveAsync(string fileName, string? mediaType, byte[] content) =>
        await (await module.GetAsync()).InvokeVoidAsync("saveFile", fileName, mediaType ?? "application/octet-stream", content);
}
