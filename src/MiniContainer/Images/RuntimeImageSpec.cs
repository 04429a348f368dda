using System.Collections.Immutable;

namespace MiniContainer.Images;

/// <summary>
/// What the runtime image is: base, binaries in /app, entry point, user, environment, ports,
/// labels and CA certificates. Immutable; the <c>With…</c> methods return changed copies.
/// </summary>
public sealed record RuntimeImageSpec
{
    /// <summary>The recipe's Alpine, pinned so a rebuild does not silently change base.</summary>
    public const string DefaultBaseImage = "alpine:3.20";

    public const string Scratch = "scratch";

    /// <summary>The conventional "nonroot" uid:gid (as distroless uses); numeric, so it needs no /etc/passwd.</summary>
    public const string DefaultUser = "65532:65532";

    public const string AppDirectory = "/app";

    public const string CaBundleImagePath = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>Where Go's time package (and every libc) looks for the zoneinfo database first.</summary>
    public const string ZoneInfoImagePath = "/usr/share/zoneinfo";

    /// <summary>Where --extra-files puts a folder's files unless told otherwise: beside the binaries, under the default working directory.</summary>
    public const string DefaultExtraFilesImagePath = "/app/data";

    public string BaseImage { get; init; } = DefaultBaseImage;

    public IReadOnlyList<ImageBinary> Binaries { get; init; } = [];

    /// <summary>ENTRYPOINT; null means the first binary's /app path.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>CMD: the default arguments (or the command, when the entry point is empty).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>USER; null keeps the base image's user (root for scratch and Alpine).</summary>
    public string? User { get; init; } = DefaultUser;

    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public IReadOnlyList<ExposedPort> ExposedPorts { get; init; } = [];

    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>WORKDIR: the folder the program starts in (default <see cref="AppDirectory"/>, where the binaries are).</summary>
    public string WorkingDirectory { get; init; } = AppDirectory;

    /// <summary>Annotations of the OCI manifest (daemonless images: their layout, archive and registry push); an engine keeps none.</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>A host folder whose files go into the image in one layer (as ko's kodata/); null for none.</summary>
    public ExtraFiles? ExtraFiles { get; init; }

    /// <summary>A host copy of the zoneinfo database, put at <see cref="ZoneInfoImagePath"/>; null for none (time.LoadLocation then knows only UTC).</summary>
    public string? TimeZoneDatabase { get; init; }

    /// <summary>
    /// What fixes <see cref="TimeZoneDatabase"/>'s content (the ID of the builder image it was staged from); null when nothing does
    /// (this machine's). With it, the zoneinfo layer's diffID is kept beside the database and not computed again from its files.
    /// </summary>
    public string? TimeZoneDatabaseSource { get; init; }

    /// <summary>A staged PEM bundle (see CaCertificatesStep) copied to <see cref="CaBundleImagePath"/>; null for none.</summary>
    public string? CaBundleFile { get; init; }

    /// <summary>
    /// The recipe's <c>apk add --no-cache ca-certificates</c> (Alpine bases; needs the network at build time).
    /// A <see cref="CaBundleFile"/> given too is added to the system store as an extra CA.
    /// </summary>
    public bool InstallCaCertificatesWithApk { get; init; }

    public bool IsScratch => string.Equals(BaseImage, Scratch, StringComparison.Ordinal);

    /// <summary>The ENTRYPOINT the image gets: the given one, else the first binary.</summary>
    public IReadOnlyList<string> EffectiveEntrypoint => Entrypoint ?? (Binaries.Count > 0 ? [Binaries[0].ImagePath] : []);

    public RuntimeImageSpec WithBaseImage(string baseImage) => this with { BaseImage = baseImage };

    public RuntimeImageSpec OnScratch() => this with { BaseImage = Scratch };

    public RuntimeImageSpec WithBinary(string hostPath, string? fileName = null) =>
        this with { Binaries = [.. Binaries, new ImageBinary(hostPath, fileName)] };

    public RuntimeImageSpec WithEntrypoint(params string[] entrypoint) => this with { Entrypoint = entrypoint };

    public RuntimeImageSpec WithCommand(params string[] command) => this with { Command = command };

    public RuntimeImageSpec WithUser(string user) => this with { User = user };

    /// <summary>Opts out of the non-root default: the container runs as the base image's user.</summary>
    public RuntimeImageSpec AsBaseImageUser() => this with { User = null };

    public RuntimeImageSpec WithEnvironment(string name, string value) => this with { Environment = Environment.SetItem(name, value) };

    public RuntimeImageSpec WithExposedPort(int port, string protocol = "tcp") =>
        this with { ExposedPorts = [.. ExposedPorts, new ExposedPort(port, protocol)] };

    public RuntimeImageSpec WithLabel(string name, string value) => this with { Labels = Labels.SetItem(name, value) };

    public RuntimeImageSpec WithLabels(IEnumerable<KeyValuePair<string, string>> labels) => this with { Labels = Labels.SetItems(labels) };

    public RuntimeImageSpec WithWorkingDirectory(string directory) => this with { WorkingDirectory = directory };

    public RuntimeImageSpec WithEnvironment(IEnumerable<KeyValuePair<string, string>> variables) => this with { Environment = Environment.SetItems(variables) };

    public RuntimeImageSpec WithAnnotations(IEnumerable<KeyValuePair<string, string>> annotations) => this with { Annotations = Annotations.SetItems(annotations) };

    public RuntimeImageSpec WithExtraFiles(string hostDirectory, string imagePath = DefaultExtraFilesImagePath) => this with { ExtraFiles = new ExtraFiles(hostDirectory, imagePath) };

    public RuntimeImageSpec WithTimeZoneDatabase(string? hostDirectory, string? source = null) =>
        this with { TimeZoneDatabase = hostDirectory, TimeZoneDatabaseSource = hostDirectory is null ? null : source };

    public RuntimeImageSpec WithCaBundle(string? stagedBundleFile) => this with { CaBundleFile = stagedBundleFile };

    /// <summary>One spec per binary (one image per binary), each entering at its own binary.</summary>
    public IReadOnlyList<RuntimeImageSpec> SplitPerBinary() =>
        Binaries.Select(b => this with { Binaries = [b], Entrypoint = null }).ToList();

    public RuntimeImageSpec WithApkCaCertificates(bool install = true) => this with { InstallCaCertificatesWithApk = install };
}
