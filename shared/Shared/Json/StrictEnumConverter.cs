using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComplianceConnect.Shared.Json;

/// <summary>
/// Writes enum values by name and reads only a known name (case-insensitive). Unlike
/// <see cref="JsonStringEnumConverter{TEnum}"/> or <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>
/// it refuses numbers and comma lists (which would OR two legal bases into a third), and its
/// error lists the allowed values so a 400 response can tell the caller what to send instead.
/// </summary>
public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (StrictEnum.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        var shown = text ?? reader.TokenType.ToString();
        throw new CodedJsonException(ValidationCodes.UnknownValue, $"'{shown}' is not a valid {typeof(TEnum).Name}. {StrictEnum.AllowedValues<TEnum>()}");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>Enum names as the API accepts them: exactly one declared name, any case.</summary>
public static class StrictEnum
{
    /// <summary>Parses one declared name (case-insensitive); numbers, lists and blanks are refused.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        var name = text is null ? null : Array.Find(Enum.GetNames<TEnum>(), n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<TEnum>(name);
        return name is not null;
    }

    /// <summary>"Allowed values: A, B, C."</summary>
    public static string AllowedValues<TEnum>() where TEnum : struct, Enum =>
        "Allowed values: " + string.Join(", ", Enum.GetNames<TEnum>()) + ".";
}
