using ComplianceConnect.Extension.Components;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Extension.Tests;

public sealed class AuditTimelineTests : BunitContext
{
    private static readonly AuditEntryDto Unsubscribed = new(7, new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero), "Robert Rep", "api",
        "contact.unsubscribed", "Unsubscribed", new(), new() { ["subscription"] = "Unsubscribe", ["source"] = "Manual", ["reason"] = "Asked by phone" });

    private static readonly AuditEntryDto Lifted = new(8, new DateTimeOffset(2026, 12, 1, 9, 15, 0, TimeSpan.Zero), "Alice Admin", "extension",
        "contact.resubscribed", "Resubscribed", new(), new() { ["subscription"] = "Resubscribe", ["source"] = "Admin", ["evidenceReference"] = "Signed form #42" });

    [Theory]
    [InlineData("en", "Unsubscribe lifted", "Subscription: Resubscribed", "Through: an Admin with evidence of consent", "Evidence: Signed form #42",
        "Unsubscribed", "Reason: Asked by phone")]
    [InlineData("sv", "Avregistreringen hävd", "Prenumeration: Registrerad igen", "Genom: en administratör med underlag för samtycke", "Underlag: Signed form #42",
        "Avregistrerad", "Anledning: Asked by phone")]
    public async Task Unsubscribes_and_lifts_read_in_the_reps_language_without_raw_keys(
        string language, string liftAction, string liftKind, string liftSource, string evidence, string unsubscribeAction, string reason)
    {
        await this.AddSignedInExtensionAsync(language);

        var timeline = Render<AuditTimeline>(p => p.Add(t => t.Entries, [Unsubscribed, Lifted]));

        var entries = timeline.FindAll("[data-testid=audit-entry]");
        Assert.Contains(liftAction, entries[0].QuerySelector(".when strong")!.TextContent);
        Assert.Equal([liftKind, liftSource, evidence], entries[0].QuerySelectorAll(".changes li").Select(li => Normalize(li.TextContent)));
        Assert.Equal(unsubscribeAction, entries[1].QuerySelector(".when strong")!.TextContent);
        Assert.Contains(reason, entries[1].QuerySelectorAll(".changes li").Select(li => Normalize(li.TextContent)));
        Assert.DoesNotContain("Field.", timeline.Markup, StringComparison.Ordinal);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace(" :", ":", StringComparison.Ordinal);
}
