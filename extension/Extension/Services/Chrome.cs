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

    /// <summary>Opens the People page in a new tab, on one contact when given.</summary>
    Task OpenPeoplePageAsync(Guid? contactId = null);
}

public sealed class ChromeRuntime(ChromeModule chrome) : IChromeRuntime
{
    public async Task OpenOptionsPageAsync() => await (await chrome.GetAsync()).InvokeVoidAsync("openOptionsPage");

    public async Task OpenPeoplePageAsync(Guid? contactId = null) =>
        await (await chrome.GetAsync()).InvokeVoidAsync("openExtensionPage", contactId is { } id ? $"people.html?contact={id}" : "people.html");
}

/// <summary><c>chrome.tabs</c>: only what the popup needs to find its tab.</summary>
public interface IChromeTabs
{
    /// <summary>The active tab of the popup's window, or null when there is none.</summary>
    Task<int?> ActiveTabIdAsync();
}

public sealed class ChromeTabs(ChromeModule chrome) : IChromeTabs
{
    public async Task<int?> ActiveTabIdAsync()
    {
        var id = await (await chrome.GetAsync()).InvokeAsync<int>("activeTabId");
        return id < 0 ? null : id;
    }
}

/// <summary>What the page reader returns: the tab's HTML and address, or why it could not be read.</summary>
public sealed record PageSnapshot(bool Ok, string? Html, string? Url, string? Title, string? Selection, string? Error);

/// <summary><c>chrome.scripting</c>: reads a tab on demand (activeTab), nothing else.</summary>
public interface IChromeScripting
{
    Task<PageSnapshot> ReadPageAsync(int tabId);
}

public sealed class ChromeScripting(ChromeModule chrome) : IChromeScripting
{
    public async Task<PageSnapshot> ReadPageAsync(int tabId)
    {
        var json = await (await chrome.GetAsync()).InvokeAsync<string>("readPage", tabId);
        return JsonSerializer.Deserialize(json, ExtensionJsonContext.Default.PageSnapshot)
            ?? new PageSnapshot(false, null, null, null, null, "The page reader returned nothing.");
    }
}

/// <summary><c>chrome.action</c>: the toolbar badge.</summary>
public interface IChromeAction
{
    Task SetBadgeAsync(int tabId, string text, string? color, string? title);
}

public sealed class ChromeAction(ChromeModule chrome) : IChromeAction
{
    public async Task SetBadgeAsync(int tabId, string text, string? color, string? title) =>
        await (await chrome.GetAsync()).InvokeVoidAsync("setBadge", tabId, text, color, title);
}
