using Cake.Core.IO;
using Cake.MiniContainer.GoRestore;

namespace Cake.MiniContainer.GoCompile;

/// <summary>Settings for <c>GoCompile</c>: the static <c>go build</c> in the builder container.</summary>
public sealed class GoCompileSettings : GoBuilderSettings
{
    /// <summary>Where the binaries are written; null for artifacts/bin under the source folder.</summary>
    public DirectoryPath? OutputDirectory { get; set; }
}
