using MiniContainer.Go;
using MiniContainer.Pipeline;

namespace MiniContainer.Tests.Pipeline;

/// <summary>--output-format: any of engine, oci and docker-archive; a combination the run cannot make names the argument and what is allowed.</summary>
public class OutputFormatSettingsTests
{
    private static readonly GoModule Hello = new("/repo", "example.com/hello", "1.21", null, false);

    private static PipelineSettings Resolve(PipelineScript? script = null, Dictionary<string, string>? arguments = null, Dictionary<string, string>? environment = null) =>
        PipelineSettingsResolver.Resolve(script ?? new PipelineScript(), new DictionaryArgumentSource(arguments ?? []),
            name => environment?.GetValueOrDefault(name), "/repo", _ => false, _ => Hello);

    private static string Refused(Dictionary<string, string> arguments)
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments: arguments));
        error.Argument.ShouldBe(PipelineArguments.OutputFormat);
        return error.Message;
    }

    [Fact]
    public void Not_given_leaves_the_choice_to_the_engine()
    {
        Resolve().OutputFormats.ShouldBeNull();
    }

    [Fact]
    public void Any_combination_is_read_from_the_argument_the_environment_or_the_script()
    {
        Resolve(arguments: new() { ["output-format"] = "engine, OCI" }).OutputFormats.ShouldBe(ImageOutputFormats.Engine | ImageOutputFormats.Oci);
        Resolve(arguments: new() { ["output-format"] = "docker-archive" }).OutputFormats.ShouldBe(ImageOutputFormats.DockerArchive);
        Resolve(new PipelineScript { OutputFormats = ["oci", "docker-archive"] }).OutputFormats.ShouldBe(ImageOutputFormats.Oci | ImageOutputFormats.DockerArchive);
        Resolve(new PipelineScript { OutputFormats = ["oci"] }, environment: new() { ["MINICONTAINER_OUTPUT_FORMAT"] = "engine,docker-archive" })
            .OutputFormats.ShouldBe(ImageOutputFormats.Engine | ImageOutputFormats.DockerArchive);
    }

    [Fact]
    public void An_unknown_format_names_the_argument_and_the_formats()
    {
        Refused(new() { ["output-format"] = "engine,tarball" })
            .ShouldBe("--output-format=engine,tarball: 'tarball' is not an output format; use engine, oci or docker-archive, comma-separated (e.g. engine,oci).");
    }

    [Fact]
    public void The_engine_format_with_no_engine_is_one_error_naming_both_ways_out()
    {
        Refused(new() { ["output-format"] = "engine,oci", ["engine"] = "none" })
            .ShouldBe("--output-format=engine,oci: 'engine,oci' puts the image in the Docker Engine, but --engine=none uses no engine: drop engine (oci, docker-archive are written without one), or give --engine=auto or docker.");
    }

    [Fact]
    public void Several_platforms_take_no_engine_format_and_need_oci()
    {
        Refused(new() { ["output-format"] = "engine,oci", ["platforms"] = "linux/amd64,linux/arm64" }).ShouldContain("several --platforms are composed as an OCI image index");
        Refused(new() { ["output-format"] = "docker-archive", ["platforms"] = "linux/amd64,linux/arm64" })
            .ShouldBe("--output-format=docker-archive: 'docker-archive' has no oci, but several --platforms are composed as an OCI image index, which is an OCI layout: add oci.");
        Resolve(arguments: new() { ["output-format"] = "oci", ["platforms"] = "linux/amd64,linux/arm64" }).OutputFormats.ShouldBe(ImageOutputFormats.Oci);
    }
}

/// <summary>The image list records where each image is, so SmokeTest and PublishImage pick the engine or the disk.</summary>
public class ImageListPlacesTests
{
    [Fact]
    public void An_image_in_the_engine_and_a_layout_reads_back_as_both()
    {
        var entry = new ImageListEntry("api", "api:dev", "/out/oci/my api") { AlsoInEngine = true };

        entry.ToLine().ShouldBe("api api:dev engine oci:/out/oci/my api");
        var read = ImageListEntry.Parse(entry.ToLine());
        read.ShouldBe(entry);
        read.InEngine.ShouldBeTrue();
        read.Layout.ShouldBe("/out/oci/my api");
    }

    [Fact]
    public void A_docker_archive_alone_is_not_in_the_engine_and_has_no_layout()
    {
        var entry = new ImageListEntry("api", "api:dev") { Archive = "/out/my api.docker.tar" };

        entry.ToLine().ShouldBe("api api:dev docker-archive:/out/my api.docker.tar");
        var read = ImageListEntry.Parse(entry.ToLine());
        read.ShouldBe(entry);
        read.InEngine.ShouldBeFalse();
        read.Layout.ShouldBeNull();
    }

    [Fact]
    public void The_lines_of_earlier_lists_read_as_before()
    {
        ImageListEntry.Parse("api api:dev").InEngine.ShouldBeTrue();
        var layout = ImageListEntry.Parse("api api:dev oci:/out/oci/api");
        layout.InEngine.ShouldBeFalse();
        layout.Layout.ShouldBe("/out/oci/api");
        Should.Throw<MiniContainerException>(() => ImageListEntry.Parse("api api:dev tarball:/out/x"));
    }
}
