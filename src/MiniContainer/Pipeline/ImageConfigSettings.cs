using MiniContainer.Images;

namespace MiniContainer.Pipeline;

/// <summary>
/// One image's config as the settings resolved it (#18 "The image"): for every binary, or for one binary of
/// <see cref="PipelineScript.Binaries"/> (argument, then the binary's own value, then the script's).
/// </summary>
public sealed record ImageConfigSettings
{
    public required string BaseImage { get; init; }

    /// <summary>The image name the script gave this binary; null for &lt;image&gt; or &lt;image&gt;-&lt;binary&gt;.</summary>
    public string? ImageName { get; init; }

    /// <summary>Null enters at the binary.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public string User { get; init; } = RuntimeImageSpec.DefaultUser;

    public string WorkingDirectory { get; init; } = RuntimeImageSpec.AppDirectory;

    public IReadOnlyList<ExposedPort> ExposedPorts { get; init; } = [];

    public ExtraFiles? ExtraFiles { get; init; }

    /// <summary>The zoneinfo database goes into the image (--tzdata).</summary>
    public bool TimeZoneData { get; init; } = true;
}
