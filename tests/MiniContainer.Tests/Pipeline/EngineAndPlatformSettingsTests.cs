using MiniContainer.Pipeline;
using MiniContainer.Go;
using MiniContainer.Certificates;
using MiniContainer.Compose;

namespace MiniContainer.Tests.Pipeline;

/// <summary>--engine, --image-assembly, --platforms, --cross-cc, --sbom, --source-url and --ca-bundle=host, resolved like every other setting.</summary>
public class EngineAndPlatformSettingsTests
{
    private static readonly GoModule Hello = new("/repo", "example.com/hello", "1.21", null, false);

    private static PipelineSettings Resolve(PipelineScript? script = null, Dictionary<string, string>? arguments = null,
        Dictionary<string, string>? environment = null, params string[] existingFiles) =>
        PipelineSettingsResolver.Resolve(script ?? new PipelineScript(), new DictionaryArgumentSource(arguments ?? []),
            name => environment?.GetValueOrDefault(name), "/repo", existingFiles.Contains, _ => Hello);

    [Fact]
    public void The_defaults_are_auto_one_platform_an_sbom_and_the_ca_bundle_left_to_the_engine_choice()
    {
        var settings = Resolve();

        settings.Engine.ShouldBe(EngineChoice.Auto);
        settings.Platforms.ShouldBeEmpty();
        settings.IsMultiPlatform.ShouldBeFalse();
        settings.Platform.Os.ShouldBe("linux");
        settings.Sbom.ShouldBeTrue();
        settings.CaBundleIsDefault.ShouldBeTrue();
        settings.SourceUrl.ShouldBeNull();
    }

    [Fact]
    public void The_engine_argument_wins_over_the_environment_which_wins_over_the_script()
    {
        Resolve(new PipelineScript { Engine = "docker" }).Engine.ShouldBe(EngineChoice.Docker);
        Resolve(new PipelineScript { Engine = "docker" }, environment: new() { ["MINICONTAINER_ENGINE"] = "none" }).Engine.ShouldBe(EngineChoice.None);
        Resolve(environment: new() { ["MINICONTAINER_ENGINE"] = "none" }, arguments: new() { ["engine"] = "auto" }).Engine.ShouldBe(EngineChoice.Auto);
    }

