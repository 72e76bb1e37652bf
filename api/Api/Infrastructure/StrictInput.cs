using ComplianceConnect.Shared;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>
/// Checks what no endpoint filter sees, for every endpoint in one place: a query parameter holding
/// a NUL character (PostgreSQL refuses it, so it would end as a 500) and a body over the size limit.
/// JSON bodies are checked while they are read (<see cref="Shared.Json.StrictStringConverter"/>).
/// </summary>
public static class StrictInput
{
    /// <summary>The default request body limit; an endpoint may set its own with <c>[RequestSizeLimit]</c>.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static IApplicationBuilder UseStrictInput(this IApplicationBuilder app)
    {
        var configured = app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        return app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? configured;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            {
                // Kestrel then also stops a chunked body that grows past the limit (a 413 from the binding).
                sizeFeature.MaxRequestBodySize = limit;
            }

            if (limit is { } max && context.Request.ContentLength > max)
            {
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "body", ValidationCodes.BodyTooLarge, $"Must be at most {max} bytes.");
                return;
            }

            foreach (var (name, values) in context.Request.Query)
            {
                if (values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)) || name.Contains('\0', StringComparison.Ordinal))
                {
                    await WriteAsync(context, StatusCodes.Status400BadRequest, name.Replace("\0", "", StringComparison.Ordinal), ValidationCodes.NulCharacter, ValidationErrors.NulMessage);
                    return;
                }
            }

            await next(context);
        });
    }

    private static async Task WriteAsync(HttpContext context, int status, string field, string code, string message)
    {
        context.Response.StatusCode = status;
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = "The request is not valid.",
            Extensions = { ["codes"] = new Dictionary<string, string[]> { [field] = [code] } },
        };
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new() { HttpContext = context, ProblemDetails = problem });
    }
}
