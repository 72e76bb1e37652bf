namespace ComplianceConnect.Api.Benchmarks;

public sealed class PopupModule : IModule
{
    public string Number => "6";
    public string Work => "popup start-up";
    public string Target => "≤ 1.0× bare blazorwasm; download ≤ 1.2×";

    public Task<IReadOnlyList<Row>> RunAsync(Bench bench) =>
        Task.FromResult<IReadOnlyList<Row>>([Row.NotAvailable(Number, Work, Target, "not written yet")]);
}
