using System.Diagnostics;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Where one extraction spent its time, stage by stage (nesting check, parse, page index, each reader, merging and
/// ranking). Filled when passed to <see cref="ContactExtractor.Extract(string, string, ExtractionProfile?)"/>; the
/// extension's benchmark hook reports it so the cost can be followed under WebAssembly, where no profiler reaches.
/// </summary>
public sealed class ExtractionProfile
{
    private readonly List<(string Stage, double Milliseconds)> _stages = [];

    /// <summary>The stages in the order they ran, with their wall time in milliseconds.</summary>
    public IReadOnlyList<(string Stage, double Milliseconds)> Stages => _stages;

    internal void Add(string stage, long startTimestamp) =>
        _stages.Add((stage, Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds));
}
