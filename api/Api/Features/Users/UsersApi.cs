using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Users;

/// <summary>User management within the admin's own organization.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Users).WithTags("Users").RequireAuthorization(Policies.Admin).Validate();
        group.ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", List);
        group.MapPost("/", Create);
        return app;
    }

    public static async Task<Ok<List<UserDto>>> List(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Users.OrderBy(u => u.DisplayName).Select(u => u.ToDto()).ToListAsync(ct));

    public static async Task<Results<Created<UserDto>, ProblemHttpResult>> Create(
        CreateUserRequest request, AppDbContext db, IPasswordHasher<User> hasher, TimeProvider clock, CancellationToken ct)
    {
        var email = User.Normalize(request.Email!);
        if (await db.Users.AnyAsync(u => u.EmailNormalized == email, ct))
        {
            return Problems.Conflict("email", ValidationCodes.DuplicateUser, "A user with this email already exists in your organization.");
        }

        var user = new User
        {
            Email = request.Email!.Trim(),
            EmailNormalized = email,
            DisplayName = request.DisplayName!.Trim(),
            Role = request.Role!.Value,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        if (await db.SaveAsync(ct) == SaveOutcome.Duplicate)
        {
            // Another admin created the same email a moment ago.
            return Problems.Conflict("email", ValidationCodes.DuplicateUser, "A user with this email already exists in your organization.");
        }

        return TypedResults.Created($"{ApiRoutes.Users}/{user.Id}", user.ToDto());
    }
}
