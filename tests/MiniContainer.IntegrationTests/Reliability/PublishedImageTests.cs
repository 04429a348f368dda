using System.Text;
using System.Text.Json;
using MiniContainer.IntegrationTests.Cake;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// hello's whole pipeline (to a push with registry credentials), run once as a CI job runs it: it
/// depends on a private module that only a token in GOPROXY's URL fetches, from a proxy on loopback.
/// What the build printed, wrote, composed, pushed and left running is then searched.
/// </summary>
public sealed class PublishedHello : IAsyncLifetime
{
    /// <summary>The private module proxy's token, as CI puts it in GOPROXY's URL.</summary>
    public const string GoProxyToken = "ghp-Tk93-private-module-token";

    public const string GoProxyUser = "ci-bot";

    public const string PrivateModule = "example.com/private/greeting";

    public RegistryFixture Registry { get; } = new();

    public AuthenticatedGoProxy GoProxy { get; } = new(GoProxyUser, GoProxyToken);

    /// <summary>A release of its own each run: the module cache volume is shared, and a cached module is not fetched.</summary>
    public string PrivateModuleVersion { get; } = $"v1.0.0-r{Guid.NewGuid():N}";

    /// <summary>The builder, trusting the CA of the proxy's certificate.</summary>
    public CaTrustingBuilderImage Builder { get; private set; } = null!;

    public ConsumerRepository Repository { get; private set; } = null!;

    public ProcessRunner.Result Run { get; private set; } = null!;

    public string Tag { get; } = $"secrets-{Guid.NewGuid():N}"[..20];

    public string Image => $"hello:{Tag}";

    public async Task InitializeAsync()
    {
        if (!TestBed.EngineRequired && !EngineProbe.Answers) return;
        await Registry.InitializeAsync();
        Builder = CaTrustingBuilderImage.Create(GoProxy.CaPem);
        Repository = ConsumerRepository.CopyOf("hello");
        DependOnThePrivateModule();
        var environment = new Dictionary<string, string>
        {
            ["MINICONTAINER_REGISTRY_USERNAME"] = RegistryFixture.Username,
            ["MINICONTAINER_REGISTRY_PASSWORD"] = RegistryFixture.Password,
            ["GOPROXY"] = GoProxy.Url,
            ["GOPRIVATE"] = "example.com/private",
            // GOPRIVATE alone would send the private module past the proxy, to its VCS.
            ["GONOPROXY"] = "none",
        };
        Run = Repository.BuildSh(environment, ["Publish", $"--builder-image={Builder.Reference}", $"--base-image={TestBed.AlpineImage}", $"--registry={Registry.Address}", $"--image-tag={Tag}"]);
    }

    private void DependOnThePrivateModule()
    {
        var goSum = GoProxy.Modules.AddModule(PrivateModule, PrivateModuleVersion, new Dictionary<string, string>
        {
            ["greeting.go"] = "// Package greeting is a private module's one function.\npackage greeting\n\nfunc Word() string { return \"hello from a private module\" }\n",
        });
        File.AppendAllText(Path.Combine(Repository.Directory, "go.mod"), $"\nrequire {PrivateModule} {PrivateModuleVersion}\n");
        File.WriteAllText(Path.Combine(Repository.Directory, "go.sum"), goSum);
        File.WriteAllText(Path.Combine(Repository.Directory, "greeting.go"),
            $"package main\n\nimport \"{PrivateModule}\"\n\n// Linked in, so the binary cannot build without the private module.\nvar greetingWord = greeting.Word()\n");
    }

    public async Task DisposeAsync()
    {
        await GoProxy.DisposeAsync();
        if (Repository is not null)
        {
            ProcessRunner.Run("docker", ["rmi", "-f", Image, $"{Registry.Address}/hello:{Tag}"]);
            using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
            foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(engine, Repository.Directory))
                await engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
            Repository.Dispose();
        }
        Builder?.Dispose(); // after its warm containers
        await Registry.DisposeAsync();
    }
}

