using Microsoft.Net.Http.Headers;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>
/// Headers every response carries: its media type is final (<c>nosniff</c>), and nothing is kept in
/// a cache, since nearly every answer holds tokens or personal data. Set when the response starts,
/// so the error paths (which clear the headers) get them too.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "no-store";
                headers.Remove(HeaderNames.Server);
                return Task.CompletedTask;
            });
            return next(context);
        });
}
