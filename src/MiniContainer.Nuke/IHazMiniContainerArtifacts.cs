using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>
/// Where the steps leave their outputs (bin/, image/, sbom/, oci/), so each target runs alone on what an earlier run
/// wrote. The resolved folders are <see cref="IHazMiniContainer.MiniContainerArtifacts"/>.
/// </summary>
public interface IHazMiniContainerArtifacts : INukeBuild
{
    [Parameter("The artifacts folder, relative to the module folder - default: artifacts under the module folder")]
    string Output => TryGetValue(() => Output);
}
