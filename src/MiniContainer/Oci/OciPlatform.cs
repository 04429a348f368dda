namespace MiniContainer.Oci;

/// <summary>An image platform, "os/architecture[/variant]", e.g. linux/amd64 or linux/arm/v7.</summary>
public sealed record OciPlatform(string Os, string Architecture, string? Variant = null)
{
    public static OciPlatform LinuxFor(string goArch) => goArch switch
    {
        "arm" => new OciPlatform("linux", "arm", "v7"),
        "arm64" => new OciPlatform("linux", "arm64", "v8"),
        _ => new OciPlatform("linux", goArch),
    };

    /// <exception cref="FormatException">Not os/arch[/variant].</exception>
    public static OciPlatform Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
            throw new FormatException($"'{text}' is not a platform of the form os/architecture[/variant], e.g. linux/amd64.");
        return new OciPlatform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>Same os and architecture; the variant must match only when both name one (arm64's v8 is often left out).</summary>
    public bool Matches(OciPlatform other) =>
        Os == other.Os && Architecture == other.Architecture &&
        (Variant is null || other.Variant is null || Variant == other.Variant);

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
