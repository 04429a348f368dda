using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>
/// examples/ci/.gitlab-ci.yml run on this machine with a loopback engine that takes only TLS as its docker:dind, twice in
/// fresh checkouts with the cache carried between them, against a loopback registry with basic auth and a test signing key.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class GitLabCiTests(RegistryFixture registry, TestSigningKeys keys, DindEngine dind)
    : IClassFixture<RegistryFixture>, IClassFixture<TestSigningKeys>, IClassFixture<DindEngine>
{
    private static string File => Path.Combine(CiCheckout.Examples, ".gitlab-ci.yml");

    [EngineFact]
    public async Task The_publish_job_pushes_a_signed_image_from_dind_over_TLS_it_verifies_and_its_next_run_restores_and_compiles_from_the_cache()
    {
        var job = new GitLabCiJob(File);
        job.Image.ShouldNotBeNullOrEmpty("the job names an image with the .NET SDK");
        using var cache = new CiCacheStore();
        using var first = CiCheckout.Clone();
        using var second = CiCheckout.Clone();

        var firstRun = job.Run(first, cache, dind.AsService, ProjectVariables, CiJobChecks.Runner);

        var digest = CiJobChecks.ShouldHavePushedAndVerified(firstRun, first, registry, keys);
        CiJobChecks.ShouldBeSigned(registry, keys, digest);
        using (var remote = await dind.ConnectOverTlsAsync(dind.ClientCertificates))
            // dind composed it: the image it holds is the one pushed (PublishImage pushes the layout beside it with the registry API).
            (await remote.Client.Images.InspectImageAsync("hello:latest")).ID.ShouldBe(registry.ConfigDigestBySkopeo("hello", "latest"), "dind built what was pushed");

        // A fresh dind for the next job: nothing of the first one's builds, only what the cache saved.
        await dind.RemoveAllContainersAsync();
        var secondRun = job.Run(second, cache, dind.AsService, ProjectVariables, CiJobChecks.Runner);

        CiJobChecks.ShouldHavePushedAndVerified(secondRun, second, registry, keys);
        CiJobChecks.ShouldHaveBuiltFromTheCache(firstRun, secondRun, second, cache);
    }

    // The project's CI/CD variables (masked where secret), as the README lists them.
    private Dictionary<string, string> ProjectVariables => new()
    {
        ["DOTNET_SDK_IMAGE"] = "the runner's .NET SDK image",
        ["REGISTRY"] = registry.Address,
        ["MINICONTAINER_REGISTRY_USERNAME"] = RegistryFixture.Username, ["MINICONTAINER_REGISTRY_PASSWORD"] = RegistryFixture.Password,
        ["SIGN_KEY"] = System.IO.File.ReadAllText(keys.Key), ["MINICONTAINER_SIGN_KEY_PASSWORD"] = TestSigningKeys.Password,
        ["SIGN_PUBLIC_KEY"] = System.IO.File.ReadAllText(keys.PublicKey),
    };
}
