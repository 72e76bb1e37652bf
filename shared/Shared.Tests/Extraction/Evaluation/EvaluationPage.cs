using System.Globalization;
using System.Text;

namespace ComplianceConnect.Shared.Tests.Extraction.Evaluation;

/// <summary>
/// One page of the evaluation set: its HTML, the address it was captured from, its family and what a rep should get
/// from it. The expectations sit in a leading <c>&lt;!--eval … --&gt;</c> comment that is cut off before extraction:
/// <code>
/// &lt;!--eval
/// url: https://brightwater.example/team
/// person: name=Anna Berg; given=Anna; family=Berg; title=Head of Operations; org=Brightwater Logistics Ltd; email=anna.berg@brightwater.example
/// not: Brightwater Logistics
/// --&gt;
/// </code>
/// One <c>person:</c> line is a single-subject page (scored against the best candidate); several are a
/// multi-person page (every person must be among the candidates). <c>not:</c> names what must never be offered as a
/// person (the site, the company, a lab).
/// </summary>
internal sealed record EvaluationPage(
    string File,
    string Family,
    string Url,
    string Html,
    IReadOnlyList<IReadOnlyDictionary<string, string>> People,
    IReadOnlyList<string> NotPeople)
{
    public const string Marker = "<!--eval";

    /// <summary>The pages of one set: <c>Evaluation</c> (tuned on) or <c>Holdout</c> (never tuned on).</summary>
    public static IEnumerable<EvaluationPage> LoadAll(string set = "Evaluation")
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Fixtures", set);
        return Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => Load(path, root));
    }

    public static EvaluationPage Load(string path) => Load(path, Path.Combine(AppContext.BaseDirectory, "Fixtures", "Evaluation"));

    private static EvaluationPage Load(string path, string root)
    {
        var text = System.IO.File.ReadAllText(path, Encoding.UTF8);
        if (!text.StartsWith(Marker, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} does not start with its {Marker} header.");
        }

        var end = text.IndexOf("-->", StringComparison.Ordinal);
        var header = text[Marker.Length..end];
        var html = text[(end + 3)..].TrimStart();
        string? url = null;
        var people = new List<IReadOnlyDictionary<string, string>>();
        var notPeople = new List<string>();
        foreach (var rawLine in header.Split('\n'))
        {
            var line = rawLine.Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "url":
                    url = value;
                    break;
                case "not":
                    notPeople.Add(value);
                    break;
                case "person":
                    people.Add(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(pair => pair.Split('=', 2))
                        .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.Ordinal));
                    break;
                default:
                    throw new InvalidDataException($"{path}: unknown header key '{key}'.");
            }
        }

        var family = Path.GetFileName(Path.GetDirectoryName(path)!);
        return new EvaluationPage(
            Path.GetRelativePath(root, path),
            family,
            url ?? throw new InvalidDataException($"{path}: no url."),
            html,
            people,
            notPeople);
    }

    public override string ToString() => File;

    internal static string Fold(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
