using MiniContainer.Sbom;

namespace MiniContainer.Tests.Sbom;

public sealed class GoModuleChecksumTests
{
    [Fact]
    public void An_h1_sum_becomes_the_hex_of_its_sha256()
    {
        // golang.org/x/text v0.3.7's go.sum line.
        GoModuleChecksum.ToSha256Hex("h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=")
            .ShouldBe("a25a70bcfd8a69c5b5656bec47bb90868c9362f280ba97d0ad118114cdf9d869");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("h2:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=")]
    [InlineData("h1:not-base64")]
    [InlineData("h1:AAAA")]
    public void Anything_but_a_well_formed_h1_sum_gives_no_checksum(string? sum)
    {
        GoModuleChecksum.ToSha256Hex(sum).ShouldBeNull();
    }
}
