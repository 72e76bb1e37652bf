namespace ComplianceConnect.Shared.Contracts;

/// <summary>The two roles a user can have inside an organization.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<UserRole>))]
public enum UserRole
{
    /// <summary>Manages users and may lift unsubscribes.</summary>
    Admin,

    /// <summary>A sales rep: captures and edits contacts.</summary>
    Rep,
}

/// <summary>Sign-in with email and password.</summary>
/// <param name="Email">The user's email address.</param>
/// <param name="Password">The user's password.</param>
/// <param name="Organization">Optional organization slug, only needed when one email belongs to users of several organizations.</param>
public sealed record SignInRequest(string? Email, string? Password, string? Organization = null) : IValidatableRequest
{
    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        errors.Text(nameof(Email), Email, Limits.Email, required: true);
        errors.Text(nameof(Password), Password, Limits.Password, required: true);
        errors.Text(nameof(Organization), Organization, Limits.Name);
    }
}

/// <summary>Exchanges a refresh token for a new token pair; the old refresh token stops working.</summary>
/// <param name="RefreshToken">The refresh token from the last sign-in or refresh.</param>
public sealed record RefreshRequest(string? RefreshToken) : IValidatableRequest
{
    /// <inheritdoc />
    public void Validate(ValidationErrors errors) => errors.Text(nameof(RefreshToken), RefreshToken, Limits.RefreshToken, required: true);
}

/// <summary>Revokes the session that the refresh token belongs to.</summary>
/// <param name="RefreshToken">The refresh token of the session to end.</param>
public sealed record SignOutRequest(string? RefreshToken) : IValidatableRequest
{
    /// <inheritdoc />
    public void Validate(ValidationErrors errors) => errors.Text(nameof(RefreshToken), RefreshToken, Limits.RefreshToken, required: true);
}

/// <summary>A token pair and the user it was issued to.</summary>
/// <param name="AccessToken">A short-lived JWT for the Authorization header.</param>
/// <param name="AccessTokenExpiresAt">When the access token stops being accepted.</param>
/// <param name="RefreshToken">An opaque, single-use refresh token.</param>
/// <param name="RefreshTokenExpiresAt">When the session ends unless refreshed before.</param>
/// <param name="User">The signed-in user.</param>
public sealed record TokenResponse(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt,
    CurrentUserDto User);

/// <summary>
/// The signed-in user and their organization, with the organization's phone region: the country national numbers are
/// read in (a session stored before it existed reads as Sweden, the default).
/// </summary>
public sealed record CurrentUserDto(Guid Id, string Email, string DisplayName, UserRole Role, Guid OrganizationId, string OrganizationName,
    string PhoneRegion = Values.PhoneNumber.DefaultRegion);

/// <summary>A user as listed by the user management endpoint.</summary>
public sealed record UserDto(Guid Id, string Email, string DisplayName, UserRole Role, DateTimeOffset CreatedAt);

/// <summary>Creates a user in the caller's organization (Admin only).</summary>
public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Password, UserRole? Role) : IValidatableRequest
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 12;

    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        errors.Email(nameof(Email), Email, required: true);
        errors.Text(nameof(DisplayName), DisplayName, 200, required: true);
        if (errors.Required(nameof(Password), Password) && Password!.Length < MinPasswordLength)
        {
            errors.Add(nameof(Password), ValidationCodes.TooShort, $"Must be at least {MinPasswordLength} characters long.", MinPasswordLength);
        }

        errors.Text(nameof(Password), Password, Limits.Password);
        if (Role is null)
        {
            errors.Add(nameof(Role), ValidationCodes.Required, "Is required. Allowed values: Admin, Rep.");
        }
    }
}
