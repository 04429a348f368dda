using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Go;
using MiniContainer.Oci;

namespace MiniContainer.Tests.Compose.MultiPlatform;

public sealed class TargetPlatformsTests
{
    [Fact]
    public void A_comma_separated_list_keeps_its_order_and_gives_arm64_its_v8_variant()
    {
        TargetPlatforms.Parse("linux/amd64, linux/arm64").Select(p => p.ToString()).ShouldBe(["linux/amd64", "linux/arm64/v8"]);
    }

    [Theory]
    [InlineData("", "names no platform")]
    [InlineData("linux", "os/architecture")]
    [InlineData("windows/amd64", "not a Linux platform")]
    [InlineData("linux/x86_64", "GOARCH name")]
    [InlineData("linux/amd64,linux/amd64", "twice")]
    [InlineData("linux/amd64 linux/arm64", "'linux/amd64 linux/arm64' holds a space: separate platforms with commas")]
    public void A_list_that_cannot_be_built_says_why(string list, string reason)
    {
        Should.Throw<InvalidPlatformListException>(() => TargetPlatforms.Parse(list)).Message.ShouldContain(reason);
    }

    [Fact]
    public void Arm_variants_set_goarm()
    {
        TargetPlatforms.GoTarget(new OciPlatform("linux", "arm", "v6")).ShouldBe(("arm", "6"));
        TargetPlatforms.GoTarget(new OciPlatform("linux", "arm64", "v8")).ShouldBe(("arm64", (string?)null));
    }

    [Fact]
    public void With_cgo_off_a_foreign_architecture_needs_no_c_compiler()
    {
        var options = PlatformBuildOptions.For(new GoBuildOptions { Cgo = false }, new OciPlatform("linux", "arm64", "v8"), new Dictionary<string, string>(), hostGoArch: "amd64");

        options.GoArch.ShouldBe("arm64");
        options.GoOs.ShouldBe("linux");
        options.CCompiler.ShouldBeNull();
    }

    [Fact]
    public void With_cgo_on_a_foreign_architecture_without_a_cross_compiler_is_an_error_that_says_what_to_do()
    {
        var error = Should.Throw<CrossCompilerRequiredException>(() =>
            PlatformBuildOptions.For(new GoBuildOptions { Cgo = true }, new OciPlatform("linux", "arm64", "v8"), new Dictionary<string, string>(), hostGoArch: "amd64"));

        error.GoArch.ShouldBe("arm64");
        error.Message.ShouldContain("aarch64-linux-musl-gcc");
        error.Message.ShouldContain("CGO_ENABLED=0");
        error.ShouldBeAssignableTo<MiniContainerException>();
    }

    [Fact]
    public void With_cgo_on_the_named_cross_compiler_is_used_for_its_architecture_only()
    {
        var compilers = new Dictionary<string, string> { ["arm64"] = "aarch64-linux-musl-gcc" };
        var cgo = new GoBuildOptions { Cgo = true, CCompiler = "musl-gcc" };

        PlatformBuildOptions.For(cgo, new OciPlatform("linux", "arm64", "v8"), compilers, "amd64").CCompiler.ShouldBe("aarch64-linux-musl-gcc");
        PlatformBuildOptions.For(cgo, new OciPlatform("linux", "amd64"), compilers, "amd64").CCompiler.ShouldBe("musl-gcc");
    }

    [Fact]
    public void The_engine_path_refuses_several_platforms_and_points_to_the_daemonless_one()
    {
        Should.NotThrow(() => EngineCannotHoldPlatformsException.ThrowIfSeveral(["linux/amd64"]));
        Should.Throw<EngineCannotHoldPlatformsException>(() => EngineCannotHoldPlatformsException.ThrowIfSeveral(["linux/amd64", "linux/arm64"]))
            .Message.ShouldContain("MultiPlatformImageStep");
    }
}
