using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>
/// The published OpenAPI document: the Bearer scheme, which operations need it, and the problem
/// answers every client must handle. The answers that follow from an endpoint's own metadata
/// (authorization, a body, a rate limit) are declared from that metadata, so a new endpoint is
/// described correctly without anyone remembering to; a 409 is declared by the groups that answer it.
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The access token from POST /api/auth/sign-in or /api/auth/refresh.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (RequiresAuthorization(context.Description.ActionDescriptor.EndpointMetadata))
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// Declares, on every route of the group, the problem answers its metadata implies: 401 (and
    /// 403 for a policy or role) where authorization is required, 413 and 415 where a body is read,
    /// 429 where a rate limit applies or sign-in is throttled, and 503 (database unavailable) everywhere.
    /// Runs after the routes' own conventions, so it sees their final metadata.
    /// </summary>
    public static RouteGroupBuilder DeclareProblemResponses(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            void Declare(int status) => metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));

            if (RequiresAuthorization(metadata))
            {
                Declare(StatusCodes.Status401Unauthorized);
                if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
                {
                    Declare(StatusCodes.Status403Forbidden);
                }
            }

            if (metadata.OfType<IAcceptsMetadata>().Any())
            {
                Declare(StatusCodes.Status413PayloadTooLarge);
                Declare(StatusCodes.Status415UnsupportedMediaType);
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any() || metadata.OfType<ThrottledMetadata>().Any())
            {
                Declare(StatusCodes.Status429TooManyRequests);
            }

            Declare(StatusCodes.Status503ServiceUnavailable);
        });
        return group;
    }

    /// <summary>Marks a route limited by its handler rather than a rate-limiter policy (sign-in).</summary>
    public sealed record ThrottledMetadata;

    private static bool RequiresAuthorization(IEnumerable<object> metadata)
    {
        var all = metadata as IList<object> ?? metadata.ToList();
        return all.OfType<IAuthorizeData>().Any() && !all.OfType<IAllowAnonymous>().Any();
    }
}
