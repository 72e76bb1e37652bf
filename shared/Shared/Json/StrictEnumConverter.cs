using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComplianceConnect.Shared.Json;

/// <summary>
/// Writes enum values by name and reads only known names (case-insensitive). Unlike
/// <see cref="JsonStringEnumConverter{TEnum}"/> it refuses numbers, and its error lists the
/// allowed values so a 400 response can tell the caller what to send instead.
/// </summary>
public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is not null && !text.Any(char.IsDigit) && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        var shown = text ?? reader.TokenType.ToString();
        throw new JsonException($"'{shown}' is not a valid {typeof(TEnum).Name}. Allowed values: {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
