using MiniContainer.Images;

namespace MiniContainer.Oci.Bases;

/// <summary>
/// Where the base image comes from without an engine: nothing (scratch), an OCI layout or a
/// docker-archive on disk, or a registry. Written as skopeo names them: "scratch",
/// "oci:&lt;dir&gt;[:&lt;tag&gt;]", "docker-archive:&lt;file&gt;[:&lt;repo:tag&gt;]", else an image reference.
/// </summary>
public abstract record BaseImageSource
{
    private BaseImageSource() { }

    public sealed record Scratch : BaseImageSource
    {
        public override string ToString() => RuntimeImageSpec.Scratch;
    }

    public sealed record OciLayout(string Directory, string? Tag = null) : BaseImageSource
    {
        public override string ToString() => $"oci:{Directory}{(Tag is null ? "" : ":" + Tag)}";
    }

    public sealed record DockerArchive(string File, string? Tag = null) : BaseImageSource
    {
        public override string ToString() => $"docker-archive:{File}{(Tag is null ? "" : ":" + Tag)}";
    }

    public sealed record Registry(ImageReference Reference) : BaseImageSource
    {
        public override string ToString() => Reference.ToString();
    }

    /// <exception cref="InvalidImageReferenceException">A registry reference that is not valid.</exception>
    public static BaseImageSource Parse(string text)
    {
        if (text == RuntimeImageSpec.Scratch) return new Scratch();
        if (text.StartsWith("oci:", StringComparison.Ordinal))
        {
            var (path, tag) = SplitTag(text["oci:".Length..]);
            return new OciLayout(path, tag);
        }
        if (text.StartsWith("docker-archive:", StringComparison.Ordinal))
        {
            var (path, tag) = SplitTag(text["docker-archive:".Length..]);
            return new DockerArchive(path, tag);
        }
        return new Registry(ImageReference.Parse(text));
    }

    /// <summary>The base a spec names: scratch, a transport-prefixed path, or a registry image.</summary>
    public static BaseImageSource For(RuntimeImageSpec spec) => Parse(spec.BaseImage);

    public static bool IsOnDisk(string text) => text.StartsWith("oci:", StringComparison.Ordinal) || text.StartsWith("docker-archive:", StringComparison.Ordinal);

    // As skopeo reads them: the path ends at the first ':' (paths with ':' cannot be named this way).
    private static (string Path, string? Tag) SplitTag(string rest)
    {
        var colon = rest.IndexOf(':');
        return colon > 0 ? (rest[..colon], rest[(colon + 1)..]) : (rest, null);
    }
}
