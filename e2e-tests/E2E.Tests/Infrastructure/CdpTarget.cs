using System.Text.Json;
using Microsoft.Playwright;

namespace ComplianceConnect.E2E.Tests.Infrastructure;

/// <summary>
/// A browser target that Playwright does not drive (the extension's service worker, the toolbar
/// popup), reached through the browser's DevTools session: JavaScript runs in it and its DOM is read.
/// </summary>
public sealed class CdpTarget
{
    private readonly ICDPSession _cdp;
    private readonly string _sessionId;
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> _pending = [];
    private int _nextId;

    private CdpTarget(ICDPSession cdp, string sessionId)
    {
        _cdp = cdp;
        _sessionId = sessionId;
        cdp.Event("Target.receivedMessageFromTarget").OnEvent += OnMessage;
    }

    /// <summary>Waits (up to 20 s) for a target that matches and attaches to it.</summary>
    public static async Task<CdpTarget> AttachAsync(IBrowserContext browser, Func<string, string, bool> match, bool? alreadyAttached = null)
    {
        var cdp = await browser.Browser!.NewBrowserCDPSessionAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var targets = await cdp.SendAsync("Target.getTargets");
            var found = targets!.Value.GetProperty("targetInfos").EnumerateArray().FirstOrDefault(t =>
                match(t.GetProperty("type").GetString()!, t.GetProperty("url").GetString()!)
                && (alreadyAttached is null || t.GetProperty("attached").GetBoolean() == alreadyAttached));
            if (found.ValueKind == JsonValueKind.Object)
            {
                var attached = await cdp.SendAsync("Target.attachToTarget", new Dictionary<string, object>
                {
                    ["targetId"] = found.GetProperty("targetId").GetString()!,
                    ["flatten"] = false,
                });
                return new CdpTarget(cdp, attached!.Value.GetProperty("sessionId").GetString()!);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No browser target matched within 20 seconds.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Evaluates <paramref name="expression"/> (promises awaited) and returns its JSON value.</summary>
    public async Task<JsonElement?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true });
        if (result.TryGetProperty("exceptionDetails", out var error))
        {
            throw new InvalidOperationException("The target threw: " + error);
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : null;
    }

    /// <summary>Saves a PNG of what the target shows, e.g. the real toolbar popup at the size Chrome gave it.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var result = await SendAsync("Page.captureScreenshot", new { format = "png" });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(result.GetProperty("data").GetString()!));
    }

    /// <summary>Sends one DevTools command to the target and returns its result.</summary>
    public async Task<JsonElement> SendAsync(string method, object parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[id] = reply;
        }

        var command = JsonSerializer.Serialize(new { id, method, @params = parameters });
        await _cdp.SendAsync("Target.sendMessageToTarget", new Dictionary<string, object> { ["sessionId"] = _sessionId, ["message"] = command });
        var answer = await reply.Task.WaitAsync(TimeSpan.FromSeconds(20));
        if (answer.TryGetProperty("error", out var failure))
        {
            throw new InvalidOperationException($"{method} failed: {failure}");
        }

        return answer.GetProperty("result");
    }

    /// <summary>Polls a string expression until it equals <paramref name="expected"/>; fails with the last value seen.</summary>
    public async Task WaitForAsync(string expression, string expected, int seconds = 20)
    {
        string? last = null;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var value = await EvaluateAsync(expression);
            last = value is { ValueKind: JsonValueKind.String } s ? s.GetString() : value?.ToString();
            if (last == expected)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"'{expression}' was '{last}', expected '{expected}'.");
    }

    /// <summary>The value of an input in the target's page, or null when it is not there.</summary>
    public Task WaitForInputValueAsync(string selector, string expected) =>
        WaitForAsync($"document.querySelector({JsonSerializer.Serialize(selector)})?.value ?? null", expected);

    public Task WaitForTextAsync(string selector, string expected) =>
        WaitForAsync($"document.querySelector({JsonSerializer.Serialize(selector)})?.textContent.trim() ?? null", expected);

    public Task ClickAsync(string selector) =>
        EvaluateAsync($"document.querySelector({JsonSerializer.Serialize(selector)}).click()");

    private void OnMessage(object? sender, JsonElement? e)
    {
        if (e is not { } message || message.GetProperty("sessionId").GetString() != _sessionId)
        {
            return;
        }

        using var doc = JsonDocument.Parse(message.GetProperty("message").GetString()!);
        if (!doc.RootElement.TryGetProperty("id", out var idElement))
        {
            return;
        }

        TaskCompletionSource<JsonElement>? reply;
        lock (_pending)
        {
            _pending.Remove(idElement.GetInt32(), out reply);
        }

        reply?.TrySetResult(doc.RootElement.Clone());
    }
}
