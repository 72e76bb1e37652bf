using System.Text;
using System.Text.Json;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// schema.org Person in JSON-LD: @graph, top-level arrays, @id references, prefixed and full-IRI property names,
/// ProfilePage/AboutPage mainEntity (the page's subject) and authors of the page's content.
/// Works on JsonDocument (no reflection), so it stays trimmable for WebAssembly.
/// </summary>
internal static class JsonLdReader
{
    private const int MaxNodesPerBlock = 10_000;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static void Read(Page page, List<Found> into, List<string> warnings)
    {
        var blockNumber = 0;
        foreach (var script in page.JsonLdScripts)
        {
            blockNumber++;
            var json = Unwrap(script.TextContent);
            if (json is null)
            {
                continue;
            }

            using var document = TryParse(json, out var error);
            if (document is null)
            {
                warnings.Add($"Skipped JSON-LD block {blockNumber}: it is not valid JSON ({error}).");
                continue;
            }

            new Block(page, document.RootElement, (long)page.Order(script) * 10_000, into).Read();
        }
    }

    /// <summary>Strips the HTML comment and CDATA wrappers that older CMSs put around script content.</summary>
    private static string? Unwrap(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var (open, close) in (ReadOnlySpan<(string, string)>)[("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")])
        {
            if (value.StartsWith(open, StringComparison.Ordinal))
            {
                value = value[open.Length..];
                if (value.EndsWith(close, StringComparison.Ordinal))
                {
                    value = value[..^close.Length];
                }

                value = value.Trim();
            }
        }

