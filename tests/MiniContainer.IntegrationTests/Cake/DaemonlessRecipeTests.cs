using System.Text.Json;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>
/// The recipe without a Docker Engine (this machine's Go and musl-gcc, the image written as an OCI layout
/// and a docker-archive, pushed with the registry API), for several platforms at once, and the SBOM and
/// provenance labels on the engine path: real Cake.Tool through hello's build.sh, read back by skopeo and docker.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DaemonlessRecipeTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly Dictionary<string, string> Credentials = new()
    {
        ["MINICONTAINER_REGISTRY_USERNAME"] = RegistryFixture.Username,
        ["MINICONTAINER_REGISTRY_PASSWORD"] = RegistryFixture.Password,
    };

    [EngineFact]
    public void With_no_engine_reachable_Publish_writes_a_layout_and_an_archive_pushes_the_same_digest_and_says_the_smoke_test_was_skipped()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var baseArchive = Path.Combine(repository.Directory, "base.tar");
        ProcessRunner.Run("docker", ["save", "-o", baseArchive, TestBed.AlpineImage]).ExitCode.ShouldBe(0);
        var noEngine = new Dictionary<string, string>(Credentials) { ["DOCKER_HOST"] = "unix:///nonexistent.sock" };

        var run = repository.BuildSh(noEngine, "Publish", $"--base-image=docker-archive:{baseArchive}", $"--registry={registry.Address}", "--image-tag=local");

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("No Docker Engine answers at unix:///nonexistent.sock");
        var layout = Path.Combine(repository.Artifacts, "oci", "hello");
        var archive = Path.Combine(repository.Artifacts, "hello.docker.tar");
        File.Exists(archive).ShouldBeTrue(run.StandardOutput);
        var fromLayout = ProcessRunner.Run("skopeo", ["inspect", "--format", "{{.Digest}}", $"oci:{layout}:local"]);
        fromLayout.ExitCode.ShouldBe(0, fromLayout.StandardError);
        var digest = File.ReadAllText(Path.Combine(repository.Artifacts, "image", "hello.digest")).Trim();
        fromLayout.StandardOutput.Trim().ShouldBe(digest);
        registry.DigestBySkopeo("hello", "local").ShouldBe(digest);
        File.Exists(Path.Combine(repository.Artifacts, "sbom", $"hello-linux-{HostMachine.GoArch}.spdx.json")).ShouldBeTrue();
        run.StandardOutput.ShouldContain("SmokeTest skipped: hello:local was composed without a Docker Engine");
        run.StandardOutput.ShouldMatch(@"Skipped:\s+SmokeTest: hello:local");
        run.Output.ShouldNotContain(RegistryFixture.Password);

        // The real engine, in the test only: the archive loads and its binary runs on the docker-archive base.
        var load = ProcessRunner.Run("docker", ["load", "-i", archive]);
        load.ExitCode.ShouldBe(0, load.StandardError);
        var started = ProcessRunner.Run("docker", ["run", "--rm", "--network", "none", "hello:local", "-version"]);
        started.ExitCode.ShouldBe(0, started.StandardError);
        started.StandardOutput.ShouldStartWith("hello 1.0.0 (go1.");
        ProcessRunner.Run("docker", ["rmi", "hello:local"]);
    }

    [Fact]
    public void Several_platforms_with_cgo_off_push_one_index_over_both_under_each_tag_with_an_sbom_each()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = repository.BuildSh(Credentials, "Publish", "--engine=none", "--base-image=scratch", "--platforms=linux/amd64,linux/arm64", "--cgo=false",
            $"--registry={registry.Address}", "--image-tag=multi,multi-again");

        run.ExitCode.ShouldBe(0, run.Output);
        var raw = ProcessRunner.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", "--creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}", $"docker://{registry.Address}/hello:multi"]);
        raw.ExitCode.ShouldBe(0, raw.StandardError);
        using var index = JsonDocument.Parse(raw.StandardOutput);
        index.RootElement.GetProperty("mediaType").GetString().ShouldBe("application/vnd.oci.image.index.v1+json");
        index.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("platform").GetProperty("architecture").GetString())
            .ShouldBe(["amd64", "arm64"]);
        var digest = File.ReadAllText(Path.Combine(repository.Artifacts, "image", "hello.digest")).Trim();
        registry.DigestBySkopeo("hello", "multi").ShouldBe(digest);
        registry.DigestBySkopeo("hello", "multi-again").ShouldBe(digest, "every tag names the one index");
        Directory.GetFiles(Path.Combine(repository.Artifacts, "sbom")).Select(Path.GetFileName).Order()
            .ShouldBe(["hello-linux-amd64.spdx.json", "hello-linux-arm64-v8.spdx.json"]);
        run.StandardOutput.ShouldContain("SmokeTest skipped: hello:multi");
    }

    [EngineFact]
    public void A_single_platform_engine_build_writes_the_sbom_labels_the_image_with_its_provenance_and_attaches_the_sbom_on_push()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = repository.BuildSh(Credentials, ["Publish", "--engine=docker", "--smoke-test=false", .. ConsumerRepository.TestImages, "--image-tag=labelled",
            "--source-url=https://example.com/hello.git", $"--registry={registry.Address}"]);

        run.ExitCode.ShouldBe(0, run.Output);
        var sbom = Path.Combine(repository.Artifacts, "sbom", $"hello-linux-{HostMachine.GoArch}.spdx.json");
        File.Exists(sbom).ShouldBeTrue(run.StandardOutput);
        using (var document = JsonDocument.Parse(File.ReadAllText(sbom)))
            document.RootElement.GetProperty("spdxVersion").GetString().ShouldBe("SPDX-2.3");
        var inspect = ProcessRunner.Run("docker", ["image", "inspect", "--format", "{{json .Config.Labels}}", "hello:labelled"]);
        inspect.ExitCode.ShouldBe(0, inspect.StandardError);
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(inspect.StandardOutput)!;
        labels["org.opencontainers.image.source"].ShouldBe("https://example.com/hello.git");
        labels["dev.minicontainer.go.version"].ShouldStartWith("go1.");
        labels["dev.minicontainer.go.build-flags"].ShouldContain("-trimpath");
        labels["dev.minicontainer.go.build-flags"].ShouldContain("-X main.version=1.0.0");
        var digest = File.ReadAllText(Path.Combine(repository.Artifacts, "image", "hello.digest")).Trim();
        var referrers = ProcessRunner.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", "--creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}",
            $"docker://{registry.Address}/hello:sha256-{digest["sha256:".Length..]}"]);
        referrers.ExitCode.ShouldBe(0, referrers.StandardError);
        referrers.StandardOutput.ShouldContain("application/spdx+json");
        ProcessRunner.Run("docker", ["rmi", "hello:labelled"]);
    }

}
