using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Shared.Tests.Values;

public class PhoneNumberTests
{
    [Fact]
    public void National_number_is_read_in_the_given_region()
    {
        Assert.Equal("+46301234567", PhoneNumber.Parse("030-123 45 67", "SE").Value);
        Assert.Equal("+49301234567", PhoneNumber.Parse("030 1234567", "de").Value);
    }

    [Fact]
    public void Default_region_is_Sweden() =>
        Assert.Equal("+46701234567", PhoneNumber.Parse("070-123 45 67").Value);

    [Fact]
    public void Extension_is_kept_apart_from_the_E164_number()
    {
        var phone = PhoneNumber.Parse("+49 30 1234567 ext. 12");

        Assert.Equal("+49301234567", phone.Value);
        Assert.Equal("12", phone.Extension);
        Assert.Equal(PhoneNumber.Parse("+49 30 1234567"), phone);
    }

    [Fact]
    public void Number_inside_a_sentence_is_refused() =>
        Assert.False(PhoneNumber.TryParse("call 070-123 45 67 today", out _));

    [Theory]
    [InlineData("")]
    [InlineData("Sweden")]
    [InlineData("S1")]
    public void Region_that_is_no_two_letter_code_is_a_programming_error(string region) =>
        Assert.Throws<ArgumentException>(() => PhoneNumber.TryParse("+46 70 123 45 67", region, out _));

    [Fact]
    public void Phone_validation_reads_national_numbers_in_the_given_region()
    {
        var swedish = new ValidationErrors();
        swedish.Phone("phone", "030 1234567", "SE");
        var german = new ValidationErrors();
        german.Phone("phone", "0301 234567", "DE");
        var nowhere = new ValidationErrors();
        nowhere.Phone("phone", "030 12", "DE");

        Assert.True(swedish.IsValid);
        Assert.True(german.IsValid);
        Assert.False(nowhere.IsValid);
    }
}
