using Cake.Core.IO;

namespace Cake.MiniContainer.Sbom;

/// <summary>Settings for <c>WriteSbom</c>: the image an SBOM documents and the binaries in it.</summary>
public sealed class WriteSbomSettings
{
    /// <summary>The image's repository, e.g. "hello" or "registry.example.com/team/hello".</summary>
    public required string Repository { get; set; }

    public string? Tag { get; set; }

    /// <summary>e.g. "linux/amd64"; null for linux and this machine's architecture.</summary>
    public string? Platform { get; set; }

    /// <summary>The binaries in the image (each at /app/&lt;name&gt;).</summary>
    public IList<FilePath> Binaries { get; set; } = [];

    /// <summary>The artifacts folder; the document goes to sbom/ under it.</summary>
    public required DirectoryPath OutputDirectory { get; set; }

    /// <summary>An image composed without an engine: its layout and manifest digest, from which the base image (name and digest) is read.</summary>
    public DirectoryPath? LayoutDirectory { get; set; }

    public string? ManifestDigest { get; set; }

    /// <summary>The base image by name, when there is no layout to read it from (the engine path); "scratch" or null for none.</summary>
    public string? BaseImage { get; set; }

    /// <summary>The repository URL of the source.</summary>
    public string? SourceUrl { get; set; }

    /// <summary>A folder in the git checkout: revision, modified state, commit time.</summary>
    public DirectoryPath? SourceDirectory { get; set; }

    /// <summary>The exact go build flags, recorded as provenance.</summary>
    public IList<string> BuildFlags { get; set; } = [];
}
