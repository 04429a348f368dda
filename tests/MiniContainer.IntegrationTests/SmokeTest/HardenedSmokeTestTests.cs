using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.SmokeTest;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.SmokeTest;

/// <summary>
/// The smoke test as a hardened cluster runs containers (read-only root, capabilities dropped, no new privileges),
/// and the default check for a binary nobody wrote one for, on the real engine with the test bed's busybox image.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class HardenedSmokeTestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestLogger _logger = new(output);
    private DockerEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await DockerEngine.ConnectAsync(logger: _logger);

    public async Task DisposeAsync()
    {
        (await LeftoverContainers.OfStepsAsync(_engine, SmokeTestStep.StepName)).ShouldBeEmpty("the smoke test must remove its containers, the diagnosis runs too");
        _engine.Dispose();
    }

    private static SmokeTestSpec Shell(string script, string expectedOutput) => new() { Arguments = ["sh", "-c", script], ExpectedOutput = expectedOutput };

    [EngineFact]
    public async Task A_program_writing_outside_tmp_passes_unhardened_and_fails_hardened_naming_the_read_only_file_system()
    {
        var writesRoot = Shell("echo kept > /state && cat /state", "kept");

        await SmokeTestStep.RunAsync(_engine, TestBed.AlpineImage, writesRoot with { Hardened = false }, _logger);
        var error = await Should.ThrowAsync<SmokeTestFailedException>(() => SmokeTestStep.RunAsync(_engine, TestBed.AlpineImage, writesRoot, _logger));

        error.Message.ShouldContain("It passes with a read-only root file system (readOnlyRootFilesystem) lifted");
        error.Message.ShouldContain("write only to /tmp or to a volume mounted for it");
        error.Message.ShouldContain("--smoke-test-hardened=false");
        error.Message.ShouldContain("Read-only file system");
    }

    [EngineFact]
    public async Task Writing_to_tmp_passes_hardened_as_a_clusters_empty_dir_would_allow()
    {
        var result = await SmokeTestStep.RunAsync(_engine, TestBed.AlpineImage, Shell("echo kept > /tmp/state && cat /tmp/state", "kept"), _logger);

        result.Checked.ShouldContain("output contains \"kept\"");
    }

    [EngineFact]
    public async Task A_program_that_needs_a_capability_is_told_that_capabilities_were_dropped_not_the_file_system()
    {
        var chowns = Shell("touch /tmp/f && chown 1:1 /tmp/f && echo owned", "owned");

        var error = await Should.ThrowAsync<SmokeTestFailedException>(() => SmokeTestStep.RunAsync(_engine, TestBed.AlpineImage, chowns, _logger));

        error.Message.ShouldContain("It passes with all capabilities dropped (capabilities: drop: [ALL]) lifted");
        error.Message.ShouldNotContain("readOnlyRootFilesystem) lifted");
    }

    [EngineFact]
    public async Task A_program_broken_whatever_the_runtime_keeps_its_own_failure()
    {
        var error = await Should.ThrowAsync<SmokeTestFailedException>(() => SmokeTestStep.RunAsync(_engine, TestBed.AlpineImage, Shell("exit 3", "never"), _logger));

        error.Reason.ShouldBe("it exited with code 3, expected 0.");
    }

    [EngineFact]
    public async Task The_default_check_takes_a_program_still_running_after_three_seconds_for_a_server_and_passes_it()
    {
        var result = await SmokeTestStep.RunAsync(_engine, TestBed.AlpineImage, SmokeTestSpec.Default with { Arguments = ["sleep", "60"] }, _logger);

        result.Checked.ShouldBe("still running after 3 s, taken for a server");
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [EngineFact]
    public async Task The_default_check_still_fails_a_program_that_exits_non_zero()
    {
        var error = await Should.ThrowAsync<SmokeTestFailedException>(() => SmokeTestStep.RunAsync(_engine, TestBed.AlpineImage, SmokeTestSpec.Default with { Arguments = ["sh", "-c", "exit 4"] }, _logger));

        error.Reason.ShouldBe("it exited with code 4, expected 0.");
    }
}
