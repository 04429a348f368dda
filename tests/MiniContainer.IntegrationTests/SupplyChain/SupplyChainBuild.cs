using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Oci;
using MiniContainer.IntegrationTests.Compose;
using MiniContainer.IntegrationTests.Publish;
using MiniContainer.Oci;
using MiniContainer.Publish;

namespace MiniContainer.IntegrationTests.SupplyChain;

/// <summary>
/// A Go program with a dependency (served from a file proxy), committed to git, cloned twice, and
/// built for linux/amd64 and linux/arm64 with CGO off from each clone on the host's Go; the first
/// build is pushed (index, platform images, SBOMs) to a registry on 127.0.0.1. Built once per class.
/// </summary>
public sealed class SupplyChainBuild : IAsyncLifetime
{
    public const string CommitTime = "2024-03-04T05:06:07Z";
    public const string Repository = "supply/hello";
    public const string Tag = "1.0";

    private readonly string _folder = TestBed.TempDirectory("supply-chain");

    public AnonymousRegistryFixture Registry { get; } = new();

    public MultiPlatformImage First { get; private set; } = null!;

    public MultiPlatformImage Second { get; private set; } = null!;

    public PushedIndex Pushed { get; private set; } = null!;

    public string Commit { get; private set; } = "";

    public static IReadOnlyList<OciPlatform> Platforms { get; } = TargetPlatforms.Parse("linux/amd64,linux/arm64");

    // A cache that outlives the run: the arm64 standard library compiles once per machine, not per test run.
    private static LocalGoBuilder Local { get; } = new() { CacheDirectory = Path.Combine(Path.GetTempPath(), "mc-supply-chain-go-cache") };

    public async Task InitializeAsync()
    {
        await Registry.InitializeAsync();
        var proxy = new GoFileProxy(Path.Combine(_folder, "proxy"));
        var sums = proxy.AddModule("example.com/greeting", "v1.2.0", new Dictionary<string, string>
        {
            ["greeting.go"] = "package greeting\n\nfunc Hello() string { return \"hello from greeting\" }\n",
        });
        var origin = Path.Combine(_folder, "origin");
        Directory.CreateDirectory(origin);
        await File.WriteAllTextAsync(Path.Combine(origin, "go.mod"), "module example.com/hello\n\ngo 1.19\n\nrequire example.com/greeting v1.2.0\n");
        await File.WriteAllTextAsync(Path.Combine(origin, "go.sum"), sums);
        await File.WriteAllTextAsync(Path.Combine(origin, ".gitignore"), "artifacts/\n");
        await File.WriteAllTextAsync(Path.Combine(origin, "main.go"), """
            package main

            import (
            	"fmt"
            	"runtime"

            	"example.com/greeting"
            )

            func main() { fmt.Println(greeting.Hello(), "on", runtime.GOARCH) }
            """);
        var git = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com",
            ["GIT_AUTHOR_DATE"] = CommitTime, ["GIT_COMMITTER_DATE"] = CommitTime,
        };
        foreach (var step in new[] { new[] { "init", "-q" }, ["add", "."], ["commit", "-q", "-m", "hello"] })
            ProcessRunner.Run("git", step, origin, git).ExitCode.ShouldBe(0);
        Commit = ProcessRunner.Run("git", ["rev-parse", "HEAD"], origin).StandardOutput.Trim();

        var options = new GoBuildOptions
        {
            Cgo = false,
            Environment = new Dictionary<string, string> { ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = "off", ["GOFLAGS"] = "-mod=readonly" },
        };
        First = await BuildCloneAsync(origin, "checkout-a", options);
        Second = await BuildCloneAsync(origin, "checkout-b", options);
        Pushed = await MultiPlatformPublishStep.RunAsync(new MultiPlatformPublishRequest(First.ToPublishable(), new PublishRequest
        {
            Registry = Registry.Address, Repository = Repository, Tag = Tag,
            DockerConfigFile = Path.Combine(_folder, "none.json"), DigestFile = Path.Combine(_folder, "index-digest.txt"),
        }) { BlobCache = new BlobStore(Path.Combine(_folder, "push-cache")) }, NullLogger.Instance);
    }

    private async Task<MultiPlatformImage> BuildCloneAsync(string origin, string name, GoBuildOptions options)
    {
        var checkout = Path.Combine(_folder, name);
        ProcessRunner.Run("git", ["clone", "-q", origin, checkout]).ExitCode.ShouldBe(0);
        return await MultiPlatformImageStep.RunAsync(SelectedGoBuilder.ForHost(Local), new MultiPlatformImageRequest
        {
            Module = GoModule.Load(checkout),
            Options = options,
            Platforms = Platforms,
            Spec = new RuntimeImageSpec().OnScratch(),
            ImageName = $"{Registry.Address}/{Repository}",
            Tag = Tag,
            OutputDirectory = Path.Combine(checkout, "artifacts"),
            Source = "https://example.com/hello.git",
            BlobCache = new BlobStore(Path.Combine(_folder, "cache-" + name)),
        }, NullLogger.Instance);
    }

    public PlatformImage ImageFor(string architecture) => First.Images.Single(i => i.Platform.Architecture == architecture);

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
