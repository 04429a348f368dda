namespace MiniContainer.IntegrationTests.Elf;

/// <summary>Builds the real binaries the Elf tests verify, once per test run, into a temporary directory.</summary>
public sealed class RealBinariesFixture : IDisposable
{
    private const string Program = """
        package main

        import (
        	"fmt"
        	"net"
        	"os/user"
        )

        func main() {
        	u, err := user.Current()
        	fmt.Println(u, err)
        	addrs, err := net.LookupHost("localhost")
        	fmt.Println(addrs, err)
        }
        """;

    private const string CProgram = "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n";

    // The Compile step's flags (DESIGN.md): musl, external static link, -w, -trimpath, empty build id.
    internal const string CompileStepLdflags = "-w -linkmode external -extldflags \"-static\" -buildid=";

    public RealBinariesFixture()
    {
        HostToolchain.RequireTool("go", "golang-go");
        HostToolchain.RequireTool("gcc", "gcc");
        HostToolchain.RequireTool("musl-gcc", "musl-tools");

        Directory = System.IO.Directory.CreateTempSubdirectory("minicontainer-elf-").FullName;
        var source = Path.Combine(Directory, "src");
        System.IO.Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/hello\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(source, "main.go"), Program);
        File.WriteAllText(Path.Combine(Directory, "hello.c"), CProgram);

        var musl = new Dictionary<string, string> { ["CC"] = "musl-gcc", ["CGO_ENABLED"] = "1" };
        var glibc = new Dictionary<string, string> { ["CC"] = "gcc", ["CGO_ENABLED"] = "1" };
        var builds = new (string Name, string[] Args, Dictionary<string, string> Env)[]
        {
            (nameof(MuslStatic), ["build", "-trimpath", "-ldflags", CompileStepLdflags, "-o", MuslStatic, "."], musl),
            (nameof(MuslStaticStripped), ["build", "-trimpath", "-ldflags", "-s " + CompileStepLdflags, "-o", MuslStaticStripped, "."], musl),
            (nameof(GlibcDynamic), ["build", "-o", GlibcDynamic, "."], glibc),
            (nameof(GlibcStatic), ["build", "-ldflags", "-linkmode external -extldflags -static", "-o", GlibcStatic, "."], glibc),
            (nameof(Arm64), ["build", "-o", Arm64, "."], new() { ["GOARCH"] = "arm64", ["CGO_ENABLED"] = "0" }),
            (nameof(PureGo), ["build", "-tags", "netgo osusergo", "-ldflags", "-X main.unused=1", "-o", PureGo, "."], new() { ["CGO_ENABLED"] = "0" }),
            (nameof(MuslStaticPie), ["build", "-buildmode=pie", "-ldflags", "-linkmode external -extldflags \"-static-pie\"", "-o", MuslStaticPie, "."], musl),
        };
        Parallel.ForEach(builds, new ParallelOptions { MaxDegreeOfParallelism = 2 }, b => HostToolchain.Run(source, "go", b.Args, b.Env));

        HostToolchain.Run(Directory, "gcc", ["-O2", "-o", CDynamic, "hello.c"]);
        HostToolchain.Run(Directory, "gcc", ["-O2", "-static", "-o", CGlibcStatic, "hello.c"]);
        HostToolchain.Run(Directory, "gcc", ["-O2", "-static-pie", "-o", CGlibcStaticPie, "hello.c"]);
        HostToolchain.Run(Directory, "musl-gcc", ["-O2", "-static", "-o", CMuslStatic, "hello.c"]);
    }

    public string Directory { get; }

    public string MuslStatic => Path.Combine(Directory, "musl-static");

    public string MuslStaticStripped => Path.Combine(Directory, "musl-static-stripped");

    public string GlibcDynamic => Path.Combine(Directory, "glibc-dynamic");

    public string GlibcStatic => Path.Combine(Directory, "glibc-static");

    public string Arm64 => Path.Combine(Directory, "arm64");

    public string PureGo => Path.Combine(Directory, "pure-go");

    public string MuslStaticPie => Path.Combine(Directory, "musl-static-pie");

    public string CDynamic => Path.Combine(Directory, "c-dynamic");

    public string CGlibcStatic => Path.Combine(Directory, "c-glibc-static");

    public string CGlibcStaticPie => Path.Combine(Directory, "c-glibc-static-pie");

    public string CMuslStatic => Path.Combine(Directory, "c-musl-static");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RealBinariesCollection : ICollectionFixture<RealBinariesFixture>
{
    public const string Name = "Real binaries built by the host toolchain";
}
