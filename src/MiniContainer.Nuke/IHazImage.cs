using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>The images the build makes: one per binary (or an index over platforms), their base, names, CA bundle and SBOM.</summary>
public interface IHazImage : INukeBuild
{
    [Parameter("How ComposeImage puts the image into the engine: load, dockerfile or auto - default: auto")]
    string ImageAssembly => TryGetValue(() => ImageAssembly);

    [Parameter("The runtime base image, or scratch; without an engine also oci:<dir>[:<tag>] or docker-archive:<file> - default: alpine:3.20")]
    string BaseImage => TryGetValue(() => BaseImage);

    [Parameter("The image name; with several binaries the prefix of <image>-<binary> - default: the last element of go.mod's module path")]
    string ImageName => TryGetValue(() => ImageName);

    [Parameter("The image tag - default: latest")]
    string ImageTag => TryGetValue(() => ImageTag);

    [Parameter("The CA bundle the image trusts: builder, host, none, or a PEM file - default: builder with an engine, host without")]
    string CaBundle => TryGetValue(() => CaBundle);

    [Parameter("Extra CA PEM files appended to the bundle")]
    string[] CaFile => TryGetValue(() => CaFile);

    [Parameter("Write an SPDX SBOM per image and attach it to the pushed image - default: true")]
    bool? Sbom => TryGetValue<bool?>(() => Sbom);

    [Parameter("The repository URL for the org.opencontainers.image.source label and the SBOM")]
    string SourceUrl => TryGetValue(() => SourceUrl);
}
