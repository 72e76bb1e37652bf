using ComplianceConnect.Api.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ComplianceConnect.Api.Features.Salesforce;

public static class SalesforceRegistration
{
    /// <summary>
    /// The Salesforce client (retries with backoff on 429, 5xx and timeouts), the pull and its
    /// scheduler, the push worker, and Data Protection with its keys in the database so every
    /// instance can read the secrets any instance stored.
    /// </summary>
    public static IServiceCollection AddSalesforce(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SalesforceOptions>().Bind(configuration.GetSection(SalesforceOptions.Section));
        services.AddDataProtection().SetApplicationName("compliance-connect").PersistKeysToDbContext<AppDbContext>();
        services.AddSingleton<SalesforceSecrets>();
        services.AddSingleton<SalesforceTokens>();
        services.AddSingleton<SalesforceSignal>();
        services.TryAddScoped<ISuppressionList, NoSuppressionList>();
        services.AddHttpClient<SalesforceClient>()
            .AddResilienceHandler("salesforce", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<SalesforceOptions>>().Value;

                // Waits between network attempts and attempt timeouts are real time, whatever clock stamps the records
                // (Polly would otherwise take the app's TimeProvider, which tests move by hand).
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.HttpRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(settings.HttpRetryBaseMilliseconds),
                    MaxDelay = TimeSpan.FromSeconds(60),
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(settings.HttpAttemptTimeoutSeconds));
            });
        services.AddSingleton<SalesforceSync>();
        services.AddHostedService<SalesforceScheduler>();
        services.AddHostedService<SalesforcePush>();
        return services;
    }
}
