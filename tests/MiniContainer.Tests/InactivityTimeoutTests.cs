using Shouldly;
using Xunit;

namespace MiniContainer.Tests;

public sealed class InactivityTimeoutTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData(" 5m ", 300)]
    [InlineData("1h", 3600)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5m", 90)]
    public void Seconds_or_a_number_with_a_unit_give_that_duration(string text, double seconds) =>
        InactivityTimeout.Parse(text).TotalSeconds.ShouldBe(seconds);

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("5d")]
    [InlineData("90000000")]
    public void Anything_else_is_refused_saying_what_is_accepted(string text) =>
        Should.Throw<FormatException>(() => InactivityTimeout.Parse(text)).Message.ShouldContain("give seconds (90)");
}
