using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComplianceConnect.Shared.Json;

/// <summary>
/// Reads JSON strings, refusing any that hold a NUL character (U+0000): PostgreSQL cannot store
/// one, so it must be a 400 naming the field, not a failure deep in a query.
/// </summary>
public sealed class StrictStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }

        return Strict(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>Dictionary keys (audit before/after, problem errors) follow the same rule.</summary>
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Strict(reader.GetString()!);

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Strict(string value) =>
        value.Contains('\0', StringComparison.Ordinal)
            ? throw new CodedJsonException(ValidationCodes.NulCharacter, ValidationErrors.NulMessage)
            : value;
}

/// <summary>A JSON reading failure that carries its <see cref="ValidationCodes"/> code to the problem response.</summary>
public sealed class CodedJsonException(string code, string message) : JsonException(message)
{
    /// <summary>The stable code of the failure.</summary>
    public string Code { get; } = code;
}
