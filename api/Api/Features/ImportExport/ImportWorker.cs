using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>
/// Runs queued imports one at a time, each in a DI scope of its own. At start it first takes up the jobs a restart
/// cut off, whose files are still in the instance's own spool folder (<see cref="ImportOptions.SpoolDirectory"/>):
/// each goes on after its last committed chunk. A file is deleted once its job has ended, and kept when the job was
/// stopped by the shutdown and can go on at the next start.
/// </summary>
public sealed class ImportWorker(ImportQueue queue, IServiceScopeFactory scopes, IOptions<ImportOptions> options, ILogger<ImportWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SpoolDirectory is { } spool)
        {
            Directory.CreateDirectory(spool);
            foreach (var work in ImportSpool.LeftOver(options.Value))
            {
                logger.LogInformation("Import job {JobId} of organization {OrganizationId} was cut off by a restart; taking it up again.", work.JobId, work.OrganizationId);
                queue.Enqueue(work);
            }
        }

        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
        {
            var outcome = ImportOutcome.Ended;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                outcome = await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(work, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped by the shutdown: with a spool folder of its own the job goes on at the next start.
                outcome = options.Value.SpoolDirectory is null ? ImportOutcome.Ended : ImportOutcome.Elsewhere;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Import job {JobId} of organization {OrganizationId} stopped.", work.JobId, work.OrganizationId);
            }
            finally
            {
                if (outcome == ImportOutcome.Ended)
                {
                    File.Delete(work.Path);
                }
            }
        }
    }
}