[Collection(EngineCollection.Name)]
public sealed class PublishedImageTests(PublishedHello published) : IClassFixture<PublishedHello>
{
    private static readonly SecretForms Secrets = new(new Dictionary<string, string>
    {
        ["the registry password"] = RegistryFixture.Password,
        ["the GOPROXY token"] = PublishedHello.GoProxyToken,
    });

    [EngineFact]
    public void The_build_fetches_the_private_module_only_with_the_GOPROXY_token_and_links_it_into_the_binary()
    {
        published.Run.ExitCode.ShouldBe(0, published.Run.Output);
        var module = $"/{PublishedHello.PrivateModule}/@v/{published.PrivateModuleVersion}";
        published.GoProxy.Requests.ShouldContain(($"{module}.mod", true));
        published.GoProxy.Requests.ShouldContain(($"{module}.zip", true));
        published.GoProxy.Requests.Where(r => !r.Authorized).ShouldBeEmpty("every request to the private proxy carried the token");

        var binary = Path.Combine(published.Repository.Artifacts, "bin", "hello");
        var buildInfo = ProcessRunner.Run("go", ["version", "-m", binary]);
        buildInfo.ExitCode.ShouldBe(0, buildInfo.Output);
        buildInfo.StandardOutput.ShouldContain($"dep\t{PublishedHello.PrivateModule}\t{published.PrivateModuleVersion}");
    }

    [EngineFact]
    public void No_form_of_a_secret_appears_in_the_build_output_any_artifact_or_the_image_saved_from_the_engine()
    {
        published.Run.ExitCode.ShouldBe(0, published.Run.Output);

        published.Run.Output.Split('\n').SelectMany(line => Secrets.FoundIn(line).Select(form => $"{form}: {line}")).ShouldBeEmpty();
        Secrets.FoundInFiles(published.Repository.Artifacts).ShouldBeEmpty();
        var image = SavedImage.Of(published.Image);
        image.WhereFound(Secrets).ShouldBeEmpty();

        Directory.EnumerateFiles(published.Repository.Artifacts, "*", SearchOption.AllDirectories).Count().ShouldBeGreaterThan(3, "the binary, reports, the image list and the digest were searched");
        image.Layers.Count.ShouldBeGreaterThan(1);
    }

    [EngineFact]
    public void No_form_of_a_secret_appears_in_the_image_pulled_back_from_the_registry_or_any_blob_the_registry_stored()
    {
        published.Run.ExitCode.ShouldBe(0, published.Run.Output);
        var pulled = TestBed.TempDirectory("pulled");
        try
        {
            published.Registry.PullToOciLayout("hello", published.Tag, pulled);

            Secrets.FoundInFiles(pulled).ShouldBeEmpty();
            Secrets.FoundInFiles(published.Registry.StorageDirectory).ShouldBeEmpty();

            var blobs = Directory.GetFiles(Path.Combine(pulled, "blobs", "sha256"));
            blobs.Length.ShouldBeGreaterThanOrEqualTo(4, "the manifest, the config and at least two layers were searched");
            blobs.Count(blob => File.ReadAllBytes(blob) is [0x1f, 0x8b, ..]).ShouldBeGreaterThanOrEqualTo(2, "the gzip layers were searched decompressed");
        }
        finally
        {
            Directory.Delete(pulled, recursive: true);
        }
    }

