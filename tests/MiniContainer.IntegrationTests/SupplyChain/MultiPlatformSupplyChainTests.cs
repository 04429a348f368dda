using System.Text.Json;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Sbom;
using MiniContainer.Tests.Sbom;
using MiniContainer.Verify;

namespace MiniContainer.IntegrationTests.SupplyChain;

/// <summary>One run builds linux/amd64 and linux/arm64, an index over them, an SBOM per image; skopeo, go version -m, the SPDX schema and qemu check it.</summary>
public sealed class MultiPlatformSupplyChainTests(SupplyChainBuild build) : IClassFixture<SupplyChainBuild>
{
    private string Reference(string tagOrDigest) =>
        $"docker://{build.Registry.Address}/{SupplyChainBuild.Repository}{(tagOrDigest.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":")}{tagOrDigest}";

    private static JsonElement Skopeo(params string[] arguments)
    {
        var result = ProcessRunner.Run("skopeo", [.. arguments]);
        result.ExitCode.ShouldBe(0, result.StandardError);
        return JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
    }

    // skopeo --config prints the config re-serialised, so its digest is checked through the raw bytes skopeo fetches.
    private string OciDigestOfConfig(JsonElement config)
    {
        var raw = ProcessRunner.Run("skopeo", ["--override-arch", "arm64", "inspect", "--tls-verify=false", "--config", "--raw", Reference(SupplyChainBuild.Tag)]);
        raw.ExitCode.ShouldBe(0, raw.StandardError);
        JsonDocument.Parse(raw.StandardOutput).RootElement.GetProperty("architecture").GetString().ShouldBe(config.GetProperty("architecture").GetString());
        return MiniContainer.Oci.OciDigest.Of(System.Text.Encoding.UTF8.GetBytes(raw.StandardOutput)).ToString();
    }

