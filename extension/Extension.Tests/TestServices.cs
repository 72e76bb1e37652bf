using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ComplianceConnect.Extension.Services;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Extension.Tests;

/// <summary>chrome.storage as a dictionary of JSON strings, as the real one stores them.</summary>
public sealed class MemoryStorage : IChromeStorage
{
    private readonly Dictionary<(StorageArea, string), string> _values = [];

    public Task<T?> GetAsync<T>(string key, JsonTypeInfo<T> type, StorageArea area = StorageArea.Local) =>
        Task.FromResult(_values.TryGetValue((area, key), out var json) ? JsonSerializer.Deserialize(json, type) : default);

    public Task SetAsync<T>(string key, T value, JsonTypeInfo<T> type, StorageArea area = StorageArea.Local)
    {
        _values[(area, key)] = JsonSerializer.Serialize(value, type);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string key, StorageArea area = StorageArea.Local)
    {
        _values.Remove((area, key));
        return Task.CompletedTask;
    }
}

/// <summary>The API as seen by the extension's HttpClient: records requests, answers with what the test queued.</summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body, string MediaType)> _answers = new();

    public List<(HttpMethod Method, string Path, string? Body)> Requests { get; } = [];

    public void Answer(HttpStatusCode status, string json, string mediaType = "application/json") => _answers.Enqueue((status, json, mediaType));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.Method, request.RequestUri!.PathAndQuery, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        var (status, body, mediaType) = _answers.Count > 0 ? _answers.Dequeue() : (HttpStatusCode.InternalServerError, "", "text/plain");
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }
}

public static class TestServices
{
    /// <summary>
    /// The extension's real services, with chrome.storage and the network replaced, signed in as a
    /// rep; <paramref name="replace"/> swaps further services before any is resolved.
    /// </summary>
    public static async Task<(FakeApi Api, MemoryStorage Storage)> AddSignedInExtensionAsync(
        this BunitContext context, string language = "en", Action<IServiceCollection>? replace = null, string phoneRegion = "SE", UserRole role = UserRole.Rep)
    {
        var api = new FakeApi();
        var storage = new MemoryStorage();
        context.Services.AddExtensionServices();
        context.Services.AddSingleton<IChromeStorage>(storage);
        context.Services.AddSingleton(new HttpClient(api));
        replace?.Invoke(context.Services);
        await storage.SetAsync("settings", new ExtensionSettings("http://api.test", language), ExtensionJsonContext.Default.ExtensionSettings);
        var user = role == UserRole.Admin
            ? new CurrentUserDto(Guid.NewGuid(), "admin@example.com", "Anna Admin", role, Guid.NewGuid(), "Acme", phoneRegion)
            : new CurrentUserDto(Guid.NewGuid(), "rep@example.com", "Robert Rep", role, Guid.NewGuid(), "Acme", phoneRegion);
        await storage.SetAsync("session", new TokenResponse("access", DateTimeOffset.UtcNow.AddMinutes(10), "refresh", DateTimeOffset.UtcNow.AddDays(1), user), ExtensionJsonContext.Default.TokenResponse);
        await context.Services.GetRequiredService<Text>().LoadAsync();
        return (api, storage);
    }
}
