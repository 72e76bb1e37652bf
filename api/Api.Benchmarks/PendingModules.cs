namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// The paths whose endpoints land from other branches (import, export, the People list): each reports
/// "not available in this build" with the route it waits for, until `git merge main` brings it.
/// </summary>
public sealed class PendingModule(string number, string work, string target, string route, string owner) : IModule
{
    public string Number => number;
    public string Work => work;
    public string Target => target;

    public Task<IReadOnlyList<Row>> RunAsync(Bench bench) =>
        Task.FromResult<IReadOnlyList<Row>>(bench.HasRoute(route)
            ? [Row.NotAvailable(number, work, target, $"{route} is in this build, but its measurement is not written yet")]
            : [Row.NotAvailable(number, work, target, $"no {route} endpoint in this build ({owner})")]);
}
