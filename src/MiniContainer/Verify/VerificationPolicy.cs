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

    /// <summary>-s was passed to the linker, so no symbol table and no debug sections (the C objects' too) are expected.</summary>
    public bool StripSymbolsRequested { get; init; }

    /// <summary>Debug info left despite -w or -s is an error instead of a warning.</summary>
    public bool DebugInfoIsError { get; init; }

    /// <summary>Fail when glibc's NSS code is linked statically (it loads shared glibc modules at run time).</summary>
    public bool FailOnGlibcNss { get; init; } = true;

    /// <summary>Warn when the file carries no Go build info.</summary>
    public bool ExpectGoBinary { get; init; }

    /// <summary>The policy for a binary built with the given GOARCH and -ldflags (-w and -s are read from the flags, the last one given winning as in Go's flag parsing).</summary>
    public static VerificationPolicy ForGoBuild(string goArch, string? ldflags) => new()
    {
        ExpectedGoArch = goArch,
        StripDwarfRequested = LinkerFlag(ldflags, "w"),
        StripSymbolsRequested = LinkerFlag(ldflags, "s"),
        ExpectGoBinary = true,
    };

    private static bool LinkerFlag(string? ldflags, string name)
    {
        var given = false;
        foreach (var flag in (ldflags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var bare = flag.StartsWith("--", StringComparison.Ordinal) ? flag[2..] : flag.StartsWith('-') ? flag[1..] : null;
            if (bare == name) given = true;
            // Go's strconv.ParseBool spellings.
            else if (bare is not null && bare.StartsWith(name + "=", StringComparison.Ordinal)) given = bare[(name.Length + 1)..] is "1" or "t" or "T" or "true" or "TRUE" or "True";
        }
        return given;
    }
}
