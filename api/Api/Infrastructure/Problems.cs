using ComplianceConnect.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>Expected failures as RFC 9457 problem results, returned by handlers rather than thrown.</summary>
public static class Problems
{
    public static ValidationProblem Validation(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid.");

    public static ValidationProblem Validation(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static ProblemHttpResult Conflict(string field, string message, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>())
        {
            ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
        };
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: message, extensions: all);
    }

    /// <summary>Runs a request's own rules before its handler; a broken rule answers 400 without calling it.</summary>
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) where T : IValidatableRequest =>
        builder
            .AddEndpointFilter(async (context, next) =>
            {
                var errors = new ValidationErrors();
                foreach (var request in context.Arguments.OfType<T>())
                {
                    request.Validate(errors);
                }

                return errors.IsValid ? await next(context) : Validation(errors);
            })
            .ProducesValidationProblem();
}
