using System.Text.Json;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;

namespace ComplianceConnect.Shared.Tests.Compliance;

public sealed class ContractsJsonTests
{
    [Fact]
    public void A_nul_character_in_a_string_is_refused_with_its_code_and_path()
    {
        var error = Assert.IsType<CodedJsonException>(Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize("""{"email":"a\u0000b","password":"x"}""", ContractsJsonContext.Default.SignInRequest)));

        Assert.Equal((ValidationCodes.NulCharacter, "$.email"), (error.Code, error.Path));
    }

    [Fact]
    public void A_duplicate_property_is_refused() =>
        Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize("""{"email":"a@example.com","email":"b@example.com"}""", ContractsJsonContext.Default.SignInRequest));

    [Fact]
    public void A_problem_document_reads_codes_and_code()
    {
        var problem = JsonSerializer.Deserialize(
            """{"status":409,"code":"stale_card","errors":{"version":["Someone else…"]},"codes":{"version":["stale_card"]}}""",
            ContractsJsonContext.Default.ProblemDocument)!;

        Assert.Equal("stale_card", problem.Code);
        Assert.Equal(["stale_card"], problem.Codes!["version"]);
    }
}
