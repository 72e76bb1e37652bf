using System.Collections.Concurrent;

namespace ComplianceConnect.Api.Features.Auth;

/// <summary>
/// Slows down password guessing, counting failed sign-ins only, in two ways:
/// <list type="bullet">
/// <item>per account (the normalized email, whichever organization and whether or not it exists):
/// after <see cref="FreeFailures"/> failures each further one makes the account wait 1 s, 2 s, 4 s …
/// up to <see cref="MaxBackoff"/>, and while it waits not even the right password is tried (else
/// guessing would just continue). The wait ends by itself and a success clears the count, so
/// nobody can lock a colleague out for good; a failure count is forgotten after
/// <see cref="ForgetAfter"/> without failures;</item>
/// <item>per client address: at most <c>SignInPermitLimit</c> failures per window (spraying many
/// accounts from one address); successful sign-ins of an office behind one address do not count.</item>
/// </list>
/// The state is in memory, so it is per API instance: with several instances behind a load
/// balancer an attacker gets each instance's budget (a small table outside row-level security
/// would share it; see docs/reliability.md). Its size is bounded by pruning stale entries.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IConfiguration configuration)
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ForgetAfter = 2 * MaxBackoff;
    public const int FreeFailures = 5;
    private const int PruneAbove = 100_000;

    private readonly int _addressLimit = configuration.GetValue("RateLimiting:SignInPermitLimit", 10);
    private readonly TimeSpan _addressWindow = TimeSpan.FromSeconds(configuration.GetValue("RateLimiting:SignInWindowSeconds", 60));
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Address> _addresses = new(StringComparer.Ordinal);

    /// <summary>How long this sign-in must wait, or null when it may be tried now.</summary>
    public TimeSpan? RetryAfter(string email, string address)
    {
        var now = clock.GetUtcNow();
        TimeSpan? wait = null;
        if (_accounts.TryGetValue(email, out var account))
        {
            lock (account)
            {
                if (account.BlockedUntil > now)
                {
                    wait = account.BlockedUntil - now;
                }
            }
        }

        if (_addresses.TryGetValue(address, out var source))
        {
            lock (source)
            {
                if (now < source.WindowStart + _addressWindow && source.Failures >= _addressLimit)
                {
                    var addressWait = source.WindowStart + _addressWindow - now;
                    wait = wait is { } w && w > addressWait ? w : addressWait;
                }
            }
        }

        return wait;
    }

    public void Failed(string email, string address)
    {
        var now = clock.GetUtcNow();
        Prune(now);
        var account = _accounts.GetOrAdd(email, _ => new Account());
        lock (account)
        {
            if (now - account.LastFailure > ForgetAfter)
            {
                account.Failures = 0;
            }

            account.Failures++;
            account.LastFailure = now;
            if (account.Failures >= FreeFailures)
            {
                account.BlockedUntil = now + Backoff(account.Failures);
            }
        }

        var source = _addresses.GetOrAdd(address, _ => new Address { WindowStart = now });
        lock (source)
        {
            if (now >= source.WindowStart + _addressWindow)
            {
                source.WindowStart = now;
                source.Failures = 0;
            }

            source.Failures++;
        }
    }

    /// <summary>The right password ends the account's count (the address's is left alone: it may be spraying).</summary>
    public void Succeeded(string email) => _accounts.TryRemove(email, out _);

    /// <summary>The wait after the <paramref name="failures"/>th failure: 1 s at <see cref="FreeFailures"/>, doubling, capped.</summary>
    public static TimeSpan Backoff(int failures)
    {
        var doublings = failures - FreeFailures;
        return doublings >= 10 ? MaxBackoff : TimeSpan.FromSeconds(Math.Min(1 << doublings, MaxBackoff.TotalSeconds));
    }

    private void Prune(DateTimeOffset now)
    {
        if (_accounts.Count > PruneAbove)
        {
            foreach (var (key, account) in _accounts)
            {
                if (now - account.LastFailure > ForgetAfter && account.BlockedUntil <= now)
                {
                    _accounts.TryRemove(key, out _);
                }
            }
        }

        if (_addresses.Count > PruneAbove)
        {
            foreach (var (key, source) in _addresses)
            {
                if (now >= source.WindowStart + _addressWindow)
                {
                    _addresses.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Account
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset BlockedUntil;
    }

    private sealed class Address
    {
        public int Failures;
        public DateTimeOffset WindowStart;
    }
}
