using MiniContainer.IntegrationTests.Cake;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// hello's whole pipeline (to a push with registry credentials), run once with secrets in its
/// environment, as a CI job runs it: what it printed, wrote and produced is then searched.
/// </summary>
public sealed class PublishedHello : IAsyncLifetime
{
    /// <summary>A token as a private module setup carries it (in GOPROXY's URL, and a git token beside it).</summary>
    public const string GoPrivateToken = "ghp-Tk93-private-module-token";

    public RegistryFixture Registry { get; } = new();

    public ConsumerRepository Repository { get; private set; } = null!;

    public ProcessRunner.Result Run { get; private set; } = null!;

    public string Tag { get; } = $"secrets-{Guid.NewGuid():N}"[..20];

    public string Image => $"hello:{Tag}";

    public async Task InitializeAsync()
    {
        if (!TestBed.EngineRequired && !EngineProbe.Answers) return;
        await Registry.InitializeAsync();
        Repository = ConsumerRepository.CopyOf("hello");
        var environment = new Dictionary<string, string>
        {
            ["MINICONTAINER_REGISTRY_USERNAME"] = RegistryFixture.Username,
            ["MINICONTAINER_REGISTRY_PASSWORD"] = RegistryFixture.Password,
            ["GOPRIVATE"] = "git.example.com/private",
            ["GONOSUMDB"] = "git.example.com/private",
            ["GOPROXY"] = $"https://ci-bot:{GoPrivateToken}@goproxy.example.invalid,off",
            ["GIT_TOKEN"] = GoPrivateToken,
        };
        Run = Repository.BuildSh(environment, ["Publish", .. ConsumerRepository.TestImages, $"--registry={Registry.Address}", $"--tag={Tag}"]);
    }

    public async Task DisposeAsync()
    {
        if (Repository is null) return;
        ProcessRunner.Run("docker", ["rmi", "-f", Image, $"{Registry.Address}/hello:{Tag}"]);
        using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
        foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(engine, Repository.Directory))
            await engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
        Repository.Dispose();
        await Registry.DisposeAsync();
    }
}

[Collection(EngineCollection.Name)]
public sealed class PublishedImageTests(PublishedHello published) : IClassFixture<PublishedHello>
{
    private static readonly string[] Secrets = [RegistryFixture.Password, PublishedHello.GoPrivateToken];

    [EngineFact]
    public void No_secret_appears_in_any_log_line_report_file_or_layer_and_config_of_the_image()
    {
        published.Run.ExitCode.ShouldBe(0, published.Run.Output);
        var image = SavedImage.Of(published.Image);

        foreach (var secret in Secrets)
        {
            published.Run.Output.Split('\n').Where(line => line.Contains(secret)).ShouldBeEmpty();
            Directory.EnumerateFiles(published.Repository.Artifacts, "*", SearchOption.AllDirectories)
                .Where(file => File.ReadAllText(file).Contains(secret)).ShouldBeEmpty();
            image.WhereFound(secret).ShouldBeEmpty();
        }
        Directory.EnumerateFiles(published.Repository.Artifacts, "*", SearchOption.AllDirectories).Count().ShouldBeGreaterThan(3, "reports, the image list and the digest were searched");
        image.Layers.Count.ShouldBeGreaterThan(1);
    }

    [EngineFact]
    public void The_image_adds_only_the_binary_and_the_CA_bundle_to_its_base_and_runs_as_non_root()
    {
        published.Run.ExitCode.ShouldBe(0, published.Run.Output);
        var image = SavedImage.Of(published.Image);
        var baseImage = SavedImage.Of(TestBed.AlpineImage);

        for (var i = 0; i < baseImage.Layers.Count; i++)
            image.Layers[i].Keys.Order().ShouldBe(baseImage.Layers[i].Keys.Order(), $"base layer {i} unchanged");
        image.FilesOfLastLayers(image.Layers.Count - baseImage.Layers.Count)
            .ShouldBe(["app/hello", "etc/ssl/certs/ca-certificates.crt"]);
        var user = System.Text.Json.JsonDocument.Parse(image.ConfigJson).RootElement.GetProperty("config").GetProperty("User").GetString();
        user.ShouldNotBeNullOrEmpty();
        user.Split(':')[0].ShouldNotBeOneOf("0", "root");
        var run = ProcessRunner.Run("docker", ["run", "--rm", "--network", "none", published.Image, "-version"]);
        run.StandardOutput.ShouldContain("user uid 65532");
    }
}