    [Fact]
    public void Skopeo_reads_the_pushed_tag_as_an_index_over_both_platforms()
    {
        var raw = ProcessRunner.Run("skopeo", ["inspect", "--tls-verify=false", "--raw", Reference(SupplyChainBuild.Tag)]);
        raw.ExitCode.ShouldBe(0, raw.StandardError);
        var index = JsonDocument.Parse(raw.StandardOutput).RootElement;

        index.GetProperty("mediaType").GetString().ShouldBe("application/vnd.oci.image.index.v1+json");
        index.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("platform").GetProperty("os").GetString() + "/" + m.GetProperty("platform").GetProperty("architecture").GetString())
            .ShouldBe(["linux/amd64", "linux/arm64"]);
        build.Pushed.Digest.ShouldBe(build.First.IndexDigest.ToString());
        build.Registry.Address.ShouldStartWith("127.0.0.1:");
        MiniContainer.Oci.OciDigest.Of(System.Text.Encoding.UTF8.GetBytes(raw.StandardOutput)).ShouldBe(build.First.IndexDigest);
    }

    [Fact]
    public void Skopeo_with_override_arch_arm64_finds_the_arm64_image()
    {
        var inspected = Skopeo("--override-arch", "arm64", "inspect", "--tls-verify=false", Reference(SupplyChainBuild.Tag));
        var config = Skopeo("--override-arch", "arm64", "inspect", "--tls-verify=false", "--config", Reference(SupplyChainBuild.Tag));
        var arm64Manifest = Skopeo("inspect", "--tls-verify=false", "--raw", Reference(build.ImageFor("arm64").Manifest.Digest.ToString()));

        inspected.GetProperty("Architecture").GetString().ShouldBe("arm64");
        // skopeo 1.9 reports the digest of what the tag names (the index), and reads the image the index lists for arm64.
        inspected.GetProperty("Digest").GetString().ShouldBe(build.First.IndexDigest.ToString());
        config.GetProperty("architecture").GetString().ShouldBe("arm64");
        OciDigestOfConfig(config).ShouldBe(arm64Manifest.GetProperty("config").GetProperty("digest").GetString());
    }

    [Fact]
    public void Each_binary_has_its_platforms_elf_machine_and_the_arm64_one_runs_under_qemu()
    {
        var arm64 = build.ImageFor("arm64").Binaries.ShouldHaveSingleItem().Path;
        var amd64 = build.ImageFor("amd64").Binaries.ShouldHaveSingleItem().Path;

        new StaticBinaryVerifier().Inspect(arm64).Format.Machine.ShouldBe("AArch64");
        new StaticBinaryVerifier().Inspect(amd64).Format.GoArch.ShouldBe("amd64");
        var run = ProcessRunner.Run("qemu-aarch64-static", [arm64]);
        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.Trim().ShouldBe("hello from greeting on arm64");
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void The_sbom_is_valid_spdx_and_lists_every_module_go_version_m_prints(string architecture)
    {
        var image = build.ImageFor(architecture);
        var json = File.ReadAllText(image.Sbom!.Path);
        var packages = JsonDocument.Parse(json).RootElement.GetProperty("packages").EnumerateArray()
            .Select(p => (Name: p.GetProperty("name").GetString(), Version: p.TryGetProperty("versionInfo", out var v) ? v.GetString() : null)).ToList();

        // The schema itself is public data kept outside this repository (see MiniContainer.Tests/Sbom/README.md); without it this fails.
        SpdxSchema.Violations(json).ShouldBeEmpty();
        var goVersionM = ProcessRunner.Run("go", ["version", "-m", image.Binaries[0].Path]);
        goVersionM.ExitCode.ShouldBe(0, goVersionM.Output);
        var lines = goVersionM.StandardOutput.Split('\n').Select(l => l.Trim().Split('\t')).ToList();
        var modules = lines.Where(f => f[0] is "mod" or "dep").Select(f => (Name: f[1], Version: f[2])).ToList();
        modules.ShouldContain(("example.com/greeting", "v1.2.0"), "the test program must have a dependency to list");
        foreach (var module in modules)
            packages.ShouldContain((module.Name, module.Version), $"go version -m prints {module.Name} {module.Version}");
        var goVersion = goVersionM.StandardOutput.Split('\n')[0].Split(": ")[1].Trim();
        packages.ShouldContain(("stdlib", goVersion));
        json.ShouldContain($"GOARCH={architecture}");
    }

    [Fact]
    public void Each_sbom_is_attached_to_its_platform_image_through_the_referrers_tag()
    {
        foreach (var image in build.First.Images)
        {
            var attached = build.Pushed.Sboms.Single(s => s.Subject == image.Manifest.Digest);
            attached.ReferrersTag.ShouldBe("sha256-" + image.Manifest.Digest.Hex, "docker-registry 2.8 has no referrers API, so the fallback tag lists the SBOM");

            var referrers = Skopeo("inspect", "--tls-verify=false", "--raw", Reference(attached.ReferrersTag!));
            var entry = referrers.GetProperty("manifests").EnumerateArray().ShouldHaveSingleItem();
            entry.GetProperty("artifactType").GetString().ShouldBe("application/spdx+json");
            entry.GetProperty("digest").GetString().ShouldBe(attached.ArtifactDigest.ToString());

            var artifact = Skopeo("inspect", "--tls-verify=false", "--raw", Reference(attached.ArtifactDigest.ToString()));
            artifact.GetProperty("subject").GetProperty("digest").GetString().ShouldBe(image.Manifest.Digest.ToString());
            artifact.GetProperty("layers")[0].GetProperty("digest").GetString().ShouldBe(image.Sbom!.Digest.ToString());
        }
    }

    [Fact]
    public async Task The_sbom_blob_in_the_registry_is_the_file_under_artifacts()
    {
        var image = build.ImageFor("arm64");
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        var blob = await http.GetByteArrayAsync($"http://{build.Registry.Address}/v2/{SupplyChainBuild.Repository}/blobs/{image.Sbom!.Digest}");

        blob.ShouldBe(await File.ReadAllBytesAsync(image.Sbom.Path));
    }

    [Fact]
    public void The_image_labels_and_the_sbom_carry_the_same_provenance()
    {
        var config = Skopeo("--override-arch", "arm64", "inspect", "--tls-verify=false", "--config", Reference(SupplyChainBuild.Tag));
        var labels = config.GetProperty("config").GetProperty("Labels");
        var sbom = File.ReadAllText(build.ImageFor("arm64").Sbom!.Path);

        labels.GetProperty(OciLabels.Source).GetString().ShouldBe("https://example.com/hello.git");
        labels.GetProperty(OciLabels.Revision).GetString().ShouldBe(build.Commit, "a clean clone is not marked dirty");
        labels.GetProperty(ProvenanceLabels.Modified).GetString().ShouldBe("false");
        labels.GetProperty(ProvenanceLabels.GoVersion).GetString().ShouldStartWith("go1.");
        var settings = JsonSerializer.Deserialize<string[]>(labels.GetProperty(ProvenanceLabels.BuildSettings).GetString()!)!;
        settings.ShouldContain("CGO_ENABLED=0");
        settings.ShouldContain("GOARCH=arm64");
        settings.ShouldContain("-trimpath=true");
        JsonSerializer.Deserialize<string[]>(labels.GetProperty(ProvenanceLabels.BuildFlags).GetString()!)!.ShouldBe(["-trimpath", "-ldflags", "-w -buildid="]);
        config.GetProperty("created").GetString().ShouldBe(SupplyChainBuild.CommitTime);
        sbom.ShouldContain($"label org.opencontainers.image.revision={build.Commit}");
        sbom.ShouldContain($"\"created\": \"{SupplyChainBuild.CommitTime}\"");
    }

    [Fact]
    public void Two_builds_of_one_commit_give_the_same_index_digest_and_the_same_sboms()
    {
        build.Second.IndexDigest.ShouldBe(build.First.IndexDigest);
        foreach (var (first, second) in build.First.Images.Zip(build.Second.Images))
        {
            second.Sbom!.Path.ShouldNotBe(first.Sbom!.Path);
            File.ReadAllBytes(second.Sbom.Path).ShouldBe(File.ReadAllBytes(first.Sbom.Path));
        }
    }
}
