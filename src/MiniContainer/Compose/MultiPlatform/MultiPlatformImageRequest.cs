using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Images;
using MiniContainer.Oci;

namespace MiniContainer.Compose.MultiPlatform;

/// <summary>
/// One run that builds an image for several platforms: compile per platform, verify each binary's
/// ELF machine, compose one image per platform on the same spec, and an OCI image index over them.
/// </summary>
public sealed record MultiPlatformImageRequest
{
    public required GoModule Module { get; init; }

    /// <summary>The build options; GOOS/GOARCH come from each platform.</summary>
    public required GoBuildOptions Options { get; init; }

    /// <summary>The platforms, in the order the index lists them (<see cref="TargetPlatforms.Parse"/> reads "linux/amd64,linux/arm64").</summary>
    public required IReadOnlyList<OciPlatform> Platforms { get; init; }

    /// <summary>The runtime image (base, user, entry point, labels...); the binaries of each platform are added to it.</summary>
    public required RuntimeImageSpec Spec { get; init; }

    /// <summary>The image name without tag, e.g. "hello" or "registry.example.com/team/hello".</summary>
    public required string ImageName { get; init; }

    public string Tag { get; init; } = "latest";

    /// <summary>The artifacts folder: bin/&lt;os&gt;-&lt;arch&gt;/, oci/&lt;name&gt; (the layout with the index), sbom/.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The builder container's image (engine builds); null for the default builder of the go directive.</summary>
    public GoBuilder? Builder { get; init; }

    /// <summary>With CGO on: the C compiler per foreign GOARCH, e.g. ["arm64"] = "aarch64-linux-musl-gcc".</summary>
    public IReadOnlyDictionary<string, string> CrossCompilers { get; init; } = new Dictionary<string, string>();

    /// <summary>Write an SPDX SBOM per platform image to sbom/ (on by default).</summary>
    public bool Sbom { get; init; } = true;

    /// <summary>Label each image with its provenance: source, revision (-dirty marked), Go version and build settings.</summary>
    public bool ProvenanceLabels { get; init; } = true;

    /// <summary>The source repository URL for the source label and the SBOM.</summary>
    public string? Source { get; init; }

    /// <summary>A folder in the git checkout; null for the module's folder.</summary>
    public string? SourceDirectory { get; init; }

    /// <summary>The image time; null resolves it as SOURCE_DATE_EPOCH, else the commit time, else the epoch.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Also write a docker-archive per platform (artifacts/&lt;name&gt;-&lt;os&gt;-&lt;arch&gt;.docker.tar, for docker load).</summary>
    public bool DockerArchives { get; init; }

    public BlobStore? BlobCache { get; init; }

    /// <summary>Credentials given for one registry (the one you publish to): used for a registry base only when it comes from that host.</summary>
    public Docker.Credentials.RegistryLogin? Login { get; init; }

    /// <summary>Which hosts may be spoken to over plain HTTP, and the inactivity bound of the base pulls.</summary>
    public Registry.RegistryTransport Transport { get; init; } = new();

    public string ImageShortName => ImageName.TrimEnd('/')[(ImageName.TrimEnd('/').LastIndexOf('/') + 1)..];

    public string LayoutDirectory => Path.Combine(OutputDirectory, "oci", ImageShortName);
}
