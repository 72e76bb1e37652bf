using System.Text.RegularExpressions;
using ComplianceConnect.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>One route of the running app that requires authorization, as its endpoint metadata says.</summary>
public sealed record ProtectedOperation(string Method, string Template, bool AdminOnly)
{
    /// <summary>The template without route constraints, as the OpenAPI document names the path.</summary>
    public string DocumentPath => Regex.Replace(Template, @"\{([^}:]+)(:[^}]*)?\}", "{$1}").TrimEnd('/');

    /// <summary>A concrete URL: every route parameter is a fresh id (the matrix never reaches a handler).</summary>
    public string Url => Regex.Replace(Template, @"\{[^}]+\}", _ => Guid.NewGuid().ToString());

    public override string ToString() => $"{Method} {Template}";
}

public static class ProtectedEndpoints
{
    /// <summary>Every operation of the host that requires authorization: the app's own endpoint list, so a new one is included by itself.</summary>
    public static IReadOnlyList<ProtectedOperation> Of(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get]).Select(method => new ProtectedOperation(
                method,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.Admin || (a.Roles?.Contains("Admin", StringComparison.Ordinal) ?? false)))))
            .OrderBy(o => o.Template, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)];
}
