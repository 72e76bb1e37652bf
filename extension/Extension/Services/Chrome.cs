using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.JSInterop;

namespace ComplianceConnect.Extension.Services;

/// <summary>Loads <c>js/chrome.js</c> once; the typed wrappers below are the only callers.</summary>
public sealed class ChromeModule(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    // Absolute path: a relative one would resolve against framework/.
    public Task<IJSObjectReference> GetAsync() => _module ??= js.InvokeAsync<IJSObjectReference>("import", "/js/chrome.js").AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            await (await _module).DisposeAsync();
        }
    }
}

/// <summary><c>chrome.storage</c>: <c>local</c> survives browser restarts, <c>session</c> lasts until the browser closes.</summary>
public interface IChromeStorage
{
    Task<T?> GetAsync<T>(string key, JsonTypeInfo<T> type, StorageArea area = StorageArea.Local);

    Task SetAsync<T>(string key, T value, JsonTypeInfo<T> type, StorageArea area = StorageArea.Local);

    Task RemoveAsync(string key, StorageArea area = StorageArea.Local);
}

public enum StorageArea
{
    Local,
    Session,
}

public sealed class ChromeStorage(ChromeModule chrome) : IChromeStorage
{
    public async Task<T?> GetAsync<T>(string key, JsonTypeInfo<T> type, StorageArea area = StorageArea.Local)
    {
        var json = await (await chrome.GetAsync()).InvokeAsync<string?>("storageGet", Name(area), key);
        return json is null ? default : JsonSerializer.Deserialize(json, type);
    }

    public async Task SetAsync<T>(string key, T value, JsonTypeInfo<T> type, StorageArea area = StorageArea.Local) =>
        await (await chrome.GetAsync()).InvokeVoidAsync("storageSet", Name(area), key, JsonSerializer.Serialize(value, type));

    public async Task RemoveAsync(string key, StorageArea area = StorageArea.Local) =>
        await (await chrome.GetAsync()).InvokeVoidAsync("storageRemove", Name(area), key);

    private static string Name(StorageArea area) => area == StorageArea.Session ? "session" : "local";
}

/// <summary><c>chrome.runtime</c>.</summary>
public interface IChromeRuntime
{
    Task OpenOptionsPageAsync();
}

public sealed class ChromeRuntime(ChromeModule chrome) : IChromeRuntime
{
    public async Task OpenOptionsPageAsync() => await (await chrome.GetAsync()).InvokeVoidAsync("openOptionsPage");
}
