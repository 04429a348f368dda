using MiniContainer.Images;

namespace MiniContainer.Tests.Images;

public sealed class RuntimeImageSpecValidatorTests : IDisposable
{
    private readonly string _binary = Path.GetTempFileName();

    public void Dispose() => File.Delete(_binary);

    [Fact]
    public void A_spec_with_an_existing_binary_is_valid() =>
        Should.NotThrow(() => RuntimeImageSpecValidator.Validate(new RuntimeImageSpec().WithBinary(_binary, "hello")));

    [Fact]
    public void No_binary_is_refused() =>
        Should.Throw<InvalidRuntimeImageSpecException>(() => RuntimeImageSpecValidator.Validate(new RuntimeImageSpec())).Message.ShouldContain("no binary");

    [Fact]
    public void A_named_user_on_scratch_is_refused_because_scratch_has_no_passwd() =>
        Should.Throw<InvalidRuntimeImageSpecException>(() => RuntimeImageSpecValidator.Validate(new RuntimeImageSpec().WithBinary(_binary).OnScratch().WithUser("app")))
            .Message.ShouldContain("/etc/passwd");

    [Fact]
    public void Apk_on_scratch_is_refused() =>
        Should.Throw<InvalidRuntimeImageSpecException>(() => RuntimeImageSpecValidator.Validate(new RuntimeImageSpec().WithBinary(_binary).OnScratch().WithApkCaCertificates()))
            .Message.ShouldContain("Alpine");

    [Fact]
    public void A_missing_binary_names_the_file() =>
        Should.Throw<InvalidRuntimeImageSpecException>(() => RuntimeImageSpecValidator.Validate(new RuntimeImageSpec().WithBinary("/nowhere/hello")))
            .Message.ShouldContain("/nowhere/hello");

    [Fact]
    public void An_invalid_base_image_name_names_the_repository_part() =>
        Should.Throw<InvalidImageReferenceException>(() => RuntimeImageSpecValidator.Validate(new RuntimeImageSpec().WithBinary(_binary).WithBaseImage("Alpine Linux")))
            .Part.ShouldBe("repository");

    [Fact]
    public void Two_binaries_with_one_name_are_refused() =>
        Should.Throw<InvalidRuntimeImageSpecException>(() => RuntimeImageSpecValidator.Validate(new RuntimeImageSpec().WithBinary(_binary, "x").WithBinary(_binary, "x")))
            .Message.ShouldContain("'x'");

    [Fact]
    public void A_port_out_of_range_is_refused() =>
        Should.Throw<InvalidRuntimeImageSpecException>(() => RuntimeImageSpecValidator.Validate(new RuntimeImageSpec().WithBinary(_binary).WithExposedPort(70000)))
            .Message.ShouldContain("70000/tcp");
}
