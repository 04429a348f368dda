using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>
/// examples/ci/.github/workflows/publish.yml run step by step on this machine (its engine as the hosted runner's), twice in
/// fresh checkouts with the cache carried between them, against a loopback registry with basic auth and a test signing key.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class GitHubActionsWorkflowTests(RegistryFixture registry, TestSigningKeys keys) : IClassFixture<RegistryFixture>, IClassFixture<TestSigningKeys>
{
    private static string Workflow => Path.Combine(CiCheckout.Examples, ".github", "workflows", "publish.yml");

    [EngineFact]
    public async Task The_publish_workflow_pushes_a_signed_image_it_verifies_and_its_next_run_restores_and_compiles_from_the_saved_cache()
    {
        var job = new GitHubActionsJob(Workflow);
        using var cache = new CiCacheStore();
        using var first = CiCheckout.Clone();
        using var second = CiCheckout.Clone();
        using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
        try
        {
            var firstRun = job.Run(first, cache, Secrets, Vars, CiJobChecks.Runner);

            var digest = CiJobChecks.ShouldHavePushedAndVerified(firstRun, first, registry, keys);
            CiJobChecks.ShouldBeSigned(registry, keys, digest);

            // The next job runs on a fresh runner: no warm builder of the first, only what the cache step saved.
            await RemoveWarmBuildersAsync(engine, first.Directory);
            var secondRun = job.Run(second, cache, Secrets, Vars, CiJobChecks.Runner);

            CiJobChecks.ShouldHavePushedAndVerified(secondRun, second, registry, keys);
            CiJobChecks.ShouldHaveBuiltFromTheCache(firstRun, secondRun, second, cache);
        }
        finally
        {
            await RemoveWarmBuildersAsync(engine, first.Directory);
            await RemoveWarmBuildersAsync(engine, second.Directory);
        }
    }

    private Dictionary<string, string> Secrets => new()
    {
        ["REGISTRY_USERNAME"] = RegistryFixture.Username, ["REGISTRY_PASSWORD"] = RegistryFixture.Password,
        ["SIGN_KEY"] = File.ReadAllText(keys.Key), ["SIGN_KEY_PASSWORD"] = TestSigningKeys.Password,
    };

    private Dictionary<string, string> Vars => new() { ["REGISTRY"] = registry.Address, ["SIGN_PUBLIC_KEY"] = File.ReadAllText(keys.PublicKey) };

    private static async Task RemoveWarmBuildersAsync(MiniContainer.Docker.DockerEngine engine, string source)
    {
        foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(engine, source))
            await engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
    }
}
