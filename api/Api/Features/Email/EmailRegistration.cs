namespace ComplianceConnect.Api.Features.Email;

public static class EmailRegistration
{
    /// <summary>The composer, the delivery (SMTP or pickup folder), unsubscribe links and the outbox worker.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<EmailComposer>();
        services.AddScoped<MailDelivery>();
        services.AddSingleton<EmailOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailOutbox>());
        return services;
    }
}
