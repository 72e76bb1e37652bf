using ComplianceConnect.Shared.Client;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Extension.Services;

/// <summary>
/// The signed-in session. Tokens live in chrome.storage.local, so closing the popup or restarting
/// the browser keeps the user signed in until the refresh token expires or is revoked.
/// </summary>
public sealed class AuthSession(ApiTransport api, IChromeStorage storage, TimeProvider clock)
{
    private const string Key = "session";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private TokenResponse? _session;
    private bool _loaded;

    /// <summary>Raised when the session ends without the user signing out (refresh refused).</summary>
    public event Action? Ended;

    public CurrentUserDto? User => _session?.User;

    /// <summary>The organization's phone region as of the session's last token: the forms read national numbers in it, as the API does.</summary>
    public string PhoneRegion => Shared.Values.PhoneNumber.KnownRegionOrDefault(_session?.User.PhoneRegion);

    public async Task<CurrentUserDto?> LoadAsync()
    {
        if (!_loaded)
        {
            _session = await storage.GetAsync(Key, ExtensionJsonContext.Default.TokenResponse);
            _loaded = true;
        }

        return _session?.User;
    }

    public async Task<ApiResult<TokenResponse>> SignInAsync(string email, string password)
    {
        var result = await (await api.ClientAsync()).SignInAsync(new SignInRequest(email, password));
        if (result is { IsSuccess: true, Value: { } tokens })
        {
            await StoreAsync(tokens);
        }

        return result;
    }

    public async Task SignOutAsync()
    {
        var session = _session;
        await ClearAsync();
        if (session is not null)
        {
            // Best effort: the local session is gone either way; the server revokes the refresh token if reachable.
            await (await api.ClientAsync()).SignOutAsync(new SignOutRequest(session.RefreshToken));
        }
    }

    /// <summary>A valid access token, refreshed when it is about to expire; null when signed out.</summary>
    public async Task<string?> GetAccessTokenAsync(bool forceRefresh = false)
    {
        await LoadAsync();
        if (_session is null)
        {
            return null;
        }

        if (!forceRefresh && _session.AccessTokenExpiresAt - RefreshMargin > clock.GetUtcNow())
        {
            return _session.AccessToken;
        }

        await _refreshing.WaitAsync();
        try
        {
            // Another extension page may have rotated the token already: adopt its result instead of reusing ours.
            var stored = await storage.GetAsync(Key, ExtensionJsonContext.Default.TokenResponse);
            if (stored is not null && stored.RefreshToken != _session.RefreshToken)
            {
                _session = stored;
                return stored.AccessToken;
            }

            var result = await (await api.ClientAsync()).RefreshAsync(new RefreshRequest(_session.RefreshToken));
            if (result is { IsSuccess: true, Value: { } tokens })
            {
                await StoreAsync(tokens);
                return tokens.AccessToken;
            }

            if (result.Status == 401)
            {
                await ClearAsync();
                Ended?.Invoke();
            }

            return null;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task StoreAsync(TokenResponse tokens)
    {
        _session = tokens;
        _loaded = true;
        await storage.SetAsync(Key, tokens, ExtensionJsonContext.Default.TokenResponse);
    }

    private async Task ClearAsync()
    {
        _session = null;
        _loaded = true;
        await storage.RemoveAsync(Key);
    }
}
