using MiniContainer.Go;
using MiniContainer.Nuke.Hosting;
using Nuke.Common;
using Nuke.Common.IO;

namespace MiniContainer.Nuke;

/// <summary>The Go module the build turns into images: the folder with go.mod.</summary>
public interface IHazGoModule : INukeBuild
{
    [Parameter("The folder with go.mod, absolute or relative to the root directory - default: the root directory")]
    string GoSource => TryGetValue(() => GoSource);

    AbsolutePath GoModuleDirectory => GoSource is null ? RootDirectory : RootedPath.Resolve(this, GoSource);

    /// <exception cref="GoModuleNotFoundException">No go.mod in <see cref="GoModuleDirectory"/>.</exception>
    GoModule GoModule => GoModule.Load(GoModuleDirectory);
}
