using ComplianceConnect.Api.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>Who makes a change: a signed-in user, or a named part of the system (sync, import, …).</summary>
public sealed record Actor(Guid? UserId, string Name)
{
    public static Actor User(Guid id, string name) => new(id, name);

    /// <summary>Background work that acts for nobody in particular, recorded under its own name.</summary>
    public static Actor System(string name) => new(null, name);
}

/// <summary>
/// Through what a change arrived, as the audit trail records it. A request's channel comes from its
/// access token (set at sign-in) unless its route names one; callers cannot choose it freely.
/// </summary>
public static class Channels
{
    public const string Extension = "extension";
    public const string WebApp = "web-app";
    public const string Api = "api";
    public const string Bulk = "bulk";
    public const string Import = "import";
    public const string Sync = "sync";
    public const string Erasure = "erasure";
    public const string UnsubscribeLink = "unsubscribe-link";
    public const string Migration = "migration";
    public const string Outbox = "outbox";

    /// <summary>The values a token may carry as its client; the others are set by routes and jobs only.</summary>
    public static readonly IReadOnlySet<string> TokenClients = new HashSet<string>(StringComparer.Ordinal) { Extension, WebApp, Api };
}

/// <summary>"Which organization, who, through what" for one unit of work.</summary>
public sealed record WorkContext(Guid OrganizationId, Actor Actor, string Channel);

/// <summary>
/// The unit of work the current DI scope is in. The DbContext's query filters read it (a second
/// line behind row-level security); <see cref="UnitOfWork"/> sets it.
/// </summary>
public sealed class TenantScope
{
    public WorkContext? Current { get; internal set; }
}

/// <summary>
/// Opens a unit of work: one explicit transaction whose first statement sets the organization,
/// the actor and the channel as transaction-local PostgreSQL settings. Row-level security and
/// the audit triggers read those settings, so every statement inside — EF, raw SQL, COPY — is
/// confined to the organization and audited under that actor. Requests open it in
/// <see cref="UnitOfWorkFilter"/>; a background job for organization X opens it for X.
/// </summary>
public sealed class UnitOfWork(AppDbContext db, TenantScope scope, IOptions<AuditOptions> audit)
{
    public bool IsOpen => scope.Current is not null && db.Database.CurrentTransaction is not null;

    public async Task<Work> BeginAsync(WorkContext context, CancellationToken ct = default) =>
        await BeginAsync(context, System.Data.IsolationLevel.ReadCommitted, ct);

    public Task<Work> BeginAsync(WorkContext context, System.Data.IsolationLevel isolation, CancellationToken ct = default) =>
        BeginAsync(context, isolation, PlanCaching.PerExecution, ct);

    public async Task<Work> BeginAsync(WorkContext context, System.Data.IsolationLevel isolation, PlanCaching plans, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A unit of work is already open on this DbContext.");
        }

        // A request whose client has gone (a closed popup, a load test's end): stop here. EF Core logs a transaction
        // or connection it was asked to open with a cancelled token as an error, which this is not.
        ct.ThrowIfCancellationRequested();
        var transaction = await db.Database.BeginTransactionAsync(isolation, ct);
        var organization = context.OrganizationId.ToString();
        var actorId = context.Actor.UserId?.ToString() ?? "";
        var key = AuditTrail.OrganizationKeyHex(audit.Value, context.OrganizationId);
        await db.Database.ExecuteSqlAsync(
            $"""
            SELECT set_config('app.organization_id', {organization}, true),
                   set_config('app.actor_id', {actorId}, true),
                   set_config('app.actor_name', {context.Actor.Name}, true),
                   set_config('app.channel', {context.Channel}, true),
                   set_config('app.reason', '', true),
                   set_config('app.digest_key', {key}, true),
                   set_config('plan_cache_mode', {PlanCacheMode(plans)}, true)
            """, ct);
        scope.Current = context;
        return new Work(scope, transaction);
    }

    private static string PlanCacheMode(PlanCaching plans) => plans switch
    {
        PlanCaching.PerExecution => "force_custom_plan",
        PlanCaching.Generic => "auto",
        _ => throw new ArgumentOutOfRangeException(nameof(plans)),
    };

    /// <summary>A non-personal note the audit entries of the following statements carry (their summary).</summary>
    public Task ReasonAsync(string reason, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"SELECT set_config('app.reason', {reason}, true)", Open(ct));

    private CancellationToken Open(CancellationToken ct) =>
        IsOpen ? ct : throw new InvalidOperationException("No unit of work is open.");

    /// <summary>
    /// One open unit of work. Commit to keep what it did; disposing without committing rolls it
    /// back. Either way the settings end with the transaction, so a pooled connection carries no
    /// organization into the next unit of work.
    /// </summary>
    public sealed class Work(TenantScope scope, IDbContextTransaction transaction) : IAsyncDisposable
    {
        /// <summary>Commits; with a cancelled token (the client has gone) it does not, and disposing rolls back unlogged.</summary>
        public Task CommitAsync(CancellationToken ct = default) =>
            ct.IsCancellationRequested ? Task.FromCanceled(ct) : transaction.CommitAsync(ct);

        public async ValueTask DisposeAsync()
        {
            scope.Current = null;
            await transaction.DisposeAsync();
        }
    }
}

