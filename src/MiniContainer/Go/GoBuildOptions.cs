using System.Runtime.InteropServices;

namespace MiniContainer.Go;

/// <summary>
/// How to build the Go binaries. The defaults are the recipe's static musl build
/// (CGO on, <c>-w -linkmode external -extldflags "-static"</c>) plus <c>-trimpath</c> and an
/// empty build ID, so the same source gives the same bytes.
/// </summary>
public sealed record GoBuildOptions
{
    /// <summary>Main packages to build: ".", "./cmd/api", "./cmd/...". Each becomes its own binary.</summary>
    public IReadOnlyList<string> Packages { get; init; } = ["."];

    /// <summary>CGO_ENABLED. On (the recipe's default) links libc statically; off needs no C compiler.</summary>
    public bool Cgo { get; init; } = true;

    /// <summary>The C compiler (CC) inside the builder; null keeps the builder image's own CC.</summary>
    public string? CCompiler { get; init; }

    public string GoOs { get; init; } = "linux";

    public string GoArch { get; init; } = HostGoArch();

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Values set with <c>-X importpath.name=value</c>.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary><c>-w</c>: omit Go's DWARF debug information.</summary>
    public bool StripDwarf { get; init; } = true;

    /// <summary><c>-s</c>: omit the symbol table (and with it the C side's debug sections).</summary>
    public bool StripSymbols { get; init; }

    /// <summary>With CGO on: link externally and statically (<c>-linkmode external -extldflags ...</c>).</summary>
    public bool StaticLink { get; init; } = true;

    /// <summary>The flags given to the external linker when <see cref="StaticLink"/> is on.</summary>
    public IReadOnlyList<string> ExternalLinkerFlags { get; init; } = ["-static"];

    public bool TrimPath { get; init; } = true;

    /// <summary><c>-buildid=</c>: no build ID, so rebuilding the same source gives the same bytes.</summary>
    public bool EmptyBuildId { get; init; } = true;

    /// <summary><c>-buildmode</c>, e.g. "pie"; null for the default.</summary>
    public string? BuildMode { get; init; }

    /// <summary>More <c>-ldflags</c> entries, appended as given.</summary>
    public IReadOnlyList<string> ExtraLdFlags { get; init; } = [];

    /// <summary>More <c>go build</c> flags, e.g. "-v" or "-a".</summary>
    public IReadOnlyList<string> ExtraBuildFlags { get; init; } = [];

    /// <summary>Go settings passed through to the builder (GOFLAGS, GOPROXY, GOPRIVATE, ...).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A .netrc on this machine with the credentials of private modules (Go reads it through NETRC); a secret.</summary>
    public string? NetrcFile { get; init; }

    /// <summary>A token for git over HTTPS and the hosts it is for (git reads it through a credential helper); a secret.</summary>
    public GoGitCredential? GitCredential { get; init; }

    /// <summary>The GOARCH name of the machine this runs on.</summary>
    public static string HostGoArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        Architecture.RiscV64 => "riscv64",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        var other => other.ToString().ToLowerInvariant(),
    };
}
