using MiniContainer.Elf;

namespace MiniContainer.Tests.Verify;

/// <summary>Reports built in code, for testing the policy and the output without a binary.</summary>
internal static class Reports
{
    internal static BinaryReport StaticMusl(bool debugInfo = false) => new(
        new FileFacts("/out/app", 2_000_000),
        new FormatFacts("ELF64", "little", "AMD64", 62, "amd64", "EXEC", 0x401000),
        new LinkingFacts(Linkage.Static, null, [], false),
        new DebugFacts(debugInfo, debugInfo ? [".debug_info", ".debug_line"] : [], debugInfo ? 4096 : 0, true),
        new LibcFacts(LibcFlavour.Musl, ["symbol __init_libc"], false, []),
        new GoFacts(true, new GoBuildInfo("go1.19.8", "example.com/app", new GoModuleVersion("example.com/app", "(devel)", null), [], [new("CGO_ENABLED", "1"), new("GOARCH", "amd64")]), null));

    internal static BinaryReport DynamicGlibc() => StaticMusl() with
    {
        Linking = new LinkingFacts(Linkage.Dynamic, "/lib64/ld-linux-x86-64.so.2", ["libpthread.so.0", "libc.so.6"], true),
        Libc = new LibcFacts(LibcFlavour.Glibc, ["interpreter /lib64/ld-linux-x86-64.so.2", "needs libc.so.6"], false, []),
    };
}
