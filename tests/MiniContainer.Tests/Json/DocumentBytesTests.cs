using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using MiniContainer.Compose;
using MiniContainer.Elf;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Oci.Layers;
using MiniContainer.Sbom;
using MiniContainer.Sbom.Attach;

namespace MiniContainer.Tests.Json;

/// <summary>
/// The bytes of every document whose digest names an image or an artifact, pinned as the writers made
/// them before they moved to source-generated serialization: image IDs and digests are reproducible
/// across MiniContainer versions, so a changed byte is a changed image. Inputs carry what escaping
/// and ordering could change: '+' in media types, '&lt;&amp;&gt;', quotes, non-ASCII, a base config's
/// fields passed through.
/// </summary>
public sealed class DocumentBytesTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private const string Base = """
        {"architecture":"arm64","variant":"v8","os":"linux","author":"Zoë <z@example.com>","config":{"User":"1000","Env":["PATH=/usr/bin:/bin","LANG=C","Q=\"<&>\""],
         "Cmd":["/bin/sh"],"ExposedPorts":{"22/tcp":{}},"Labels":{"base":"yes","note":"a+b <é>"},"Volumes":{"/data":{}},"StopSignal":"SIGTERM",
         "Healthcheck":{"Test":["CMD","true"],"Interval":30000000000},"Hostname":"abc"},
         "rootfs":{"type":"layers","diff_ids":["sha256:1111111111111111111111111111111111111111111111111111111111111111"]},
         "history":[{"created":"2020-01-01T00:00:00Z","created_by":"ADD rootfs <é> +x","empty_layer":false}]}
        """;

    private static readonly OciDescriptor Layer = new OciDescriptor(OciMediaTypes.GzipLayer, OciDigest.Of("layer"u8), 1234)
    {
        Annotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("note", "a+b <é> \"q\"")]),
    };

    private static readonly OciDescriptor Config = new(OciMediaTypes.ImageConfig, OciDigest.Of("config"u8), 567);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void An_image_config_on_a_base_keeps_its_bytes()
    {
        var spec = new RuntimeImageSpec().WithBinary("/tmp/hello").WithEnvironment("Z", "ü+<&>").WithExposedPort(8080)
            .WithLabel(OciLabels.Title, "hello <world> +1").WithUser("1000:1000") with { Command = ["--name", "Zoë \"x\""] };
        var layer = new AddedLayer(new LayerBlob(OciDigest.Of("blob"u8), 10, OciDigest.Of("tar"u8)), "COPY app/ /app/ # <é>");

        var config = ImageConfigComposer.Compose(ImageConfig.Read(Encoding.UTF8.GetBytes(Base)), spec, [layer], Time, new OciPlatform("linux", "arm64", "v8"));

        Encoding.UTF8.GetString(config).ShouldBe(ExpectedConfig);
    }

    [Fact]
    public void An_image_config_on_scratch_keeps_its_bytes()
    {
        var spec = new RuntimeImageSpec().WithBinary("/tmp/hello").OnScratch();
        var layer = new AddedLayer(new LayerBlob(OciDigest.Of("blob"u8), 10, OciDigest.Of("tar"u8)), "COPY app/ /app/");

        var config = ImageConfigComposer.Compose(null, spec, [layer], Time, new OciPlatform("linux", "amd64"));

        Encoding.UTF8.GetString(config).ShouldBe(ExpectedScratchConfig);
    }

    [Fact]
    public void A_manifest_keeps_its_bytes()
    {
        var manifest = new ImageManifest(OciMediaTypes.ImageManifest, Config, [Layer, Layer with { Annotations = OciDescriptor.NoAnnotations }])
        {
            Annotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("org.opencontainers.image.created", "2023"), KeyValuePair.Create("a", "<é>")]),
        };

        Encoding.UTF8.GetString(ImageManifestJson.Write(manifest)).ShouldBe(ExpectedManifest);
    }

    [Fact]
    public void An_index_keeps_its_bytes()
    {
        var entry = new OciDescriptor(OciMediaTypes.ImageManifest, OciDigest.Of("m"u8), 99)
        {
            Platform = new OciPlatform("linux", "arm", "v7"),
            Annotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(ImageIndexJson.RefName, "1.0+build")]),
        };

        Encoding.UTF8.GetString(ImageIndexJson.Write([entry, Config with { Platform = new OciPlatform("linux", "amd64") }])).ShouldBe(ExpectedIndex);
    }

    [Fact]
    public void The_sbom_artifact_manifest_and_the_referrers_index_keep_their_bytes()
    {
        var artifact = SbomArtifactManifest.Write(Config, Layer, Time);
        var foreign = """{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","size":7,"artifactType":"x/y+z","annotations":{"é":"<>"}}]}"""u8.ToArray();
        var index = ReferrersTagIndex.With(foreign, Layer, SpdxDocumentWriter.MediaType, new Dictionary<string, string> { ["z"] = "1", ["a"] = "<é>" });

        Encoding.UTF8.GetString(artifact).ShouldBe(ExpectedArtifact);
        Encoding.UTF8.GetString(index).ShouldBe(ExpectedReferrers);
    }

    [Fact]
    public void The_spdx_document_and_the_provenance_labels_keep_their_bytes()
    {
        var info = new GoBuildInfo("go1.19.8", "example.com/hello", new GoModuleVersion("example.com/hello", "(devel)", null),
            [
                new GoModuleVersion("golang.org/x/text", "v0.3.7", "h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk="),
                new GoModuleVersion("github.com/docker/docker", "v20.10.17+incompatible", null),
                new GoModuleVersion("example.com/old", "v1.0.0", null, new GoModuleVersion("../fork", "", null)),
            ],
            [new GoBuildSetting("-ldflags", "-w -X 'main.v=ü<&>'"), new GoBuildSetting("CGO_ENABLED", "0")]);
        var provenance = new BuildProvenance("https://example.com/hello.git", "0123abcd", Modified: true, "go1.19.8", ["-ldflags=-w -X 'main.v=ü<&>'", "CGO_ENABLED=0"]) { BuildFlags = ["-trimpath", "-ldflags=-X 'a=<é>'"] };
        var image = new SbomImage
        {
            Repository = "127.0.0.1:5000/team/hello",
            Tag = "1.0+b",
            ManifestDigest = OciDigest.Of("image"u8),
            Platform = new OciPlatform("linux", "arm64", "v8"),
            Binaries = [new SbomBinary("/app/hello", new string('a', 64), info), new SbomBinary("/app/tool", new string('b', 64), null)],
            Base = new SbomBaseImage("127.0.0.1:5000/alpine:3.19", OciDigest.Of("base"u8)),
            Provenance = provenance,
            Created = Time,
        };

        Sha256(SpdxDocumentWriter.Write(image)).ShouldBe(ExpectedSpdxSha256);
        string.Join("\n", ProvenanceLabels.For(provenance).Select(l => $"{l.Key}={l.Value}")).ShouldBe(ExpectedLabels);
    }

    [Fact]
    public void The_dockerfile_keeps_its_exec_form_arrays()
    {
        var spec = new RuntimeImageSpec().WithBinary("/tmp/hello") with { Command = ["--name", "Zoë \"<&>\" +1"] };

        DockerfileRenderer.Render(spec).Split('\n').Where(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal) || l.StartsWith("CMD", StringComparison.Ordinal))
            .ShouldBe(ExpectedDockerfileLines);
    }

    private const string ExpectedConfig = """{"created":"2023-11-14T22:13:20Z","author":"Zoë <z@example.com>","architecture":"arm64","os":"linux","variant":"v8","config":{"User":"1000:1000","ExposedPorts":{"22/tcp":{},"8080/tcp":{}},"Env":["PATH=/usr/bin:/bin","LANG=C","Q=\"<&>\"","Z=ü+<&>"],"Entrypoint":["/app/hello"],"Cmd":["--name","Zoë \"x\""],"WorkingDir":"/app","Labels":{"base":"yes","note":"a+b <é>","org.opencontainers.image.title":"hello <world> +1"},"Volumes":{"/data":{}},"StopSignal":"SIGTERM","Healthcheck":{"Test":["CMD","true"],"Interval":30000000000}},"rootfs":{"type":"layers","diff_ids":["sha256:1111111111111111111111111111111111111111111111111111111111111111","sha256:90aebae315675cbf04612de4f7d5874850f48e0b8dd82becbeaa47ca93f5ebfb"]},"history":[{"created":"2020-01-01T00:00:00Z","created_by":"ADD rootfs <é> +x","empty_layer":false},{"created":"2023-11-14T22:13:20Z","created_by":"COPY app/ /app/ # <é>","comment":"minicontainer"},{"created":"2023-11-14T22:13:20Z","created_by":"WORKDIR /app; ENTRYPOINT [\"/app/hello\"]; CMD [\"--name\",\"Zoë \\\"x\\\"\"]; USER 1000:1000","comment":"minicontainer","empty_layer":true}]}""";
    private const string ExpectedScratchConfig = """{"created":"2023-11-14T22:13:20Z","architecture":"amd64","os":"linux","config":{"User":"65532:65532","Entrypoint":["/app/hello"],"WorkingDir":"/app"},"rootfs":{"type":"layers","diff_ids":["sha256:90aebae315675cbf04612de4f7d5874850f48e0b8dd82becbeaa47ca93f5ebfb"]},"history":[{"created":"2023-11-14T22:13:20Z","created_by":"COPY app/ /app/","comment":"minicontainer"},{"created":"2023-11-14T22:13:20Z","created_by":"WORKDIR /app; ENTRYPOINT [\"/app/hello\"]; USER 65532:65532","comment":"minicontainer","empty_layer":true}]}""";
    private const string ExpectedManifest = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:b79606fb3afea5bd1609ed40b622142f1c98125abcfe89a76a661b0e8e343910","size":567},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85","size":1234,"annotations":{"note":"a+b <é> \"q\""}},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85","size":1234}],"annotations":{"a":"<é>","org.opencontainers.image.created":"2023"}}""";
    private const string ExpectedIndex = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a","size":99,"annotations":{"org.opencontainers.image.ref.name":"1.0+build"},"platform":{"architecture":"arm","os":"linux","variant":"v7"}},{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:b79606fb3afea5bd1609ed40b622142f1c98125abcfe89a76a661b0e8e343910","size":567,"platform":{"architecture":"amd64","os":"linux"}}]}""";
    private const string ExpectedArtifact = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/spdx+json","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85","size":1234}],"subject":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:b79606fb3afea5bd1609ed40b622142f1c98125abcfe89a76a661b0e8e343910","size":567},"annotations":{"org.opencontainers.image.created":"2023-11-14T22:13:20Z"}}""";
    private const string ExpectedReferrers = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","size":7,"artifactType":"x/y+z","annotations":{"é":"<>"}},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85","size":1234,"artifactType":"application/spdx+json","annotations":{"a":"<é>","z":"1"}}]}""";
    private const string ExpectedSpdxSha256 = "198b306273dca3c6285e0bbee4dcb5238ec470685d3ec5616cf3854c7fae6a43";
    private const string ExpectedLabels = """
        dev.minicontainer.go.build-flags=["-trimpath","-ldflags=-X 'a=<é>'"]
        dev.minicontainer.go.build-settings=["-ldflags=-w -X 'main.v=ü<&>'","CGO_ENABLED=0"]
        dev.minicontainer.go.version=go1.19.8
        dev.minicontainer.vcs.modified=true
        org.opencontainers.image.revision=0123abcd-dirty
        org.opencontainers.image.source=https://example.com/hello.git
        """;
    private static readonly string[] ExpectedDockerfileLines = ["""ENTRYPOINT ["/app/hello"]""", """CMD ["--name","Zo\u00EB \u0022\u003C\u0026\u003E\u0022 \u002B1"]"""];
}
