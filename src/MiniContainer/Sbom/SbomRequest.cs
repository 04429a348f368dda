using MiniContainer.Oci;

namespace MiniContainer.Sbom;

/// <summary>
/// What the SBOM step documents: the image (repository, tag, platform, and once composed its
/// manifest digest and base), the binaries in it, and where the source and its checkout are.
/// </summary>
/// <param name="Repository">The image's repository, e.g. "hello" or "registry.example.com/team/hello".</param>
/// <param name="Binaries">The binaries on this machine, each with its path in the image.</param>
/// <param name="OutputDirectory">The artifacts folder; the document goes to <c>sbom/</c> under it.</param>
public sealed record SbomRequest(string Repository, OciPlatform Platform, IReadOnlyList<SbomBinaryFile> Binaries, string OutputDirectory)
{
    public string? Tag { get; init; }

    public OciDigest? ManifestDigest { get; init; }

    /// <summary>The base image; null for scratch. <see cref="SbomBase.FromLayoutAsync"/> reads it from a composed image.</summary>
    public SbomBaseImage? Base { get; init; }

    /// <summary>The repository URL of the source (org.opencontainers.image.source).</summary>
    public string? Source { get; init; }

    /// <summary>The exact go build flags (<see cref="GoBuildFlags.For"/>), recorded as provenance.</summary>
    public IReadOnlyList<string> BuildFlags { get; init; } = [];

    /// <summary>A folder in the git checkout: revision and modified state, and the commit time when <see cref="Created"/> is null.</summary>
    public string? SourceDirectory { get; init; }

    /// <summary>The document's time; null resolves it as the image's (SOURCE_DATE_EPOCH, commit time, epoch).</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The file name under sbom/; null for &lt;last repository element&gt;-&lt;os&gt;-&lt;arch&gt;[-variant].spdx.json.</summary>
    public string? FileName { get; init; }

    public string OutputPath => Path.Combine(OutputDirectory, "sbom", FileName ?? DefaultFileName(Repository, Platform));

    public static string DefaultFileName(string repository, OciPlatform platform)
    {
        var name = repository.TrimEnd('/');
        name = name[(name.LastIndexOf('/') + 1)..];
        return $"{name}-{platform.ToString().Replace('/', '-')}.spdx.json";
    }
}

/// <param name="HostPath">The binary on this machine.</param>
/// <param name="ImagePath">Where it is in the image, e.g. /app/hello.</param>
public sealed record SbomBinaryFile(string HostPath, string ImagePath);
