using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>The Go module the build turns into images: the folder with go.mod (relative to the build's root directory).</summary>
public interface IHazGoModule : INukeBuild
{
    [Parameter("The folder with go.mod, relative to the root directory - default: the root directory")]
    string ModuleDir => TryGetValue(() => ModuleDir);
}