        return value.Length == 0 ? null : value;
    }

    private static JsonDocument? TryParse(string json, out string? error)
    {
        error = null;
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException first)
        {
            // Hand-written JSON-LD often has raw line breaks inside strings, which JSON forbids; browsers' consumers
            // tolerate them, so repair that one mistake before giving up.
            try
            {
                return JsonDocument.Parse(EscapeControlCharactersInStrings(json), Options);
            }
            catch (JsonException)
            {
                error = first.Message;
                return null;
            }
        }
    }

    private static string EscapeControlCharactersInStrings(string json)
    {
        var builder = new StringBuilder(json.Length + 16);
        var inString = false;
        var escaped = false;
        foreach (var c in json)
        {
            if (inString && !escaped && c < ' ')
            {
                builder.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{(int)c:x4}" });
                continue;
            }

            builder.Append(c);
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\' && inString)
            {
                escaped = true;
            }
            else if (c == '"')
            {
                inString = !inString;
            }
        }

        return builder.ToString();
    }

    /// <summary>One parsed script block.</summary>
    private sealed class Block(Page page, JsonElement root, long baseOrder, List<Found> into)
    {
        private readonly Dictionary<string, JsonElement> _nodesById = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Found> _peopleById = new(StringComparer.Ordinal);
        private int _sequence;

        public void Read()
        {
            IndexNodes();

            var stack = new Stack<(JsonElement Node, Hints Role)>();
            PushTopLevel(stack, root);
            var visited = 0;
            while (stack.Count > 0 && visited++ < MaxNodesPerBlock)
            {
                var (node, role) = stack.Pop();
                Visit(node, role, stack);
            }
        }

        private static void PushTopLevel(Stack<(JsonElement, Hints)> stack, JsonElement node)
        {
            if (node.ValueKind == JsonValueKind.Array)
            {
                // Pushed in reverse so that people come out in the order the page lists them.
                var items = node.EnumerateArray().ToList();
                for (var i = items.Count - 1; i >= 0; i--)
                {
                    PushTopLevel(stack, items[i]);
                }

                return;
            }

            if (node.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (TryGet(node, "@graph", out var graph))
            {
                PushTopLevel(stack, graph);
            }

            if (TryGet(node, "@type", out _))
            {
                stack.Push((node, Hints.TopLevel));
            }
        }

        private void Visit(JsonElement node, Hints role, Stack<(JsonElement, Hints)> stack)
        {
            if (node.ValueKind == JsonValueKind.Array)
            {
                var items = node.EnumerateArray().ToList();
                for (var i = items.Count - 1; i >= 0; i--)
                {
                    stack.Push((items[i], role));
                }

                return;
            }

            if (node.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (IsReference(node))
            {
                // Only people are followed through references; everything else is visited where it is defined,
                // which also keeps reference cycles from looping.
                if (Resolve(node) is { } target && IsPerson(target))
                {
                    AddPerson(target, role);
                }

                return;
            }

            if (IsPerson(node))
            {
                AddPerson(node, role);
                return;
            }

            // The site's own organization (top level, not a publisher or organizer inside something else).
            if ((role & Hints.TopLevel) != 0 && IsOrganization(node) && TryGet(node, "name", out var organizationName)
                && organizationName.ValueKind == JsonValueKind.String && TextUtil.DecodeAndNormalize(organizationName.GetString()) is { } siteOrganization)
            {
                page.StructuredOrganizations.Add(siteOrganization);
            }

            var isPage = HasTypeEnding(node, "Page");
            var isProfilePage = HasType(node, "ProfilePage") || HasType(node, "AboutPage");
            var children = new List<(JsonElement, Hints)>();
            foreach (var property in node.EnumerateObject())
            {
                if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                {
                    continue;
                }

                var childRole = LocalName(property.Name) switch
                {
                    "@graph" => Hints.TopLevel,
                    "mainEntity" when isPage => Hints.DeclaredSubject,
                    "about" when isProfilePage => Hints.DeclaredSubject,
                    // Only the author of the page's own content, not of every review or comment it embeds.
                    "author" or "creator" when (role & (Hints.TopLevel | Hints.DeclaredSubject)) != 0 => Hints.PageAuthor,
                    _ => Hints.None,
                };
                children.Add((property.Value, childRole));
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        private void AddPerson(JsonElement node, Hints role)
        {
            var id = StringOf(node, "@id");
            if (id is not null && _peopleById.TryGetValue(id, out var existing))
            {
                existing.Hints |= role;
                return;
            }

            var found = new Found("json-ld", null, baseOrder + _sequence++) { Hints = role };
            Fill(found, node);
            if (id is not null)
            {
                _peopleById[id] = found;
            }

            into.Add(found);
        }

        private void Fill(Found found, JsonElement person)
        {
            string? worksFor = null, affiliation = null, occupation = null, description = null;
            var sameAs = new List<string>();
            foreach (var property in person.EnumerateObject())
            {
                var value = property.Value;
                switch (LocalName(property.Name))
                {
                    case "name":
                        found.AddName(TextOf(value));
                        break;
                    case "givenName":
                        found.AddGivenName(TextOf(value));
                        break;
                    case "familyName":
                        found.AddFamilyName(TextOf(value));
                        break;
                    case "jobTitle":
                        found.AddJobTitle(TextOf(value));
                        break;
                    case "description":
                        description ??= TextOf(value);
                        break;
                    case "hasOccupation":
                        occupation ??= TextOf(value);
                        break;
                    case "worksFor":
                        worksFor ??= TextOf(value);
                        break;
                    case "affiliation":
                        affiliation ??= TextOf(value);
                        break;
                    case "email":
                        found.AddEmail(TextOf(value));
                        break;
                    case "telephone":
                        found.AddPhone(TextOf(value));
                        break;
                    case "url":
                        foreach (var url in UrlsOf(value))
                        {
                            found.AddUrl(page.Resolve(url), UrlUse.Own);
                        }

                        break;
                    case "sameAs":
                        sameAs.AddRange(UrlsOf(value));
                        break;
                    case "contactPoint":
                        found.AddEmail(TextOf(Property(Resolve(value) ?? value, "email")));
                        found.AddPhone(TextOf(Property(Resolve(value) ?? value, "telephone")));
                        break;
                }
            }

            // After "url", so that the person's own url is the website rather than whichever sameAs came first.
            foreach (var url in sameAs)
            {
                found.AddUrl(page.Resolve(url), UrlUse.SameAs);
            }

            found.AddJobTitle(occupation);
            found.AddOrganization(worksFor ?? affiliation);
            found.AddRoleFromDescription(description);
        }

        /// <summary>
        /// The text of a value: a string, a number, {"@value": …}, a named object ({"name": …}, resolving @id
        /// references), or the first usable item of an array.
        /// </summary>
        private string? TextOf(JsonElement? maybeValue, int depth = 0)
        {
            if (maybeValue is not { } value || depth > 4)
            {
                return null;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return TextUtil.DecodeAndNormalize(value.GetString());
                case JsonValueKind.Number:
                    return value.GetRawText();
                case JsonValueKind.Array:
                    foreach (var item in value.EnumerateArray())
                    {
                        if (TextOf(item, depth + 1) is { } text)
                        {
                            return text;
                        }
                    }

                    return null;
                case JsonValueKind.Object:
                    var target = Resolve(value) ?? value;
                    return TextOf(Property(target, "@value"), depth + 1)
                        ?? TextOf(Property(target, "name"), depth + 1)
                        ?? TextOf(Property(target, "legalName"), depth + 1);
                default:
                    return null;
            }
        }

        private static IEnumerable<string> UrlsOf(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    if (value.GetString() is { } url)
                    {
                        yield return url;
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String && item.GetString() is { } itemUrl)
                        {
                            yield return itemUrl;
                        }
                        else if (item.ValueKind == JsonValueKind.Object && (StringOf(item, "@id") ?? StringOf(item, "url")) is { } objectUrl)
                        {
                            yield return objectUrl;
                        }
                    }

                    break;
                case JsonValueKind.Object:
                    if ((StringOf(value, "@id") ?? StringOf(value, "url") ?? StringOf(value, "@value")) is { } valueUrl)
                    {
                        yield return valueUrl;
                    }

                    break;
            }
        }

        private void IndexNodes()
        {
            var stack = new Stack<JsonElement>();
            stack.Push(root);
            var visited = 0;
            while (stack.Count > 0 && visited++ < MaxNodesPerBlock)
            {
                var node = stack.Pop();
                if (node.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in node.EnumerateArray())
                    {
                        stack.Push(item);
                    }
                }
                else if (node.ValueKind == JsonValueKind.Object)
                {
                    if (!IsReference(node) && StringOf(node, "@id") is { } id)
                    {
                        _nodesById.TryAdd(id, node);
                    }

                    foreach (var property in node.EnumerateObject())
                    {
                        if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                        {
                            stack.Push(property.Value);
                        }
                    }
                }
            }
        }

        private JsonElement? Resolve(JsonElement value) =>
            value.ValueKind == JsonValueKind.Object && IsReference(value) && StringOf(value, "@id") is { } id
            && _nodesById.TryGetValue(id, out var target)
                ? target
                : null;

        /// <summary>{"@id": "…"} alone: a pointer to a node defined elsewhere.</summary>
        private static bool IsReference(JsonElement node)
        {
            var count = 0;
            var hasId = false;
            foreach (var property in node.EnumerateObject())
            {
                count++;
                hasId |= property.Name == "@id";
                if (count > 1)
                {
                    return false;
                }
            }

            return hasId;
        }
    }

    private static bool IsPerson(JsonElement node) => HasType(node, "Person");

    private static readonly string[] OrganizationTypes =
        ["Corporation", "LocalBusiness", "LegalService", "CollegeOrUniversity", "NGO", "ProfessionalService", "Store", "Dentist", "Physician"];

    private static bool IsOrganization(JsonElement node) =>
        HasTypeEnding(node, "Organization") || OrganizationTypes.Any(type => HasType(node, type));

    private static bool HasType(JsonElement node, string type) =>
        Types(node).Any(t => t.Equals(type, StringComparison.OrdinalIgnoreCase));

    private static bool HasTypeEnding(JsonElement node, string suffix) =>
        Types(node).Any(t => t.EndsWith(suffix, StringComparison.Ordinal));

    private static IEnumerable<string> Types(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object || !TryGet(node, "@type", out var type))
        {
            yield break;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            yield return LocalName(type.GetString() ?? "");
        }
        else if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    yield return LocalName(item.GetString() ?? "");
                }
            }
        }
    }

    /// <summary>"http://schema.org/name", "https://schema.org/name" and "schema:name" all mean "name".</summary>
    internal static string LocalName(string name)
    {
        if (name.StartsWith('@'))
        {
            return name;
        }

        var slash = name.LastIndexOfAny(['/', '#']);
        if (slash >= 0 && name.Contains("://", StringComparison.Ordinal))
        {
            return name[(slash + 1)..];
        }

        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? name[(colon + 1)..] : name;
    }

    private static bool TryGet(JsonElement node, string name, out JsonElement value)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (LocalName(property.Name) == name)
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static JsonElement? Property(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && TryGet(node, name, out var value) ? value : null;

    private static string? StringOf(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && TryGet(node, name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
