using MiniContainer.Images;
using Nuke.Common;
using Nuke.Common.IO;

namespace MiniContainer.Nuke;

/// <summary>The images the build makes: one per binary, named after the image parameter (or the module).</summary>
public interface IHazImage : IHazGoBuild
{
    [Parameter("The image name - default: the Go module's name; with several binaries, the prefix of <image>-<binary>")]
    string Image => TryGetValue(() => Image);

    [Parameter("The image tag - default: latest")]
    string Tag => TryGetValue(() => Tag) ?? "latest";

    [Parameter("The runtime base image, or scratch - default: " + RuntimeImageSpec.DefaultBaseImage)]
    string BaseImage => TryGetValue(() => BaseImage);

    /// <summary>Each binary and the local reference of its image, e.g. hello:latest.</summary>
    IReadOnlyList<(AbsolutePath Binary, string Reference)> Images
    {
        get
        {
            var binaries = Binaries;
            var image = Image ?? GoModule.DefaultBinaryName.ToLowerInvariant();
            return binaries
                .Select(b => (b, binaries.Count == 1 ? $"{image}:{Tag}" : $"{image}-{b.Name.ToLowerInvariant()}:{Tag}"))
                .ToList();
        }
    }
}
