using MiniContainer.Go.Builders;

namespace MiniContainer.Tests.Go.Builders;

/// <summary>The engine's RFC 3339 times carry nanoseconds; .NET parses seven fraction digits.</summary>
public sealed class EngineTimeTests
{
    [Theory]
    [InlineData("2026-12-01T06:00:00.123456789Z", "2026-12-01T06:00:00.1234567+00:00")]
    [InlineData("2026-12-01T06:00:00.1234567Z", "2026-12-01T06:00:00.1234567+00:00")]
    [InlineData("2026-12-01T06:00:00.5Z", "2026-12-01T06:00:00.5000000+00:00")]
    [InlineData("2026-12-01T06:00:00Z", "2026-12-01T06:00:00.0000000+00:00")]
    [InlineData("2026-12-01T07:00:00.987654321+01:00", "2026-12-01T07:00:00.9876543+01:00")]
    public void Nanoseconds_are_cut_to_what_DateTimeOffset_holds(string engine, string expected) =>
        WarmBuilderContainer.ParseEngineTime(engine)!.Value.ToString("o").ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a time")]
    public void What_is_not_a_time_is_null(string? engine) =>
        WarmBuilderContainer.ParseEngineTime(engine).ShouldBeNull();
}
