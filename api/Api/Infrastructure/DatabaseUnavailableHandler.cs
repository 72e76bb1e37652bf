using ComplianceConnect.Shared;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>
/// A database that is down, hanging or out of connections is a temporary state, not a bug: the
/// request answers 503 with <c>Retry-After</c> instead of 500. Npgsql reports all three as a
/// transient <see cref="NpgsqlException"/> (refused or broken socket, connect or command timeout,
/// an exhausted pool), which EF Core may wrap (DbUpdateException, its retry wrapper): the whole
/// chain is searched.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>How long a client is told to wait: about the connect timeout, so a retry meets a recovered pool.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        logger.LogWarning(exception, "The database is unavailable; answering 503.");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"The service cannot reach its database right now. Try again in {RetryAfterSeconds} seconds.",
                Extensions = { ["code"] = ValidationCodes.ServiceUnavailable },
            },
        });
    }

    /// <summary>Refused, broken or timed-out connections and an exhausted pool (a connect timeout), however wrapped.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
