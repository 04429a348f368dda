using Nuke.Common;
using Nuke.Common.IO;

namespace MiniContainer.Nuke;

/// <summary>
/// Where the steps leave their outputs, so each target can run alone on what an earlier run wrote.
/// (Named apart from Nuke.Components' IHazArtifacts, with the same default, so both can be inherited.)
/// </summary>
public interface IHazMiniContainerArtifacts : INukeBuild
{
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    /// <summary>The compiled binaries and their verification reports.</summary>
    AbsolutePath BinariesDirectory => ArtifactsDirectory / "bin";

    /// <summary>The staged CA bundle and the pushed digests.</summary>
    AbsolutePath ImageDirectory => ArtifactsDirectory / "image";
}
