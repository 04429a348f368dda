namespace MiniContainer.Verify;

/// <summary>What the build asked for; the verifier fails a binary that is not that.</summary>
public sealed record VerificationPolicy
{
    /// <summary>The GOARCH the binary was built for ("amd64", "arm64"...); null skips the architecture check.</summary>
    public string? ExpectedGoArch { get; init; } = "amd64";

    /// <summary>Fail on an interpreter or NEEDED libraries. Static-pie counts as static.</summary>
    public bool RequireStatic { get; init; } = true;

    /// <summary>-w was passed to the linker, so debug info is not expected.</summary>
    public bool StripDwarfRequested { get; init; }

    /// <summary>Debug info left despite -w is an error instead of a warning.</summary>
    public bool DebugInfoIsError { get; init; }

    /// <summary>Fail when glibc's NSS code is linked statically (it loads shared glibc modules at run time).</summary>
    public bool FailOnGlibcNss { get; init; } = true;

    /// <summary>Warn when the file carries no Go build info.</summary>
    public bool ExpectGoBinary { get; init; }

    /// <summary>The policy for a binary built with the given GOARCH and -ldflags (-w is read from the flags).</summary>
    public static VerificationPolicy ForGoBuild(string goArch, string? ldflags) => new()
    {
        ExpectedGoArch = goArch,
        StripDwarfRequested = ldflags is not null && ldflags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(f => f is "-w" or "-w=true" or "--w"),
        ExpectGoBinary = true,
    };
}
