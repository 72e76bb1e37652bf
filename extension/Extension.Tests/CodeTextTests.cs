using ComplianceConnect.Shared.Client;
using System.Reflection;
using ComplianceConnect.Extension.Services;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Json;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Extension.Tests;

public sealed class CodeTextTests : BunitContext
{
    /// <summary>Every constant of <see cref="ValidationCodes"/>, found by reflection so a new code cannot be forgotten.</summary>
    private static string[] AllCodes() =>
        [.. typeof(ValidationCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    public static TheoryData<string> Codes() => new(AllCodes());

    [Fact]
    public void The_codes_are_found()
    {
        Assert.Contains(ValidationCodes.ConsentPurposeRequired, AllCodes());
        Assert.Contains(ValidationCodes.RateLimited, AllCodes());
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_an_english_and_a_swedish_text(string code)
    {
        Assert.True(Text.HasCodeText(code), $"'{code}' lacks an English or a Swedish text in Text.cs.");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task A_code_that_shows_values_still_has_a_text_without_them_for_failures_from_the_api(string code)
    {
        var text = await TextAsync("sv");

        var shown = text.Error(new ValidationFailure(code, "English from the API", []));

        Assert.NotEqual("English from the API", shown);
        Assert.DoesNotContain("{0}", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_checked_in_the_extension_shows_its_values_in_swedish()
    {
        var text = await TextAsync("sv");
        var errors = new ValidationErrors();
        errors.Text("company", new string('x', 201), Limits.Name);

        Assert.Equal("Får vara högst 200 tecken lång (nu 201).", text.Error(Assert.Single(errors.Failures("company"))));
    }

    [Fact]
    public async Task An_unknown_code_is_shown_with_the_english_message_it_came_with()
    {
        var text = await TextAsync("sv");

        Assert.Equal("Is something new.", text.Error(new ValidationFailure("from_a_newer_api", "Is something new.", [])));
        Assert.Equal("No code at all.", text.Error(new ValidationFailure("", "No code at all.", [])));
    }

    [Fact]
    public async Task A_failed_sign_in_is_described_in_swedish_by_its_code()
    {
        var text = await TextAsync("sv");
        var result = new ApiResult<object>(null, 401, new ProblemDocument { Status = 401, Detail = "The email or password is incorrect.", Code = ValidationCodes.SignInFailed }, null);

        Assert.Equal("E-postadressen eller lösenordet är fel.", text.Describe(result));
    }

    [Fact]
    public async Task A_problem_without_a_code_is_described_by_its_own_words()
    {
        var text = await TextAsync("sv");
        var result = new ApiResult<object>(null, 500, new ProblemDocument { Status = 500, Detail = "Database down." }, null);

        Assert.Equal("Database down.", text.Describe(result));
    }

    [Theory]
    [InlineData("en", "This person asked on 2026-03-04 to have their data erased, so they cannot be added again. Nothing was saved.")]
    [InlineData("sv", "Personen begärde 2026-03-04 att få sina uppgifter raderade och kan därför inte läggas till igen. Inget sparades.")]
    public async Task A_refused_erased_person_is_described_with_the_date_of_the_erasure(string language, string expected)
    {
        var text = await TextAsync(language);
        var problem = new ProblemDocument
        {
            Status = 409,
            Detail = "This person asked to have their data erased (GDPR Art. 17) on 2026-03-04 and cannot be added again.",
            Code = ValidationCodes.ErasedPerson,
            Codes = new() { ["email"] = [ValidationCodes.ErasedPerson] },
            ErasedAt = new DateTimeOffset(2026, 3, 4, 22, 30, 0, TimeSpan.Zero),
        };

        Assert.Equal(expected, text.Describe(new ApiResult<object>(null, 409, problem, null)));
    }

    [Fact]
    public async Task A_refused_erased_person_without_the_date_is_still_described_in_swedish()
    {
        var text = await TextAsync("sv");
        var problem = new ProblemDocument { Status = 409, Detail = "Erased.", Code = ValidationCodes.ErasedPerson };

        Assert.Equal("Personen har begärt att få sina uppgifter raderade och kan därför inte läggas till igen. Inget sparades.",
            text.Describe(new ApiResult<object>(null, 409, problem, null)));
    }

    private async Task<Text> TextAsync(string language)
    {
        await this.AddSignedInExtensionAsync(language);
        return Services.GetRequiredService<Text>();
    }
}
