using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>How a save ended when the database itself refused it: those are expected outcomes, not errors.</summary>
public enum SaveOutcome
{
    Saved,

    /// <summary>The row changed since it was read (its xmin no longer matched).</summary>
    Stale,

    /// <summary>A unique index refused the row: the same person or user already exists.</summary>
    Duplicate,
}

public static class SaveOutcomes
{
    public static async Task<SaveOutcome> SaveAsync(this AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveOutcome.Stale;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SaveOutcome.Duplicate;
        }
    }
}
