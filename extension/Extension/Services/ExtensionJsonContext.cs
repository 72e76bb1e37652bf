using System.Text.Json.Serialization;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Extension.Services;

/// <summary>What the extension keeps in chrome.storage, serialized without reflection.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ExtensionSettings))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(PageSnapshot))]
[JsonSerializable(typeof(PendingSelection))]
internal sealed partial class ExtensionJsonContext : JsonSerializerContext;
