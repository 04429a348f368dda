using MiniContainer.Compose;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;
using MiniContainer.Sbom;

namespace MiniContainer.Pipeline;

/// <summary>
/// The artifacts folder, where each step leaves what the next one reads, so any step runs alone on what an
/// earlier run left: <c>bin/</c> (binaries and their verify reports), <c>image/</c> (CA bundle, image list,
/// digests), <c>sbom/</c>, <c>oci/</c> (layouts of images written without an engine) and the docker-archives.
/// </summary>
public sealed record ArtifactLayout(string Root)
{
    public string BinDirectory => Path.Combine(Root, "bin");

    public string ImageDirectory => Path.Combine(Root, "image");

    public string SbomDirectory => Path.Combine(Root, "sbom");

    /// <summary>The bundle CaCertificates stages and ComposeImage copies in.</summary>
    public string CaBundleFile => Path.Combine(ImageDirectory, "ca-certificates.crt");

    /// <summary>What <see cref="CaBundleFile"/> was made from and its digest: while both hold, CaCertificates stages nothing.</summary>
    public string CaBundleSourceFile => Path.Combine(ImageDirectory, "ca-certificates.source");

    /// <summary>The images ComposeImage made (see <see cref="ImageList"/>).</summary>
    public string ImageListFile => Path.Combine(ImageDirectory, "images.txt");

    /// <summary>Where PublishImage saves the pushed digest of a binary's image (or of the multi-platform index, by image name).</summary>
    public string DigestFile(string binary) => Path.Combine(ImageDirectory, $"{binary}.digest");

    /// <summary>Every tag PublishImage pushed, one "&lt;registry&gt;/&lt;repository&gt;:&lt;tag&gt; &lt;digest&gt;" line each (see <see cref="PushedDigests"/>).</summary>
    public string DigestListFile => Path.Combine(ImageDirectory, "digests.txt");

    /// <summary>The zoneinfo database CaCertificates copies out of the builder image for --tzdata.</summary>
    public string ZoneInfoDirectory => Path.Combine(ImageDirectory, "zoneinfo");

    /// <summary>The image ID image/zoneinfo was copied from: the copy is skipped while the builder image is the same.</summary>
    public string ZoneInfoSourceFile => Path.Combine(ImageDirectory, "zoneinfo.source");

    /// <summary>An image written without an engine: <c>oci/&lt;repository&gt;</c> and <c>&lt;repository&gt;.docker.tar</c>.</summary>
    public OciOutputs OciOutputsFor(string repository) => OciOutputs.Under(Root, repository);

    public string SbomFile(string repository, OciPlatform platform) => Path.Combine(SbomDirectory, SbomRequest.DefaultFileName(repository, platform));

    /// <summary>The compiled binaries in <c>bin/</c> (not their reports), in name order.</summary>
    /// <exception cref="MiniContainerException">There are none: GoCompile has not run.</exception>
    public IReadOnlyList<string> CompiledBinaries()
    {
        var binaries = Directory.Exists(BinDirectory)
            ? Directory.EnumerateFiles(BinDirectory).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];
        return binaries.Count > 0 ? binaries
            : throw new MiniContainerException($"No binaries in {BinDirectory}. Run GoCompile first (e.g. ./build.sh GoCompile), or give --binary=<file> to verify one file.");
    }
}
