using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>
/// --output-format through the real Cake.Tool (#18 "Outputs"): the engine, an OCI layout and a docker-archive in any combination,
/// whatever compiled the binary; what is written is read back with docker and skopeo, what is not is looked for and absent.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class OutputFormatRecipeTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly string Tag = $"fmt-{ImageCleanup.RunId}";

    private static readonly Dictionary<string, string> Credentials = new()
    {
        ["MINICONTAINER_REGISTRY_USERNAME"] = RegistryFixture.Username,
        ["MINICONTAINER_REGISTRY_PASSWORD"] = RegistryFixture.Password,
    };

    [EngineFact]
    public void Engine_and_oci_put_the_image_in_the_engine_where_it_is_smoke_tested_and_pushed_from_and_write_the_layout_but_no_archive()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        try
        {
            var run = repository.BuildSh(Credentials, "Publish", "--engine=docker", $"--builder-image={TestBed.BuilderImage}", "--base-image=scratch",
                "--output-format=engine,oci", $"--image-tag={Tag}", $"--registry={registry.Address}");

            run.ExitCode.ShouldBe(0, run.Output);
            Docker("image", "inspect", "--format", "{{.Id}}", $"hello:{Tag}").ExitCode.ShouldBe(0, "the engine has the image");
            var layout = Path.Combine(repository.Artifacts, "oci", "hello");
            var fromLayout = ProcessRunner.Run("skopeo", ["inspect", "--format", "{{.Digest}}", $"oci:{layout}:{Tag}"]);
            fromLayout.ExitCode.ShouldBe(0, fromLayout.StandardError);
            fromLayout.StandardOutput.Trim().ShouldStartWith("sha256:");
            File.Exists(Path.Combine(repository.Artifacts, "hello.docker.tar")).ShouldBeFalse("docker-archive was not asked for");
            File.ReadAllText(Path.Combine(repository.Artifacts, "image", "images.txt")).ShouldBe($"hello hello:{Tag} engine oci:{layout}\n");
            run.StandardOutput.ShouldNotContain("SmokeTest skipped");
            // The engine's image is the layout's (same config, so same ID): the layout is pushed with the registry API, under its own digest.
            run.StandardOutput.ShouldContain($"Publish (daemonless): pushing {fromLayout.StandardOutput.Trim()}");
            run.StandardOutput.ShouldNotContain($"Publish: pushing hello:{Tag}");
            registry.DigestBySkopeo("hello", Tag).ShouldBe(fromLayout.StandardOutput.Trim());
            registry.DigestBySkopeo("hello", Tag).ShouldBe(File.ReadAllText(Path.Combine(repository.Artifacts, "image", "hello.digest")).Trim());
        }
        finally
        {
            Docker("rmi", $"hello:{Tag}");
        }
    }

    [EngineFact]
    public void Docker_archive_alone_after_a_builder_container_compile_writes_only_the_archive_which_loads_skips_the_smoke_test_and_refuses_a_push_naming_the_argument()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var reference = $"hello:{Tag}-archive";
        try
        {
            // Publish: SmokeTest has nothing in the engine to run, and PublishImage nothing it can push.
            var run = repository.BuildSh(null, "Publish", "--engine=docker", $"--builder-image={TestBed.BuilderImage}", "--base-image=scratch",
                "--output-format=docker-archive", $"--image-tag={Tag}-archive", $"--registry={registry.Address}");

            run.ExitCode.ShouldNotBe(0);
            var archive = Path.Combine(repository.Artifacts, "hello.docker.tar");
            run.StandardOutput.ShouldContain($"SmokeTest skipped: {reference} was composed without a Docker Engine (a docker-archive, {archive})");
            run.Output.ShouldContain($"PublishImage cannot push {reference}: it was written only as a docker-archive ({archive}), and a push needs the image in the engine or an OCI layout. " +
                                     "Compose it with --output-format=engine or oci");
            run.Output.ShouldNotContain("   at ");
            Directory.Exists(Path.Combine(repository.Artifacts, "oci")).ShouldBeFalse("oci was not asked for");
            Docker("image", "inspect", reference).ExitCode.ShouldNotBe(0, "engine was not asked for: the engine compiled the binary but holds no image");
            var load = Docker("load", "-i", archive);
            load.ExitCode.ShouldBe(0, load.StandardError);
            var started = Docker("run", "--rm", "--network", "none", reference, "-version");
            started.ExitCode.ShouldBe(0, started.StandardError);
            started.StandardOutput.ShouldStartWith("hello 1.0.0 (go1.");
        }
        finally
        {
            Docker("rmi", reference);
        }
    }

    [EngineFact]
    public void Engine_and_oci_on_a_base_only_the_engine_has_write_the_layout_on_the_engine_copy_of_that_base()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        try
        {
            var run = repository.BuildSh(null, ["ComposeImage", "--engine=docker", .. ConsumerRepository.TestImages, "--output-format=engine,oci", $"--image-tag={Tag}-base"]);

            run.ExitCode.ShouldBe(0, run.Output);
            run.StandardOutput.ShouldContain($"the base {TestBed.AlpineImage} for the images written without the engine is the engine's own");
            var layout = Path.Combine(repository.Artifacts, "oci", "hello");
            var config = ProcessRunner.Run("skopeo", ["inspect", "--config", $"oci:{layout}:{Tag}-base"]);
            config.ExitCode.ShouldBe(0, config.StandardError);
            using var json = System.Text.Json.JsonDocument.Parse(config.StandardOutput);
            var baseLayer = Docker("image", "inspect", "--format", "{{index .RootFS.Layers 0}}", TestBed.AlpineImage).StandardOutput.Trim();
            json.RootElement.GetProperty("rootfs").GetProperty("diff_ids")[0].GetString().ShouldBe(baseLayer);
            Docker("image", "inspect", $"hello:{Tag}-base").ExitCode.ShouldBe(0, "the engine has the image");
        }
        finally
        {
            Docker("rmi", $"hello:{Tag}-base");
        }
    }

    [EngineFact]
    public void Engine_alone_writes_no_layout_and_no_archive()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        try
        {
            var run = repository.BuildSh(null, "ComposeImage", "--engine=docker", $"--builder-image={TestBed.BuilderImage}", "--base-image=scratch",
                "--output-format=engine", $"--image-tag={Tag}-engine");

            run.ExitCode.ShouldBe(0, run.Output);
            Docker("image", "inspect", $"hello:{Tag}-engine").ExitCode.ShouldBe(0, "the engine has the image");
            Directory.Exists(Path.Combine(repository.Artifacts, "oci")).ShouldBeFalse();
            File.Exists(Path.Combine(repository.Artifacts, "hello.docker.tar")).ShouldBeFalse();
            File.ReadAllText(Path.Combine(repository.Artifacts, "image", "images.txt")).ShouldBe($"hello hello:{Tag}-engine\n");
        }
        finally
        {
            Docker("rmi", $"hello:{Tag}-engine");
        }
    }

    [Fact]
    public void The_engine_format_with_engine_none_stops_the_build_in_one_line_naming_both()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = repository.BuildSh(null, "ComposeImage", "--engine=none", "--output-format=engine,oci");

        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("--output-format=engine,oci: 'engine,oci' puts the image in the Docker Engine, but --engine=none uses no engine");
        run.Output.ShouldNotContain("   at ");
    }

    private static ProcessRunner.Result Docker(params string[] arguments) => ProcessRunner.Run("docker", arguments);
}
