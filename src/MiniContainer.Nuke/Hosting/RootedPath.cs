using Nuke.Common;
using Nuke.Common.IO;

namespace MiniContainer.Nuke.Hosting;

internal static class RootedPath
{
    /// <summary>A path from a parameter: absolute as given, else relative to the build's root directory (not the working directory).</summary>
    public static AbsolutePath Resolve(INukeBuild build, string path) =>
        Path.IsPathRooted(path) ? AbsolutePath.Create(path) : build.RootDirectory / path;
}
