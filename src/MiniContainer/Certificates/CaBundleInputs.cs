using MiniContainer.Oci;

namespace MiniContainer.Certificates;

/// <summary>
/// What fixes a staged CA bundle's content: the source, its origin (the builder image ID and the bundle's path in it, the PEM file's
/// digest, or nothing for none), each --ca-file's digest in order, and the build of this assembly that wrote the bundle.
/// </summary>
internal sealed record CaBundleInputs(CaBundleSource Source, string Origin, IReadOnlyList<OciDigest> ExtraFiles, string Writer)
{
    /// <summary>This assembly's build: another one may write the same certificates differently.</summary>
    public static string CurrentWriter { get; } = typeof(CaBundleInputs).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public static CaBundleInputs OfBuilderImage(string imageId, string bundlePath, IReadOnlyList<OciDigest> extraFiles) =>
        new(CaBundleSource.BuilderImage, $"{imageId} {bundlePath}", extraFiles, CurrentWriter);

    public static CaBundleInputs OfFile(OciDigest file, IReadOnlyList<OciDigest> extraFiles) => new(CaBundleSource.File, file.ToString(), extraFiles, CurrentWriter);

    public static CaBundleInputs OfNone(IReadOnlyList<OciDigest> extraFiles) => new(CaBundleSource.None, "-", extraFiles, CurrentWriter);

    public bool SameAs(CaBundleInputs other) =>
        Source == other.Source && Origin == other.Origin && Writer == other.Writer && ExtraFiles.SequenceEqual(other.ExtraFiles);
}
