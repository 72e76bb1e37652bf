using Xunit.Abstractions;

namespace ComplianceConnect.Shared.Tests.Extraction.Evaluation;

/// <summary>
/// Scores the extractor field by field on the evaluation set (Fixtures/Evaluation/&lt;family&gt;/*.html) and fails when
/// the accuracy falls below the floors. The floors sit a little under what the extractor measured when they were set,
/// so a change that makes capture worse on a page family fails here even when every fixture test still passes.
/// Run with <c>--logger "console;verbosity=detailed"</c> to see the table and every miss.
/// </summary>
public class EvaluationTests(ITestOutputHelper output)
{
    /// <summary>Overall share of stated fields that come out right.</summary>
    private const double OverallFloor = 0.96;

    /// <summary>No family may fall below this.</summary>
    private const double FamilyFloor = 0.93;

    [Fact]
    public void The_evaluation_set_has_at_least_sixty_pages_across_every_family()
    {
        var pages = EvaluationPage.LoadAll().ToList();

        Assert.True(pages.Count >= 60, $"{pages.Count} pages");
        Assert.Equal(
            ["academic", "blog", "nordic", "personal", "signature", "speaker", "team"],
            pages.Select(p => p.Family).Distinct().Order(StringComparer.Ordinal));
        Assert.All(pages, p => Assert.NotEmpty(p.People));
    }

    [Fact]
    public void Extraction_accuracy_on_the_evaluation_set_stays_above_its_floors()
    {
        var card = Scorecard.Run(EvaluationPage.LoadAll());
        output.WriteLine(card.Report);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "evaluation-report.txt"), card.Report);

        Assert.True(card.Overall >= OverallFloor, $"overall accuracy {card.Overall:P1} is below {OverallFloor:P0}");
        Assert.All(card.ByFamily, f => Assert.True(f.Share >= FamilyFloor, $"family {f.Name} at {f.Share:P1} is below {FamilyFloor:P0}"));
    }
}
