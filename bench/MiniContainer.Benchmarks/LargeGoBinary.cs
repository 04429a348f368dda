using System.Diagnostics;

namespace MiniContainer.Benchmarks;

/// <summary>Builds a ~20 MB static musl Go binary (an 18 MB go:embed payload plus net and os/user) with the host toolchain.</summary>
internal static class LargeGoBinary
{
    private const string Program = """
        package main

        import (
        	_ "embed"
        	"fmt"
        	"net"
        	"os/user"
        )

        //go:embed payload.bin
        var payload []byte

        func main() {
        	u, _ := user.Current()
        	addrs, _ := net.LookupHost("localhost")
        	fmt.Println(len(payload), u, addrs)
        }
        """;

    internal static string Build(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "go.mod"), "module example.com/large\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(directory, "main.go"), Program);
        var payload = new byte[18 << 20];
        new Random(42).NextBytes(payload);
        File.WriteAllBytes(Path.Combine(directory, "payload.bin"), payload);

        var output = Path.Combine(directory, "large");
        var start = new ProcessStartInfo("go") { WorkingDirectory = directory, RedirectStandardError = true };
        foreach (var argument in new[] { "build", "-trimpath", "-ldflags", "-w -linkmode external -extldflags \"-static\" -buildid=", "-o", output, "." })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CC"] = "musl-gcc";
        start.Environment["CGO_ENABLED"] = "1";
        start.Environment["GOFLAGS"] = "-buildvcs=false";
        start.Environment["GOPROXY"] = "off";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("go could not be started: apt-get install golang-go musl-tools");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"go build failed: {errors}");
    }
}
