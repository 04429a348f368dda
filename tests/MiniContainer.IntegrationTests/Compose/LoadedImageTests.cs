using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Docker.Images;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Oci;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;
using MiniContainer.Oci.Outputs;
using MiniContainer.SmokeTest;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Compose;

/// <summary>ImageAssembly.Load: the image written here and loaded, against the real engine.</summary>
[Collection(EngineCollection.Name)]
public sealed class LoadedImageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly TestLogger _logger = new(output);
    private readonly BlobStore _store = new(TestBed.TempDirectory("load-blobs"));
    private DockerEngine _engine = null!;
    private ImageCleanup _images = null!;

    public async Task InitializeAsync()
    {
        _engine = await DockerEngine.ConnectAsync(logger: _logger);
        _images = new ImageCleanup(_engine);
    }

    public async Task DisposeAsync()
    {
        await _images.DisposeAsync();
        _engine.Dispose();
    }

    private ComposeImageRequest Request(RuntimeImageSpec spec, string tag) => new(spec, tag) { Created = Created, BlobCache = _store };

    [EngineFact]
    public async Task A_scratch_image_is_loaded_and_its_ID_is_the_config_digest_the_daemonless_path_writes()
    {
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello).WithLabel(OciLabels.Title, "hello");

        var loaded = await ComposeImageStep.RunAsync(_engine, Request(spec, _images.NewTag("hello", "loaded-scratch")), _logger);
        var daemonless = await DaemonlessComposeStep.RunAsync(
            new DaemonlessComposeRequest(spec, ["hello:daemonless"], new OciOutputs(Path.Combine(TestBed.TempDirectory("load-oci"), "layout"))) { Created = Created, BlobCache = _store });
        var run = await SmokeTestStep.RunAsync(_engine, loaded.Reference, SmokeTestSpec.OneShot("hello dev (go1.19", "--version"), _logger);

        loaded.Assembly.ShouldBe(ImageAssembly.Load);
        loaded.UpToDate.ShouldBeFalse();
        loaded.Id.ShouldBe(daemonless.ConfigDigest.ToString());
        run.OutputText.ShouldContain("user nonroot");
        var inspected = await _engine.Client.Images.InspectImageAsync(loaded.Reference);
        inspected.Created.ShouldBe(Created.UtcDateTime);
        inspected.Config!.WorkingDir.ShouldBe("/app");
        inspected.Config.Labels![OciLabels.Title].ShouldBe("hello");
        // The binary and scratch's /etc/passwd and /etc/group.
        loaded.Sizes.Total.ShouldBe(new FileInfo(ImageBinaries.Hello).Length + MiniContainer.Oci.Layers.ScratchSystemFiles.For(RuntimeImageSpec.DefaultUser).Entries.Sum(e => e.Content?.Length ?? 0));
        Directory.EnumerateFileSystemEntries(Path.Combine(_store.Root, "tmp")).ShouldBeEmpty("the layer and archive written for the load are removed");
    }

    [EngineFact]
    public async Task An_image_on_a_base_in_the_engine_adds_one_layer_keeps_the_bases_settings_and_matches_the_daemonless_image()
    {
        var spec = new RuntimeImageSpec().WithBaseImage(TestBed.AlpineImage).WithBinary(ImageBinaries.Hello).WithEnvironment("GREETING", "hi");
        var baseImage = await _engine.Client.Images.InspectImageAsync(TestBed.AlpineImage);

        var loaded = await ComposeImageStep.RunAsync(_engine, Request(spec, _images.NewTag("hello", "loaded-alpine")), _logger);
        var daemonless = await DaemonlessComposeStep.RunAsync(
            new DaemonlessComposeRequest(spec, ["hello:daemonless"], new OciOutputs(Path.Combine(TestBed.TempDirectory("load-oci"), "layout")))
            {
                Base = new BaseImageSource.DockerArchive(AlpineStandInArchive.File), Created = Created, BlobCache = _store,
            });
        var environment = ProcessRunner.Run("docker", ["run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", loaded.Reference, "-c", "env"]);

        loaded.Assembly.ShouldBe(ImageAssembly.Load);
        loaded.Id.ShouldBe(daemonless.ConfigDigest.ToString());
        var inspected = await _engine.Client.Images.InspectImageAsync(loaded.Reference);
        inspected.RootFS!.Layers!.Count.ShouldBe(baseImage.RootFS!.Layers!.Count + 1);
        inspected.RootFS.Layers.Take(baseImage.RootFS.Layers.Count).ShouldBe(baseImage.RootFS.Layers);
        environment.ExitCode.ShouldBe(0, environment.Output);
        environment.StandardOutput.ShouldContain("GREETING=hi");
        inspected.Config!.Env!.ShouldContain(e => e.StartsWith("PATH=", StringComparison.Ordinal), "the base's PATH is kept");
        loaded.Sizes.BaseImage.ShouldBe(baseImage.Size);
    }

    [EngineFact]
    public async Task The_bases_config_is_read_from_the_engine_once_and_then_kept_by_image_ID()
    {
        var baseId = (await _engine.Client.Images.InspectImageAsync(TestBed.AlpineImage)).ID;
        var index = Path.Combine(_store.Root, "engine-image-configs", OciDigest.Parse(baseId).Hex);

        await ComposeImageStep.RunAsync(_engine, Request(new RuntimeImageSpec().WithBaseImage(TestBed.AlpineImage).WithBinary(ImageBinaries.Hello), _images.NewTag("hello", "base-config")), _logger);

        File.Exists(index).ShouldBeTrue();
        var configDigest = OciDigest.Parse(File.ReadAllText(index));
        OciDigest.Of(File.ReadAllBytes(_store.PathOf(configDigest))).ShouldBe(configDigest);
        configDigest.ToString().ShouldBe(baseId, "on the engine's own image store an image ID is its config's digest");
    }

    [EngineFact]
    public async Task A_load_the_engine_refuses_fails_with_its_words_under_Load_and_falls_back_to_the_Dockerfile_build_under_Auto()
    {
        var spec = new RuntimeImageSpec().WithBaseImage(TestBed.AlpineImage).WithBinary(ImageBinaries.Hello);
        await ComposeImageStep.RunAsync(_engine, Request(spec, _images.NewTag("hello", "before-refusal")), _logger);
        // The cached base config now names a layer the engine does not have: the thin archive cannot be loaded.
        var baseId = (await _engine.Client.Images.InspectImageAsync(TestBed.AlpineImage)).ID;
        var index = Path.Combine(_store.Root, "engine-image-configs", OciDigest.Parse(baseId).Hex);
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(_store.PathOf(OciDigest.Parse(File.ReadAllText(index)))))!;
        config["rootfs"]!["diff_ids"]![0] = OciDigest.Of(Guid.NewGuid().ToByteArray()).ToString();
        File.WriteAllText(index, _store.AddBytes(System.Text.Encoding.UTF8.GetBytes(config.ToJsonString())).ToString());

        var refused = await Should.ThrowAsync<ImageLoadFailedException>(() =>
            ComposeImageStep.RunAsync(_engine, Request(spec, _images.NewTag("hello", "load-refused")) with { Assembly = ImageAssembly.Load }, _logger));
        var fallback = await ComposeImageStep.RunAsync(_engine, Request(spec, _images.NewTag("hello", "fallback")), _logger);

        refused.Message.ShouldStartWith("The engine could not load ");
        refused.Error.ShouldNotBeNullOrWhiteSpace();
        fallback.Assembly.ShouldBe(ImageAssembly.DockerfileBuild);
        _logger.Text.ShouldContain("building it from the Dockerfile instead");
        (await SmokeTestStep.RunAsync(_engine, fallback.Reference, SmokeTestSpec.OneShot("user uid 65532", "--version"), _logger)).OutputText.ShouldContain("hello dev");
    }

    [EngineFact]
    public async Task The_Dockerfile_build_is_used_when_asked_for_and_gives_a_running_image_of_the_same_files()
    {
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello);

        var built = await ComposeImageStep.RunAsync(_engine, Request(spec, _images.NewTag("hello", "dockerfile")) with { Assembly = ImageAssembly.DockerfileBuild }, _logger);
        var loaded = await ComposeImageStep.RunAsync(_engine, Request(spec, _images.NewTag("hello", "load")) with { Assembly = ImageAssembly.Load }, _logger);

        built.Assembly.ShouldBe(ImageAssembly.DockerfileBuild);
        loaded.Assembly.ShouldBe(ImageAssembly.Load);
        built.Id.ShouldNotBe(loaded.Id, "the engine's build stamps its own times");
        built.Sizes.Total.ShouldBe(loaded.Sizes.Total);
        (await SmokeTestStep.RunAsync(_engine, built.Reference, SmokeTestSpec.OneShot("user nonroot", "--version"), _logger)).OutputText.ShouldContain("hello dev");
    }

    [EngineFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Scratch_files_zoneinfo_links_and_extra_files_have_the_same_modes_whether_built_from_the_Dockerfile_or_loaded()
    {
        var folder = TestBed.TempDirectory("support-layers");
        var zoneinfo = Directory.CreateDirectory(Path.Combine(folder, "zoneinfo", "Europe")).Parent!.FullName;
        File.WriteAllText(Path.Combine(zoneinfo, "Europe", "Paris"), "TZif2");
        File.CreateSymbolicLink(Path.Combine(zoneinfo, "Europe", "Monaco"), "Paris");
        var extra = Directory.CreateDirectory(Path.Combine(folder, "static")).FullName;
        File.WriteAllText(Path.Combine(extra, "run.sh"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(extra, "run.sh"), (UnixFileMode)Convert.ToInt32("700", 8));
        File.WriteAllText(Path.Combine(extra, "index.html"), "<p>hi</p>");
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello).WithTimeZoneDatabase(zoneinfo).WithExtraFiles(extra, "/srv/static").WithWorkingDirectory("/srv");

        var built = await ComposeImageStep.RunAsync(_engine, Request(spec, _images.NewTag("hello", "support-dockerfile")) with { Assembly = ImageAssembly.DockerfileBuild }, _logger);
        var loaded = await ComposeImageStep.RunAsync(_engine, Request(spec, _images.NewTag("hello", "support-load")) with { Assembly = ImageAssembly.Load }, _logger);

        string[] paths = ["tmp", "etc/passwd", "etc/group", "usr/share/zoneinfo/Europe/Paris", "usr/share/zoneinfo/Europe/Monaco", "srv/static/run.sh", "srv/static/index.html", "srv"];
        var fromDockerfile = FileSystemOf(built.Reference, paths);
        var fromLoad = FileSystemOf(loaded.Reference, paths);
        fromLoad.ShouldBe(fromDockerfile);
        fromLoad["tmp"].ShouldBe("Directory 1777 0:0");
        fromLoad["usr/share/zoneinfo/Europe/Monaco"].ShouldBe("SymbolicLink 777 0:0 -> Paris");
        fromLoad["srv/static/run.sh"].ShouldBe("RegularFile 755 0:0");
        fromLoad["srv/static/index.html"].ShouldBe("RegularFile 644 0:0");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Type, mode, owner (and link target) of some paths in the image, from the file system of a container created from it.</summary>
    private static Dictionary<string, string> FileSystemOf(string image, string[] paths)
    {
        var name = $"mc-support-{ImageCleanup.RunId}-{Guid.NewGuid():N}"[..40];
        var export = Path.Combine(TestBed.TempDirectory("support-export"), "fs.tar");
        ProcessRunner.Run("docker", ["create", "--name", name, "--network", "none", image]).ExitCode.ShouldBe(0);
        try
        {
            ProcessRunner.Run("docker", ["export", "-o", export, name]).ExitCode.ShouldBe(0);
            using var reader = new System.Formats.Tar.TarReader(File.OpenRead(export));
            var found = new Dictionary<string, string>();
            while (reader.GetNextEntry() is { } entry)
            {
                var path = entry.Name.TrimEnd('/');
                if (paths.Contains(path))
                    found[path] = $"{entry.EntryType} {Convert.ToString((int)entry.Mode, 8)} {entry.Uid}:{entry.Gid}" + (entry.LinkName.Length > 0 ? $" -> {entry.LinkName}" : "");
            }
            return found;
        }
        finally
        {
            ProcessRunner.Run("docker", ["rm", name]);
            Directory.Delete(Path.GetDirectoryName(export)!, recursive: true);
        }
    }
}
