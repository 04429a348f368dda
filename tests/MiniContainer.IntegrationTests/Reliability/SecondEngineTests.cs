using System.Security.Cryptography;
using Docker.DotNet.Models;
using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Cake;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// Faults that need an engine of our own: it stops in the middle of a build and comes back, and it
/// is remote (plain TCP on loopback, so copy mode). The shared engine is never stopped.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SecondEngineTests(SecondEngine engine2) : IClassFixture<SecondEngine>
{
    [EngineFact]
    public async Task An_engine_that_stops_mid_build_gives_one_error_naming_it_and_after_it_returns_the_same_command_succeeds()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        string[] arguments = ["GoCompile", .. ConsumerRepository.TestImages];
        var remote = new Dictionary<string, string> { ["DOCKER_HOST"] = engine2.TcpHost };
        var started = DateTime.UtcNow;
        using (var cake = CakeProcess.Start(repository, new Dictionary<string, string>(remote) { ["GOFLAGS"] = SlowLink.AddTo(repository.Directory) }, arguments))
        {
            using (var engine = await engine2.ConnectAsync())
                await SlowLink.WaitForHeldBuildAsync(engine, CreatedSince(started), TimeSpan.FromMinutes(3), () => cake.Output + engine2.RecentLog);

            engine2.Stop();
            var (exitCode, _) = cake.WaitForExit(TimeSpan.FromSeconds(90));

            exitCode.ShouldNotBe(0, cake.Output);
            var errors = cake.Output.Split('\n').Where(line => line.Contains($"127.0.0.1:{engine2.Port}")).ToList();
            errors.ShouldHaveSingleItem(cake.Output).ShouldContain("GoCompile", customMessage: cake.Output);
            cake.Output.ShouldNotContain("   at ", customMessage: "no stack trace");
        }
        await engine2.StartAsync();

        var again = repository.BuildSh(remote, arguments);

        again.ExitCode.ShouldBe(0, again.Output);
        ProcessRunner.Run(Path.Combine(repository.Artifacts, "bin", "hello"), ["--version"]).StandardOutput.ShouldStartWith("hello 1.0.0");
        using var restarted = await engine2.ConnectAsync();
        var left = await restarted.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        left.ShouldBeEmpty("the interrupted build's container is removed by the next run, no manual cleanup");
    }

    [EngineTheory]
    [InlineData("unix")]
    [InlineData("tcp")]
    public async Task An_engine_frozen_mid_build_ends_the_build_within_the_inactivity_timeout_with_one_error_naming_it(string transport)
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var host = transport == "unix" ? engine2.UnixHost : engine2.TcpHost;
        var environment = new Dictionary<string, string> { ["DOCKER_HOST"] = host, ["GOFLAGS"] = SlowLink.AddTo(repository.Directory) };
        var started = DateTime.UtcNow;
        using var cake = CakeProcess.Start(repository, environment, ["GoCompile", .. ConsumerRepository.TestImages, "--inactivity-timeout=4s"]);
        try
        {
            using (var engine = await engine2.ConnectAsync())
                await SlowLink.WaitForHeldBuildAsync(engine, CreatedSince(started), TimeSpan.FromMinutes(3), () => cake.Output + engine2.RecentLog);

            engine2.Freeze();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (exitCode, _) = cake.WaitForExit(TimeSpan.FromSeconds(120));

            exitCode.ShouldNotBe(0, cake.Output);
            // 4 s of silence, a ping bounded by the same 4 s, the step's own check of the engine, and Cake's exit.
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), cake.Output);
            var errors = cake.Output.Split('\n').Where(line => line.Contains("stopped answering")).ToList();
            errors.Count.ShouldBe(1, cake.Output);
            errors[0].ShouldContain(host.Replace("unix://", "").Replace("tcp://", ""));
            errors[0].ShouldContain("GoCompile");
            errors[0].ShouldContain("--inactivity-timeout");
            cake.Output.ShouldNotContain("   at ", customMessage: "no stack trace");
            if (transport == "tcp")
            {
                // Copy mode's one-shot build container cannot be removed from a frozen engine: the warning says why and what to run.
                var removal = cake.Output.Split('\n').Where(line => line.StartsWith("Could not remove container", StringComparison.Ordinal)).ShouldHaveSingleItem(cake.Output);
                removal.ShouldContain("the Docker Engine did not answer within 4 s. Remove it with `docker rm -f ", customMessage: cake.Output);
            }
        }
        finally
        {
            engine2.Thaw();
            // The frozen build's container holds its linker for minutes: another test here would take it for its own.
            await engine2.RemoveAllContainersAsync();
        }
    }

    [EngineFact]
    public async Task A_remote_engine_over_loopback_tcp_builds_by_copy_and_gives_the_same_image()
    {
        using var local = ConsumerRepository.CopyOf("hello");
        using var remote = ConsumerRepository.CopyOf("hello");
        var tag = $"reliability-{Guid.NewGuid():N}"[..24];
        string[] arguments = ["ComposeImage", .. ConsumerRepository.TestImages, $"--image-tag={tag}"];
        using var mainEngine = await DockerEngine.ConnectAsync();
        try
        {
            var onRemote = remote.BuildSh(new Dictionary<string, string> { ["DOCKER_HOST"] = engine2.TcpHost }, arguments);
            var onLocal = local.BuildSh(null, arguments);

            onRemote.ExitCode.ShouldBe(0, onRemote.Output);
            onLocal.ExitCode.ShouldBe(0, onLocal.Output);
            onRemote.StandardOutput.ShouldContain("(copy through the engine)");
            onRemote.StandardOutput.ShouldNotContain("(bind mounts)");
            onLocal.StandardOutput.ShouldContain("(bind mounts)");
            Sha256(Path.Combine(remote.Artifacts, "bin", "hello")).ShouldBe(Sha256(Path.Combine(local.Artifacts, "bin", "hello")));
            var remoteImage = SavedImage.Of($"hello:{tag}", engine2.TcpHost);
            var localImage = SavedImage.Of($"hello:{tag}");
            remoteImage.Layers.Count.ShouldBe(localImage.Layers.Count);
            for (var i = 0; i < localImage.Layers.Count; i++)
                Contents(remoteImage.Layers[i]).ShouldBe(Contents(localImage.Layers[i]), $"layer {i}");
        }
        finally
        {
            await mainEngine.Client.Images.DeleteImageAsync($"hello:{tag}", new ImageDeleteParameters { Force = true });
            foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(mainEngine, local.Directory))
                await mainEngine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
        }
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static List<string> Contents(IReadOnlyDictionary<string, byte[]> layer) =>
        layer.Select(e => $"{e.Key} {Convert.ToHexString(SHA256.HashData(e.Value))}").Order().ToList();

    /// <summary>
    /// This test's build, not one an earlier test on this engine left holding its linker: freezing the engine
    /// while this build is still starting would test something else (and fail with another message).
    /// The engine counts creation in whole seconds.
    /// </summary>
    private static Func<ContainerListResponse, bool> CreatedSince(DateTime started) =>
        container => container.Created.ToUniversalTime() >= started.AddSeconds(-1);
}
