namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>
/// Runs queued imports one at a time, each in a DI scope of its own. Jobs live in this instance's
/// queue and spool folder: a restart ends the queued ones (they stay Queued/Running in the table;
/// see the decision note in the report).
/// </summary>
public sealed class ImportWorker(ImportQueue queue, IServiceScopeFactory scopes, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(work, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Import job {JobId} of organization {OrganizationId} stopped.", work.JobId, work.OrganizationId);
            }
            finally
            {
                File.Delete(work.Path);
            }
        }
    }
}
