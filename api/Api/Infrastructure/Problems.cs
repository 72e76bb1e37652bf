using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>
/// Expected failures as RFC 9457 problem results, returned by handlers rather than thrown. Every
/// one carries stable codes beside its English text: <c>codes</c> (field → codes, in the order of
/// <c>errors</c>) on a validation problem, <c>code</c> on a problem of the whole request.
/// </summary>
public static class Problems
{
    public static ValidationProblem Validation(ValidationErrors errors) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(),
            title: "The request is not valid.",
            extensions: new Dictionary<string, object?> { ["codes"] = errors.Codes() });

    public static ValidationProblem Validation(string field, string code, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, code, message);
        return Validation(errors);
    }

    /// <summary>A 409 that names the field it is about (<c>errors</c>/<c>codes</c>) and carries its <c>code</c>.</summary>
    public static ProblemHttpResult Conflict(string field, string code, string message, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>())
        {
            ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
            ["codes"] = new Dictionary<string, string[]> { [field] = [code] },
            ["code"] = code,
        };
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: message, extensions: all);
    }

    /// <summary>A problem of the whole request (a failed sign-in, an ended session) with its stable <c>code</c>.</summary>
    public static ProblemHttpResult Failure(int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>
    /// The one door for request rules: on a route group (or a single route), every
    /// <see cref="IValidatableRequest"/> argument is checked, dates against the API's clock, and a
    /// broken rule answers 400 without calling the handler.
    /// </summary>
    public static TBuilder Validate<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var requests = context.Arguments.OfType<IValidatableRequest>().ToList();
            if (requests.Count == 0)
            {
                return await next(context);
            }

            var today = ComplianceRules.LatestToday(context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            var errors = new ValidationErrors { PhoneRegion = context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().PhoneRegion };
            foreach (var request in requests)
            {
                request.Validate(errors, today);
            }

            return errors.IsValid ? await next(context) : Validation(errors);
        });
        builder.Add(endpoint => endpoint.Metadata.Add(
            new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"])));
        return builder;
    }
}
