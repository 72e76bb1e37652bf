namespace ComplianceConnect.Shared.Contracts;

/// <summary>Route templates shared by the API and its clients, so the two never drift apart.</summary>
public static class ApiRoutes
{
    public const string Auth = "/api/auth";
    public const string Users = "/api/users";
    public const string Contacts = "/api/contacts";
}
