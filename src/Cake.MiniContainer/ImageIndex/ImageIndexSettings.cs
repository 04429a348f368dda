using Cake.Core.IO;
using Cake.MiniContainer.ComposeImage;
using Cake.MiniContainer.GoRestore;

namespace Cake.MiniContainer.ImageIndex;

/// <summary>
/// Settings for <c>BuildImageIndex</c>: compile, verify and compose once per platform (without an
/// engine for the image; the builder may be the engine's container), then an OCI image index.
/// </summary>
public sealed class ImageIndexSettings : GoBuilderSettings
{
    /// <summary>e.g. ["linux/amd64", "linux/arm64"].</summary>
    public IList<string> Platforms { get; set; } = [];

    /// <summary>With CGO on: the C compiler per foreign GOARCH, e.g. ["arm64"] = "aarch64-linux-musl-gcc".</summary>
    public IDictionary<string, string> CrossCompilers { get; set; } = new Dictionary<string, string>();

    /// <summary>The image name without tag, e.g. "hello".</summary>
    public required string ImageName { get; set; }

    public string Tag { get; set; } = "latest";

    /// <summary>The artifacts folder: bin/&lt;os&gt;-&lt;arch&gt;/, oci/&lt;image&gt; (the layout with the index), sbom/.</summary>
    public required DirectoryPath OutputDirectory { get; set; }

    /// <summary>The runtime image around each platform's binaries (its Binaries, Tags and Platform are not used).</summary>
    public ComposeImageSettings Image { get; set; } = new();

    /// <summary>Write an SPDX SBOM per platform image.</summary>
    public bool Sbom { get; set; } = true;

    /// <summary>Also write a docker-archive per platform, for docker load.</summary>
    public bool DockerArchives { get; set; } = true;
}