    [Fact]
    public void An_unknown_engine_names_the_argument_and_the_choices()
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["engine"] = "podman" }));

        error.Message.ShouldBe("--engine=podman: 'podman' is not an engine choice; use auto (the Docker Engine when one answers), docker, or none.");
    }

    [Fact]
    public void The_image_assembly_is_auto_unless_an_argument_the_environment_or_the_script_names_load_or_dockerfile()
    {
        Resolve().ImageAssembly.ShouldBe(ImageAssembly.Auto);
        Resolve(new PipelineScript { ImageAssembly = "dockerfile" }).ImageAssembly.ShouldBe(ImageAssembly.DockerfileBuild);
        Resolve(new PipelineScript { ImageAssembly = "dockerfile" }, environment: new() { ["MINICONTAINER_IMAGE_ASSEMBLY"] = "load" }).ImageAssembly.ShouldBe(ImageAssembly.Load);
        Resolve(environment: new() { ["MINICONTAINER_IMAGE_ASSEMBLY"] = "load" }, arguments: new() { ["image-assembly"] = "Auto" }).ImageAssembly.ShouldBe(ImageAssembly.Auto);
    }

    [Fact]
    public void An_unknown_image_assembly_names_the_argument_and_the_choices()
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["image-assembly"] = "buildkit" }));

        error.Message.ShouldBe("--image-assembly=buildkit: 'buildkit' is not an image assembly; use auto, load (written here and loaded into the engine) or dockerfile (the engine's build).");
    }

    [Fact]
    public void Two_platforms_make_a_multi_platform_build_with_arm64_as_v8()
    {
        var settings = Resolve(arguments: new() { ["platforms"] = "linux/amd64, linux/arm64" });

        settings.IsMultiPlatform.ShouldBeTrue();
        settings.Platforms.Select(p => p.ToString()).ShouldBe(["linux/amd64", "linux/arm64/v8"]);
        settings.GoArch.ShouldBeNull();
    }

    [Fact]
    public void One_platform_sets_goarch_and_stays_on_the_single_image_path()
    {
        var settings = Resolve(new PipelineScript { Platforms = ["linux/arm64"] });

        settings.IsMultiPlatform.ShouldBeFalse();
        settings.GoArch.ShouldBe("arm64");
        settings.Platform.ToString().ShouldBe("linux/arm64/v8");
    }

    [Fact]
    public void Several_platforms_with_engine_docker_are_refused_saying_the_engine_holds_one_platform_per_tag()
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["platforms"] = "linux/amd64,linux/arm64", ["engine"] = "docker" }));

        error.Message.ShouldContain("--platforms=linux/amd64,linux/arm64");
        error.Message.ShouldContain("one platform per tag");
        error.Message.ShouldContain("--engine=auto or none");
    }

    [Fact]
    public void A_platform_list_that_disagrees_with_goarch_or_is_not_linux_names_the_argument()
    {
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["platforms"] = "linux/arm64", ["goarch"] = "amd64" }))
            .Message.ShouldContain("--goarch=amd64 names amd64");
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["platforms"] = "windows/amd64" }))
            .Message.ShouldStartWith("--platforms=windows/amd64: ");
    }

    [Fact]
    public void Platforms_separated_by_spaces_get_one_message_that_quotes_the_list_once_and_asks_for_commas()
    {
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["platforms"] = "linux/amd64 linux/arm64" })).Message
            .ShouldBe("--platforms=linux/amd64 linux/arm64: 'linux/amd64 linux/arm64' holds a space: separate platforms with commas, e.g. linux/amd64,linux/arm64.");
    }

    [Fact]
    public void Cross_compilers_are_read_as_goarch_equals_cc_and_checked()
    {
        Resolve(arguments: new() { ["cross-cc"] = "arm64=aarch64-linux-musl-gcc,arm=arm-linux-musleabihf-gcc" }).CrossCompilers
            .ShouldBe(new Dictionary<string, string> { ["arm64"] = "aarch64-linux-musl-gcc", ["arm"] = "arm-linux-musleabihf-gcc" });
        Resolve(new PipelineScript { CrossCompilers = { ["arm64"] = "cc-from-script" } }).CrossCompilers["arm64"].ShouldBe("cc-from-script");
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["cross-cc"] = "aarch64-linux-musl-gcc" }))
            .Message.ShouldContain("is not <goarch>=<C compiler>");
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["cross-cc"] = "aarch64=gcc" }))
            .Message.ShouldContain("'aarch64', which is not a GOARCH");
    }

    [Fact]
    public void Sbom_and_source_url_resolve_from_argument_environment_and_script()
    {
        Resolve(new PipelineScript { Sbom = false }).Sbom.ShouldBeFalse();
        Resolve(new PipelineScript { Sbom = false }, arguments: new() { ["sbom"] = "true" }).Sbom.ShouldBeTrue();
        Resolve(new PipelineScript { SourceUrl = "https://script" }, environment: new() { ["MINICONTAINER_SOURCE_URL"] = "https://env" }).SourceUrl.ShouldBe("https://env");
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["sbom"] = "maybe" })).Message.ShouldContain("is not a boolean");
    }

    [Fact]
    public void Ca_bundle_host_is_the_first_bundle_this_machine_has_and_a_given_bundle_is_not_the_default()
    {
        var settings = Resolve(null, new() { ["ca-bundle"] = "host" }, null, "/etc/pki/tls/certs/ca-bundle.crt");

        settings.CaBundleSource.ShouldBe(CaBundleSource.File);
        settings.CaBundleFile.ShouldBe("/etc/pki/tls/certs/ca-bundle.crt");
        settings.CaBundleIsDefault.ShouldBeFalse();
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["ca-bundle"] = "host" })).Message.ShouldContain("install ca-certificates");
    }

    [Fact]
    public void A_base_image_on_disk_is_accepted_for_the_daemonless_path()
    {
        Resolve(arguments: new() { ["base-image"] = "docker-archive:/tmp/base.tar" }).BaseImage.ShouldBe("docker-archive:/tmp/base.tar");
        Resolve(arguments: new() { ["base-image"] = "oci:/tmp/base:3.20" }).BaseImage.ShouldBe("oci:/tmp/base:3.20");
    }
}
