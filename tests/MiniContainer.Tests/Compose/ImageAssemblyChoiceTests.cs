using MiniContainer.Compose;
using MiniContainer.Images;

namespace MiniContainer.Tests.Compose;

public sealed class ImageAssemblyChoiceTests
{
    private static readonly RuntimeImageSpec Plain = new RuntimeImageSpec().WithBinary("/tmp/hello");

    [Theory]
    [InlineData(ImageAssembly.Auto)]
    [InlineData(ImageAssembly.Load)]
    public void A_spec_that_runs_nothing_on_a_base_in_the_engine_is_loaded(ImageAssembly requested)
    {
        ImageAssemblyChoice.Choose(requested, Plain, baseInEngine: true).ShouldBe(ImageAssembly.Load);
        ImageAssemblyChoice.Choose(requested, Plain.OnScratch(), baseInEngine: true).ShouldBe(ImageAssembly.Load);
    }

    [Fact]
    public void Auto_builds_from_the_Dockerfile_when_apk_must_run_or_the_base_must_be_pulled()
    {
        ImageAssemblyChoice.Choose(ImageAssembly.Auto, Plain.WithApkCaCertificates(), baseInEngine: true).ShouldBe(ImageAssembly.DockerfileBuild);
        ImageAssemblyChoice.Choose(ImageAssembly.Auto, Plain, baseInEngine: false).ShouldBe(ImageAssembly.DockerfileBuild);
    }

    [Fact]
    public void The_Dockerfile_build_is_kept_when_asked_for_even_when_the_image_could_be_loaded()
    {
        ImageAssemblyChoice.Choose(ImageAssembly.DockerfileBuild, Plain, baseInEngine: true).ShouldBe(ImageAssembly.DockerfileBuild);
    }

    [Fact]
    public void Asking_to_load_what_cannot_be_loaded_says_why_and_what_to_do()
    {
        var apk = Should.Throw<InvalidRuntimeImageSpecException>(() => ImageAssemblyChoice.Choose(ImageAssembly.Load, Plain.WithApkCaCertificates(), baseInEngine: true));
        var missingBase = Should.Throw<InvalidRuntimeImageSpecException>(() => ImageAssemblyChoice.Choose(ImageAssembly.Load, Plain.WithBaseImage("example/base:1"), baseInEngine: false));

        apk.Message.ShouldContain("apk add ca-certificates");
        apk.Message.ShouldContain("CaCertificatesStep");
        missingBase.Message.ShouldContain("example/base:1 is not in the engine: pull it first");
        missingBase.Message.ShouldContain("ImageAssembly.DockerfileBuild");
    }
}
