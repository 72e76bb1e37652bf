using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Api.Features.Contacts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Infrastructure;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, TenantScope scope) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The open unit of work's organization. Row-level security is what keeps tenants apart; these
    /// query filters are a second line that also makes a missing scope show up as "no rows" in EF.
    /// </summary>
    public Guid? TenantId => scope.Current?.OrganizationId;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<Features.Email.EmailMessage> EmailMessages => Set<Features.Email.EmailMessage>();
    public DbSet<Features.Email.EmailAttempt> EmailAttempts => Set<Features.Email.EmailAttempt>();
    public DbSet<Features.Unsubscribe.SubscriptionEvent> SubscriptionEvents => Set<Features.Unsubscribe.SubscriptionEvent>();
    public DbSet<Features.ImportExport.ContactExport> ContactExports => Set<Features.ImportExport.ContactExport>();
    public DbSet<Features.ImportExport.ImportJob> ImportJobs => Set<Features.ImportExport.ImportJob>();
    public DbSet<Features.ImportExport.ImportProblem> ImportProblems => Set<Features.ImportExport.ImportProblem>();
    public DbSet<Features.Erasure.Suppression> Suppressions => Set<Features.Erasure.Suppression>();
    public DbSet<Features.Retention.RetentionReview> RetentionReviews => Set<Features.Retention.RetentionReview>();
    public DbSet<Features.Salesforce.SalesforceConnection> SalesforceConnections => Set<Features.Salesforce.SalesforceConnection>();
    public DbSet<Features.Salesforce.SalesforceRun> SalesforceRuns => Set<Features.Salesforce.SalesforceRun>();
    public DbSet<Features.Salesforce.SalesforceOutboxItem> SalesforceOutbox => Set<Features.Salesforce.SalesforceOutboxItem>();

    /// <summary>
    /// ASP.NET Core Data Protection's key ring, shared by every API instance. Not tenant data (no
    /// organization_id, so no row-level security): the keys protect every organization's Salesforce secrets.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            GetType().GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType)
                .Invoke(this, [modelBuilder]);
        }
    }

    private void ApplyTenantFilter<T>(ModelBuilder modelBuilder) where T : class, ITenantOwned =>
        modelBuilder.Entity<T>().HasQueryFilter(e => e.OrganizationId == TenantId);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await CanonicalizePhonesAsync(cancellationToken);

        // New tenant rows default to the caller's organization; a row aimed at another one is a bug, not a request.
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>().Where(e => e.State == EntityState.Added))
        {
            if (entry.Entity.OrganizationId == Guid.Empty)
            {
                entry.Entity.OrganizationId = TenantId ?? throw new InvalidOperationException($"{entry.Entity.GetType().Name} added without an organization.");
            }
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private string? _defaultRegion;

    /// <summary>
    /// Phones are kept in one canonical form (E.164), national numbers read in the organization's
    /// default region, so matching and duplicate checks compare like with like whichever endpoint
    /// wrote the contact. Text that is no phone number (validation refuses it) is left as it is.
    /// </summary>
    private async Task CanonicalizePhonesAsync(CancellationToken ct)
    {
        foreach (var entry in ChangeTracker.Entries<Contact>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            if (entry.Entity.Phone is not { } phone || (entry.State == EntityState.Modified && !entry.Property(c => c.Phone).IsModified))
            {
                continue;
            }

            _defaultRegion ??= await Organizations.Where(o => o.Id == TenantId).Select(o => o.DefaultRegion).SingleOrDefaultAsync(ct)
                ?? Shared.Values.PhoneNumber.DefaultRegion;
            entry.Entity.Phone = Contact.NormalizePhone(phone, _defaultRegion) ?? phone;
        }
    }
}