    [EngineFact]
    public async Task No_form_of_a_secret_appears_in_the_inspection_of_the_containers_the_build_left_or_their_execs()
    {
        published.Run.ExitCode.ShouldBe(0, published.Run.Output);
        using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
        var containers = await LeftoverContainers.MountingAsync(engine, published.Repository.Directory);
        containers.ShouldNotBeEmpty("the warm builder stays after the build, and is what is inspected here");

        foreach (var id in containers)
        {
            var inspect = ProcessRunner.Run("docker", ["inspect", id]);
            inspect.ExitCode.ShouldBe(0, inspect.Output);
            Secrets.FoundIn(inspect.StandardOutput).ShouldBeEmpty($"docker inspect {id}");
            using var json = JsonDocument.Parse(inspect.StandardOutput);
            var execIds = json.RootElement[0].GetProperty("ExecIDs");
            if (execIds.ValueKind != JsonValueKind.Array) continue;
            foreach (var execId in execIds.EnumerateArray().Select(e => e.GetString()!))
            {
                var exec = await engine.Client.Exec.InspectContainerExecAsync(execId);
                Secrets.FoundIn(JsonSerializer.Serialize(exec)).ShouldBeEmpty($"exec {execId} of {id}");
            }
        }
    }

    [Fact]
    public void The_secret_search_finds_a_secret_plain_in_a_Basic_header_in_an_X_Registry_Auth_JSON_at_every_alignment_and_in_gzip()
    {
        var password = RegistryFixture.Password;
        static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        static string UrlSafe(string base64) => base64.Replace('+', '-').Replace('/', '_').TrimEnd('=');

        Secrets.FoundIn($"log: {password}").ShouldContain("the registry password (plain)");
        Secrets.FoundIn($"Authorization: Basic {Base64($"{RegistryFixture.Username}:{password}")}").ShouldNotBeEmpty();
        Secrets.FoundIn($"Authorization: Basic {Base64($"{PublishedHello.GoProxyUser}:{PublishedHello.GoProxyToken}")}").ShouldNotBeEmpty();
        var registryAuth = JsonSerializer.Serialize(new { username = RegistryFixture.Username, password, serveraddress = "127.0.0.1:5000" });
        Secrets.FoundIn($"X-Registry-Auth: {UrlSafe(Base64(registryAuth))}").ShouldNotBeEmpty();
        for (var offset = 0; offset < 3; offset++)
        {
            // Characters chosen so the standard and URL-safe encodings differ around the secret.
            var text = new string('?', offset) + password + "???";
            Secrets.FoundIn(Base64(text)).ShouldContain($"the registry password (base64 at offset {offset})");
            Secrets.FoundIn(UrlSafe(Base64(text))).ShouldContain($"the registry password (URL-safe base64 at offset {offset})");
        }
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes($"a layer file: {PublishedHello.GoProxyToken}"));
        Secrets.FoundIn(compressed.ToArray()).ShouldContain("the GOPROXY token (plain), gzip-compressed");
        Secrets.FoundIn("publisher:pw-Zq81-never-print-mE ghp-Tk93-private-module-tokeN").ShouldBeEmpty();
    }

    [EngineFact]
    public void The_image_adds_only_the_binary_the_CA_bundle_and_the_zoneinfo_database_to_its_base_and_runs_as_non_root()
    {
        published.Run.ExitCode.ShouldBe(0, published.Run.Output);
        var image = SavedImage.Of(published.Image);
        var baseImage = SavedImage.Of(TestBed.AlpineImage);

        for (var i = 0; i < baseImage.Layers.Count; i++)
            image.Layers[i].Keys.Order().ShouldBe(baseImage.Layers[i].Keys.Order(), $"base layer {i} unchanged");
        var added = image.FilesOfLastLayers(image.Layers.Count - baseImage.Layers.Count);
        added.Where(f => !f.StartsWith("usr/share/zoneinfo/", StringComparison.Ordinal)).ShouldBe(["app/hello", "etc/ssl/certs/ca-certificates.crt"]);
        added.ShouldContain("usr/share/zoneinfo/Europe/Paris", "--tzdata is on by default");
        var user = JsonDocument.Parse(image.ConfigJson).RootElement.GetProperty("config").GetProperty("User").GetString();
        user.ShouldNotBeNullOrEmpty();
        user.Split(':')[0].ShouldNotBeOneOf("0", "root");
        var run = ProcessRunner.Run("docker", ["run", "--rm", "--network", "none", published.Image, "-version"]);
        run.StandardOutput.ShouldContain("user uid 65532");
    }
}
