using MiniContainer.Go;
using MiniContainer.Oci;

namespace MiniContainer.Compose.MultiPlatform;

/// <summary>The platforms of a multi-platform image, as "linux/amd64,linux/arm64" names them, and the GOARCH (and GOARM) of each. Pure.</summary>
public static class TargetPlatforms
{
    /// <exception cref="InvalidPlatformListException">Empty, malformed, repeated, or not a Linux platform Go builds for.</exception>
    public static IReadOnlyList<OciPlatform> Parse(string list)
    {
        var parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new InvalidPlatformListException($"'{list}' names no platform: give e.g. linux/amd64,linux/arm64.");
        var platforms = new List<OciPlatform>();
        foreach (var part in parts)
        {
            if (part.Any(char.IsWhiteSpace))
                throw new InvalidPlatformListException($"'{part}' holds a space: separate platforms with commas, e.g. linux/amd64,linux/arm64.");
            OciPlatform platform;
            try
            {
                platform = OciPlatform.Parse(part);
            }
            catch (FormatException e)
            {
                throw new InvalidPlatformListException(e.Message);
            }
            platforms.Add(Normalize(platform));
        }
        var repeated = platforms.GroupBy(p => p.ToString()).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new InvalidPlatformListException($"'{list}' names {repeated.Key} twice: name each platform once.");
        return platforms;
    }

    /// <summary>The platform with the variant an image index records for it (arm64 is v8, arm defaults to v7).</summary>
    public static OciPlatform Normalize(OciPlatform platform)
    {
        if (platform.Os != "linux")
            throw new InvalidPlatformListException($"{platform} is not a Linux platform: MiniContainer builds static Linux binaries (linux/amd64, linux/arm64, ...).");
        if (!GoArchitecture.Known.Contains(platform.Architecture))
            throw new InvalidPlatformListException($"{platform} names an architecture Go does not build for; use a GOARCH name such as amd64, arm64, arm, 386, ppc64le, s390x or riscv64.");
        return platform.Architecture switch
        {
            "arm64" => platform with { Variant = platform.Variant ?? "v8" },
            "arm" => platform with { Variant = platform.Variant ?? "v7" },
            _ => platform,
        };
    }

    /// <summary>GOARCH, and GOARM for arm (v5, v6, v7 give 5, 6, 7).</summary>
    public static (string GoArch, string? GoArm) GoTarget(OciPlatform platform) =>
        platform.Architecture == "arm" && platform.Variant is { Length: > 1 } v && v[0] == 'v' ? ("arm", v[1..]) : (platform.Architecture, null);
}
