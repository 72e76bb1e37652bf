using System.Collections.Concurrent;
using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceConnect.Api.Tests;

/// <summary>A host that keeps every log entry of EF Core's categories.</summary>
public sealed class LogCapturingApiFactory : ApiFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.ConfigureLogging(logging => logging.AddProvider(new Capture(Entries)));

    private sealed class Capture(ConcurrentQueue<(string, LogLevel, string)> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}

/// <summary>
/// A unit of work whose request was aborted (the popup closed, a load test ended) ends without writing anything and
/// without an error in the log: that is the client leaving, not a fault of the API.
/// </summary>
public sealed class ClientGoneTests(LogCapturingApiFactory factory) : IClassFixture<LogCapturingApiFactory>
{
    [Fact]
    public async Task A_unit_of_work_asked_to_begin_or_commit_after_the_client_left_writes_nothing_and_logs_no_error()
    {
        var tenant = await factory.CreateTenantAsync();
        var context = new WorkContext(tenant.Organization.Id, Actor.System("test"), Channels.Api);
        var email = $"gone-{Guid.NewGuid():N}@client-gone.example";
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        factory.Entries.Clear();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var work = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work.BeginAsync(context, gone.Token));
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var work = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var unit = await work.BeginAsync(context);
            db.Contacts.Add(new Contact { Email = email, EmailNormalized = email, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unit.CommitAsync(gone.Token));
        }

        Assert.Equal(0, await factory.CountAsync($"SELECT count(*) FROM contacts WHERE organization_id = @org AND email = '{email}'", tenant.Organization.Id));
        Assert.DoesNotContain(factory.Entries, e => e.Level >= LogLevel.Error);
    }
}