/// <summary>Names the audit channel of every route in a group: a bulk or import route is that channel, whoever calls it.</summary>
public sealed record ChannelMetadata(string Channel);

/// <summary>
/// How PostgreSQL plans the statements of a unit of work that Npgsql has prepared (<see cref="DatabaseLimits.MaxAutoPrepare"/>).
/// </summary>
public enum PlanCaching
{
    /// <summary>
    /// Planned again for every execution, with its parameters' values (<c>plan_cache_mode = force_custom_plan</c>):
    /// the default. A generic plan cannot see what a search matches, how recent a date is or how many ids an array
    /// holds. Measured on the People list: a generic plan for "created since …" walks the whole sort index, 129 ms
    /// for a recent date against 0.4 ms planned for it; its count loses its parallel workers.
    /// </summary>
    PerExecution,

    /// <summary>
    /// PostgreSQL may keep one plan for every parameter value once it has planned a statement five times and the
    /// generic plan costs no more (<c>plan_cache_mode = auto</c>). For routes whose statements are key lookups, where
    /// every value gets the same plan anyway and planning is most of the statement's cost.
    /// </summary>
    Generic,
}

/// <summary>A route whose statements are key lookups: its unit of work allows generic plans (<see cref="PlanCaching.Generic"/>).</summary>
public sealed record PlanCachingMetadata(PlanCaching Plans);

/// <summary>A route whose unit of work needs one snapshot for all its reads (verification).</summary>
public sealed record IsolationMetadata(System.Data.IsolationLevel Level);

/// <summary>
/// Opens the unit of work of an authenticated request from its access token and commits it
/// before the response is written, so nothing is acknowledged that was not committed.
/// Anonymous routes (sign-in, refresh) open theirs once they know the organization.
/// </summary>
public sealed class UnitOfWorkFilter(UnitOfWork work, CurrentUser user) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (user.OrganizationId is not { } organization || user.UserId is not { } id)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        var metadata = http.GetEndpoint()?.Metadata;
        var channel = metadata?.GetMetadata<ChannelMetadata>()?.Channel ?? user.Channel;
        var isolation = metadata?.GetMetadata<IsolationMetadata>()?.Level ?? System.Data.IsolationLevel.ReadCommitted;
        var plans = metadata?.GetMetadata<PlanCachingMetadata>()?.Plans ?? PlanCaching.PerExecution;
        await using var unit = await work.BeginAsync(new WorkContext(organization, Actor.User(id, user.Name), channel), isolation, plans, http.RequestAborted);
        var result = await next(context);
        await unit.CommitAsync(http.RequestAborted);
        return result;
    }
}

public static class UnitOfWorkExtensions
{
    /// <summary>The group every API route is mapped in: each request is one unit of work.</summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("").AddEndpointFilter<UnitOfWorkFilter>();

    /// <summary>The route's statements are key lookups: PostgreSQL may keep one plan for them (<see cref="PlanCaching.Generic"/>).</summary>
    public static TBuilder WithGenericPlans<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PlanCachingMetadata(PlanCaching.Generic));

    public static TBuilder WithChannel<TBuilder>(this TBuilder builder, string channel) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ChannelMetadata(channel));
}
