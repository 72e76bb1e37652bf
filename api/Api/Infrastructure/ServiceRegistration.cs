using System.Threading.RateLimiting;
using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Shared.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace ComplianceConnect.Api.Infrastructure;

public static class ServiceRegistration
{
    public const string ExtensionCorsPolicy = "extension";

    /// <summary>PostgreSQL through one data source shared by EF Core and the health check.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Default is not set (e.g. the ConnectionStrings__Default environment variable).");
        }

        var limits = DatabaseLimits.From(configuration);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        limits.Apply(builder.ConnectionStringBuilder);
        var dataSource = builder.Build();
        services.AddSingleton(dataSource);
        services.AddDbContext<AppDbContext>(options => options
            .UseNpgsql(dataSource, npgsql => npgsql.CommandTimeout(limits.CommandTimeoutSeconds))
            .UseSnakeCaseNamingConvention());
        services.AddHealthChecks().AddNpgSql(tags: ["ready"], timeout: TimeSpan.FromSeconds(limits.HealthTimeoutSeconds));
        return services;
    }

    /// <summary>JWT bearer validation (issuer, audience, lifetime, key) and the built-in token issuer.</summary>
    public static IServiceCollection AddTokenAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, clock) =>
            {
                var settings = jwt.Value;
                bearer.MapInboundClaims = false;
                bearer.IncludeErrorDetails = false; // WWW-Authenticate says "Bearer", not why a token failed
                bearer.Events = new JwtBearerEvents { OnTokenValidated = SessionRevocations.CheckAsync };
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = settings.Issuer,
                    ValidateAudience = true,
                    ValidAudience = settings.Audience,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),

                    // Lifetimes are judged by the same clock that issued the tokens (TimeProvider), not DateTime.UtcNow.
                    LifetimeValidator = (notBefore, expires, _, parameters) =>
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
                            && expires is not null && expires.Value >= now - parameters.ClockSkew;
                    },
                    RequireExpirationTime = true,
                    NameClaimType = "name",
                    RoleClaimType = "role",
                };
                if (settings.UsesExternalAuthority)
                {
                    // An external OpenID Connect provider: keys come from its discovery document.
                    bearer.Authority = settings.Authority;
                }
                else
                {
                    bearer.TokenValidationParameters.ValidateIssuerSigningKey = true;
                    bearer.TokenValidationParameters.IssuerSigningKey = settings.CreateSigningKey();
                }
            });
        services.AddAuthorization(Policies.Add);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<TokenService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SessionRevocations>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<TenantScope>();
        services.AddScoped<UnitOfWork>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Problem details for every error, JSON from the shared source-generated context, rate limits, CORS for the extension.</summary>
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default);
            ContractsJson.Apply(o.SerializerOptions);
        });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = configuration.GetValue("Limits:MaxRequestBodyBytes", StrictInput.DefaultMaxRequestBodyBytes);
            o.AddServerHeader = false; // "Server: Kestrel" only helps whoever looks for a known weakness
        });
        services.AddApiDocument();

        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        // Content-Disposition is not a CORS-safelisted response header: without exposing it the extension cannot read an export's file name.
        services.AddCors(o => o.AddPolicy(ExtensionCorsPolicy, p => p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders(Microsoft.Net.Http.Headers.HeaderNames.ContentDisposition)));

        var window = TimeSpan.FromMinutes(1);
        var refreshPermits = configuration.GetValue("RateLimiting:RefreshPermitLimit", 600);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Refresh tokens are unguessable, so refresh only needs flood protection, and a whole office
            // behind one address refreshes every 15 minutes per person: a far larger budget than sign-in.
            limiter.AddPolicy(AuthApi.RefreshRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = refreshPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"Try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds.",
                        Extensions = { ["code"] = Shared.ValidationCodes.RateLimited },
                    },
                });
            };
        });
        return services;
    }
}
