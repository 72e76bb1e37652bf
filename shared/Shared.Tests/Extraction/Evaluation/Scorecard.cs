using System.Globalization;
using System.Text;
using ComplianceConnect.Shared.Extraction;
using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Shared.Tests.Extraction.Evaluation;

/// <summary>
/// Runs the extractor over a set of <see cref="EvaluationPage"/>s and scores every stated field: the share right
/// overall, per family and per field, and a line for every miss. Shared by the evaluation set (tuned on) and the
/// held-out set (never tuned on) so the two figures are measured the same way.
/// </summary>
internal sealed record Scorecard(
    double Overall,
    int Count,
    IReadOnlyList<(string Name, double Share, int Count)> ByFamily,
    IReadOnlyList<(string Name, double Share, int Count)> ByField,
    string Report)
{
    private static readonly string[] Fields =
        ["name", "given", "family", "title", "org", "email", "phone", "website", "linkedin", "twitter", "not-a-person"];

    public static Scorecard Run(IEnumerable<EvaluationPage> pages)
    {
        var scores = new List<(string Family, string Field, bool Right)>();
        var misses = new StringBuilder();
        var warnings = new StringBuilder(); // a reader that failed (a regex timing out on a loaded machine) costs fields
        var extractor = new ContactExtractor();
        foreach (var page in pages)
        {
            var result = extractor.Extract(page.Html, page.Url);
            foreach (var warning in result.Warnings)
            {
                warnings.AppendLine(CultureInfo.InvariantCulture, $"  {page.File}: {warning}");
            }

            foreach (var (field, right, detail) in Score(page, result))
            {
                scores.Add((page.Family, field, right));
                if (!right)
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"  {page.File}: {detail}");
                }
            }
        }

        var overall = Share(scores);
        var byFamily = scores.GroupBy(s => s.Family).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Share(g.ToList()), g.Count())).ToList();
        var byField = scores.GroupBy(s => s.Field).OrderBy(g => Array.IndexOf(Fields, g.Key))
            .Select(g => (g.Key, Share(g.ToList()), g.Count())).ToList();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"overall {overall:P1} of {scores.Count} stated fields");
        foreach (var (name, share, count) in byFamily)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"family {name,-10} {share,7:P1}  ({count} fields)");
        }

        foreach (var (name, share, count) in byField)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"field  {name,-12} {share,7:P1}  ({count})");
        }

        report.AppendLine("misses:").Append(misses);
        report.AppendLine("warnings:").Append(warnings);
        return new Scorecard(overall, scores.Count, byFamily, byField, report.ToString());
    }

    private static double Share(List<(string Family, string Field, bool Right)> scores) =>
        scores.Count == 0 ? 1 : (double)scores.Count(s => s.Right) / scores.Count;

    internal static IEnumerable<(string Field, bool Right, string Detail)> Score(EvaluationPage page, ExtractionResult result)
    {
        var single = page.People.Count == 1;
        foreach (var expected in page.People)
        {
            var name = expected.GetValueOrDefault("name") ?? "?";
            var candidate = single ? result.Best : Match(result, expected);
            foreach (var (field, value) in expected)
            {
                var actual = candidate is null ? null : Value(candidate, field);
                var right = Same(field, value, actual, Region(page.Url));
                yield return (field, right, $"{name} {field}: expected '{value}', got '{actual ?? (candidate is null ? "<no person>" : "")}'");
            }
        }

        foreach (var notPerson in page.NotPeople)
        {
            var offered = result.All.Any(c => c.FullName is not null && EvaluationPage.Fold(c.FullName) == EvaluationPage.Fold(notPerson));
            yield return ("not-a-person", !offered, $"'{notPerson}' was offered as a person");
        }
    }

    private static PersonCandidate? Match(ExtractionResult result, IReadOnlyDictionary<string, string> expected)
    {
        if (expected.GetValueOrDefault("name") is { } name
            && result.All.FirstOrDefault(c => c.FullName is not null && EvaluationPage.Fold(c.FullName) == EvaluationPage.Fold(name)) is { } byName)
        {
            return byName;
        }

        return expected.GetValueOrDefault("email") is { } email
            ? result.All.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
            : null;
    }

    private static string? Value(PersonCandidate candidate, string field) => field switch
    {
        "name" => candidate.FullName,
        "given" => candidate.GivenName,
        "family" => candidate.FamilyName,
        "title" => candidate.JobTitle,
        "org" => candidate.Organization,
        "email" => candidate.Email,
        "phone" => candidate.Phone,
        "website" => candidate.Website,
        "linkedin" => candidate.LinkedIn,
        "twitter" => candidate.Twitter,
        "facebook" => candidate.Facebook,
        _ => throw new InvalidDataException($"unknown field '{field}'"),
    };

    private static bool Same(string field, string expected, string? actual, string region)
    {
        if (expected == "-")
        {
            return actual is null; // stated as absent: nothing may be made up
        }

        if (actual is null)
        {
            return false;
        }

        return field switch
        {
            "phone" => Digits(expected) == Digits(actual) || SameNumber(expected, actual, region),
            "website" or "linkedin" or "twitter" => Url(expected) == Url(actual),
            _ => string.Equals(Text(expected), Text(actual), StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>
    /// One number spelled two ways ("070-123 45 67" and "+46701234567", "+49 (0)30 8413-5520" and "+49 30 8413 5520")
    /// is one saved value: the API stores the E.164 form, so the scorer compares that, reading national numbers in the
    /// country of the page's address.
    /// </summary>
    private static bool SameNumber(string expected, string actual, string region) =>
        PhoneNumber.Canonical(expected, region) is { } canonical && canonical == PhoneNumber.Canonical(actual, region);

    private static string Region(string url)
    {
        var host = new Uri(url).Host;
        return host[(host.LastIndexOf('.') + 1)..] switch
        {
            "se" => "SE",
            "no" => "NO",
            "dk" => "DK",
            "fi" => "FI",
            "is" => "IS",
            "de" => "DE",
            "nl" => "NL",
            "fr" => "FR",
            "it" => "IT",
            "uk" => "GB",
            _ => "US",
        };
    }

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    private static string Url(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        v = v.StartsWith("https://", StringComparison.Ordinal) ? v[8..] : v.StartsWith("http://", StringComparison.Ordinal) ? v[7..] : v;
        v = v.StartsWith("www.", StringComparison.Ordinal) ? v[4..] : v;
        v = v.StartsWith("twitter.com/", StringComparison.Ordinal) ? "x.com/" + v[12..] : v; // one account, two hosts
        return v.TrimEnd('/');
    }

    private static string Text(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ',', ' ');
}
