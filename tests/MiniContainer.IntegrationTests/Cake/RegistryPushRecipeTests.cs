using System.Text.Json;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Reliability;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>
/// The deploy loop through the real Cake.Tool: `PublishImage --registry` on the engine path pushes the layout ComposeImage wrote beside the
/// engine's image with the registry API (not the engine), so the registry holds the composed digest and gets only the blobs it lacks.
/// A relay in front of the registry records every request line.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class RegistryPushRecipeTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly string Tag = $"push-{ImageCleanup.RunId}";

    private static readonly Dictionary<string, string> Credentials = new()
    {
        ["MINICONTAINER_REGISTRY_USERNAME"] = RegistryFixture.Username,
        ["MINICONTAINER_REGISTRY_PASSWORD"] = RegistryFixture.Password,
    };

    [EngineFact]
    public void The_engine_image_is_pushed_from_its_layout_under_the_composed_digest_and_only_the_blobs_the_registry_lacks_are_uploaded()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        using var relay = new RegistryFaultProxy(registry.Address, _ => ProxyFault.None);
        var layout = Path.Combine(repository.Artifacts, "oci", "hello");
        try
        {
            var first = Push(repository, relay);

            first.Run.ExitCode.ShouldBe(0, first.Run.Output);
            first.Run.StandardOutput.ShouldContain("Publish (daemonless): pushing");
            File.ReadAllText(Path.Combine(repository.Artifacts, "image", "images.txt")).ShouldBe($"hello hello:{Tag} engine oci:{layout}\n");
            var composed = LayoutManifest(layout);
            // The engine keeps the same image (its ID is the layout's config digest) for the smoke test, and the registry holds the layout's manifest.
            Docker("image", "inspect", "--format", "{{.Id}}", $"hello:{Tag}").StandardOutput.Trim().ShouldBe(composed.Config);
            var digest = File.ReadAllText(Path.Combine(repository.Artifacts, "image", "hello.digest")).Trim();
            digest.ShouldBe(composed.Digest);
            registry.DigestBySkopeo("hello", Tag).ShouldBe(composed.Digest);
            first.UploadedBlobs.ShouldContain(composed.Layers[^1]);
            first.UploadedBlobs.ShouldContain(composed.Config);

            var unchanged = Push(repository, relay);

            unchanged.Run.ExitCode.ShouldBe(0, unchanged.Run.Output);
            unchanged.UploadedBlobs.ShouldBeEmpty($"nothing changed, so nothing is uploaded: {string.Join("\n", unchanged.Requests)}");
            // Nor written: the tag already names the manifest, and the referrers index already lists the SBOM as it would be written.
            unchanged.Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.StartsWith("HEAD ", StringComparison.Ordinal))
                .ShouldBeEmpty(string.Join("\n", unchanged.Requests));
            File.ReadAllText(Path.Combine(repository.Artifacts, "image", "hello.digest")).Trim().ShouldBe(composed.Digest);

            var main = Path.Combine(repository.Directory, "main.go");
            File.WriteAllText(main, File.ReadAllText(main).Replace("hello from %s", "hello again from %s"));
            var changed = Push(repository, relay);

            changed.Run.ExitCode.ShouldBe(0, changed.Run.Output);
            var recomposed = LayoutManifest(layout);
            recomposed.Digest.ShouldNotBe(composed.Digest);
            recomposed.Layers[..^1].ShouldBe(composed.Layers[..^1], "only the binaries' layer changed");
            // The image's new blobs are its binaries' layer and its config; the SBOM (it names the new binary) is the rest.
            changed.UploadedBlobs.ShouldContain(recomposed.Layers[^1]);
            changed.UploadedBlobs.ShouldContain(recomposed.Config);
            var unchangedLayers = recomposed.Layers[..^1];
            changed.UploadedBlobs.Intersect(unchangedLayers).ShouldBeEmpty("a layer the registry holds is not sent again");
            changed.UploadedBlobs.Count.ShouldBe(3, string.Join("\n", changed.Requests));
            registry.DigestBySkopeo("hello", Tag).ShouldBe(recomposed.Digest);
        }
        finally
        {
            Docker("rmi", $"hello:{Tag}");
        }
    }

    private sealed record PushRun(ProcessRunner.Result Run, IReadOnlyList<string> Requests, IReadOnlyList<string> UploadedBlobs);

    private static PushRun Push(ConsumerRepository repository, RegistryFaultProxy relay)
    {
        int before;
        lock (relay.Seen) before = relay.Seen.Count;
        var run = repository.BuildSh(Credentials, "PublishImage", "--smoke-test=false", $"--builder-image={TestBed.BuilderImage}", "--base-image=scratch",
            $"--image-tag={Tag}", $"--registry={relay.Address}");
        List<string> requests;
        lock (relay.Seen) requests = relay.Seen.Skip(before).Select(s => s.Request).ToList();
        // An upload ends with the PUT that names its digest (whole or after PATCHes).
        var uploaded = requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/blobs/uploads/", StringComparison.Ordinal))
            .Select(r => Uri.UnescapeDataString(r[(r.IndexOf("digest=", StringComparison.Ordinal) + "digest=".Length)..].Split(' ', '&')[0])).ToList();
        return new PushRun(run, requests, uploaded);
    }

    private sealed record ComposedManifest(string Digest, string Config, string[] Layers);

    private static ComposedManifest LayoutManifest(string layout)
    {
        var raw = ProcessRunner.Run("skopeo", ["inspect", "--raw", $"oci:{layout}:{Tag}"]);
        raw.ExitCode.ShouldBe(0, raw.StandardError);
        var digest = ProcessRunner.Run("skopeo", ["inspect", "--format", "{{.Digest}}", $"oci:{layout}:{Tag}"]);
        digest.ExitCode.ShouldBe(0, digest.StandardError);
        using var manifest = JsonDocument.Parse(raw.StandardOutput);
        return new ComposedManifest(digest.StandardOutput.Trim(), manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!,
            manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToArray());
    }

    private static ProcessRunner.Result Docker(params string[] arguments) => ProcessRunner.Run("docker", arguments);
}
