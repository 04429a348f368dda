using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>The images the build makes: one per binary (or an index over platforms), their base, names, CA bundle and SBOM.</summary>
public interface IHazImage : INukeBuild
{
    [Parameter("How ComposeImage puts the image into the engine: load, dockerfile or auto - default: auto")]
    string ImageAssembly => TryGetValue(() => ImageAssembly);

    [Parameter("What ComposeImage writes, any of engine oci docker-archive (oci and docker-archive without an engine) - default: engine when the run uses one, else oci docker-archive")]
    string[] OutputFormat => TryGetValue(() => OutputFormat);

    [Parameter("The runtime base image, or scratch; without an engine also oci:<dir>[:<tag>] or docker-archive:<file> - default: alpine:3.20")]
    string BaseImage => TryGetValue(() => BaseImage);

    [Parameter("The image name; with several binaries the prefix of <image>-<binary> - default: the last element of go.mod's module path")]
    string ImageName => TryGetValue(() => ImageName);

    [Parameter("The image tags: each is composed and pushed; image/<binary>.digest holds the first's digest, image/digests.txt every pushed tag's - default: latest")]
    string[] ImageTag => TryGetValue(() => ImageTag);

    // The image's config (#18 "The image"); ImageUser, not User: NUKE would read USER from the environment.

    [Parameter("The ENTRYPOINT's words (or one JSON array) - default: the binary, /app/<binary>")]
    string[] Entrypoint => TryGetValue(() => Entrypoint);

    [Parameter("The CMD: the default arguments after the entry point (words, or one JSON array)")]
    string[] Cmd => TryGetValue(() => Cmd);

    [Parameter("The image's environment, KEY=VALUE each")]
    string[] ImageEnv => TryGetValue(() => ImageEnv);

    [Parameter("Labels of the image config, KEY=VALUE each")]
    string[] ImageLabel => TryGetValue(() => ImageLabel);

    [Parameter("Annotations of the OCI manifest (and index) of images composed without an engine, KEY=VALUE each; an engine keeps none")]
    string[] ImageAnnotation => TryGetValue(() => ImageAnnotation);

    [Parameter("The user the program runs as: uid[:gid], or a name the base's /etc/passwd has - default: 65532:65532 (nonroot)")]
    string ImageUser => TryGetValue(() => ImageUser);

    [Parameter("The folder the program starts in - default: /app")]
    string Workdir => TryGetValue(() => Workdir);

    [Parameter("Ports the image declares, 8080 or 8080/udp")]
    string[] Expose => TryGetValue(() => Expose);

    [Parameter("<folder>[:<path in image>]: the folder's files in one deterministic layer - default path: /app/data")]
    string ExtraFiles => TryGetValue(() => ExtraFiles);

    [Parameter("The zoneinfo database in /usr/share/zoneinfo (time.LoadLocation on scratch) - default: true")]
    bool? Tzdata => TryGetValue<bool?>(() => Tzdata);

    [Parameter("The CA bundle the image trusts: builder, host, none, or a PEM file - default: builder with an engine, host without")]
    string CaBundle => TryGetValue(() => CaBundle);

    [Parameter("Extra CA PEM files appended to the bundle")]
    string[] CaFile => TryGetValue(() => CaFile);

    [Parameter("Write an SPDX SBOM per image and attach it to the pushed image - default: true")]
    bool? Sbom => TryGetValue<bool?>(() => Sbom);

    [Parameter("The repository URL for the org.opencontainers.image.source label and the SBOM")]
    string SourceUrl => TryGetValue(() => SourceUrl);
}
