using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>
/// The image's config through the real Cake.Tool (#18 "The image"): entry point, command, environment, labels, annotations,
/// user, working directory, ports, per-binary settings, several tags, extra files, time zones and scratch's system files,
/// read back with docker inspect (engine) and skopeo (OCI layout, registry).
/// </summary>
[Collection(EngineCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ImageConfigRecipeTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly Dictionary<string, string> Credentials = new()
    {
        ["MINICONTAINER_REGISTRY_USERNAME"] = RegistryFixture.Username,
        ["MINICONTAINER_REGISTRY_PASSWORD"] = RegistryFixture.Password,
    };

    [EngineFact]
    public void On_scratch_the_engine_images_carry_the_settings_know_their_user_and_zones_and_every_tag_is_pushed_with_its_digest()
    {
        using var repository = ConsumerRepository.CopyOf("multi-cmd");
        var script = Path.Combine(repository.Directory, "build.cake");
        var greeter = $"greeter-{ImageCleanup.RunId}";
        File.WriteAllText(script, File.ReadAllText(script).Replace("// Our own gate before anything is built", $$"""
            MiniContainer.Settings.Binaries["clock"] = new() { Command = { "-zone=Europe/Paris" }, User = "1000:1000", Labels = { ["role"] = "clock" } };
            MiniContainer.Settings.Binaries["greet"] = new() { ImageName = "{{greeter}}" };
            MiniContainer.Settings.SmokeTests["clock"] = new SmokeTestSettings { ExpectedOutput = "Europe/Paris: " };
            // Our own gate before anything is built
            """));
        var (first, second) = ($"cfg-{ImageCleanup.RunId}", $"cfg-{ImageCleanup.RunId}-b");
        string[] references = [$"multi-cmd-clock:{first}", $"multi-cmd-clock:{second}", $"{greeter}:{first}", $"{greeter}:{second}"];
        try
        {
            var run = repository.BuildSh(Credentials, "Publish", "--engine=docker", $"--builder-image={TestBed.BuilderImage}", $"--image-tag={first},{second}",
                "--image-env=APP_MODE=test", "--image-label=team=core", "--expose=8080", "--workdir=/srv", "--image-annotation=com.example.team=core", $"--registry={registry.Address}");

            run.ExitCode.ShouldBe(0, run.Output);
            run.StandardOutput.ShouldContain("is composed in the Docker Engine, which keeps no manifest annotations, so --image-annotation is not on it");
            using (var clock = JsonDocument.Parse(Docker("image", "inspect", "--format", "{{json .Config}}", references[0])))
            {
                var config = clock.RootElement;
                config.GetProperty("User").GetString().ShouldBe("1000:1000");
                config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).ShouldBe(["/app/clock"]);
                config.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()).ShouldBe(["-zone=Europe/Paris"]);
                config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ShouldContain("APP_MODE=test");
                config.GetProperty("WorkingDir").GetString().ShouldBe("/srv");
                config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).ShouldBe(["8080/tcp"]);
                config.GetProperty("Labels").GetProperty("team").GetString().ShouldBe("core");
                config.GetProperty("Labels").GetProperty("role").GetString().ShouldBe("clock");
            }
            using (var greet = JsonDocument.Parse(Docker("image", "inspect", "--format", "{{json .Config}}", references[2])))
            {
                greet.RootElement.GetProperty("User").GetString().ShouldBe("65532:65532");
                greet.RootElement.GetProperty("Labels").TryGetProperty("role", out _).ShouldBeFalse("Binaries[\"clock\"] is clock's alone");
            }

            // The zoneinfo database on scratch, the builder image's: clock's own zone works, as its image says in its CMD.
            run.StandardOutput.ShouldContain($"the zoneinfo database of {TestBed.BuilderImage} staged in");
            File.Exists(Path.Combine(repository.Artifacts, "image", "zoneinfo", "Europe", "Paris")).ShouldBeTrue();
            var clockRun = Docker("run", "--rm", "--network", "none", references[0]);
            clockRun.ShouldContain("Europe/Paris: ");
            clockRun.ShouldNotContain("zone error");
            // /etc/passwd on scratch names the default user, so os/user finds it.
            Docker("run", "--rm", "--network", "none", references[2]).ShouldContain("hello, nonroot");
            TmpModeOf(references[2]).ShouldBe((UnixFileMode)Convert.ToInt32("1777", 8));

            var digest = File.ReadAllText(Path.Combine(repository.Artifacts, "image", "clock.digest")).Trim();
            registry.DigestBySkopeo("multi-cmd-clock", first).ShouldBe(digest);
            registry.DigestBySkopeo("multi-cmd-clock", second).ShouldBe(digest);
            var pushed = File.ReadAllLines(Path.Combine(repository.Artifacts, "image", "digests.txt"));
            pushed.Length.ShouldBe(4, string.Join("\n", pushed));
            pushed.ShouldContain($"{registry.Address}/multi-cmd-clock:{first} {digest}");
            pushed.ShouldContain($"{registry.Address}/multi-cmd-clock:{second} {digest}");
            pushed.ShouldContain($"{registry.Address}/{greeter}:{second} {registry.DigestBySkopeo(greeter, second)}");
        }
        finally
        {
            ProcessRunner.Run("docker", ["rmi", .. references]);
        }
    }

    [Fact]
    public void Without_an_engine_the_layout_and_both_pushed_tags_have_the_annotations_user_and_zones_and_the_extra_files_layer_is_the_same_every_build()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var files = Directory.CreateDirectory(Path.Combine(repository.Directory, "static"));
        var page = Path.Combine(files.FullName, "index.html");
        File.WriteAllText(page, "<p>hello</p>");
        Directory.CreateDirectory(Path.Combine(files.FullName, "bin"));
        File.WriteAllText(Path.Combine(files.FullName, "bin", "run.sh"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(files.FullName, "bin", "run.sh"), (UnixFileMode)Convert.ToInt32("750", 8));
        var repositoryName = $"hello-cfg-{ImageCleanup.RunId}";
        string[] arguments = ["ComposeImage", "--engine=none", "--base-image=scratch", "--extra-files=static:/srv/static", "--image-annotation=com.example.team=core",
            "--image-user=1000:1000", "--cmd=-version", "--image-tag=cfg", $"--image-name={repositoryName}"];
        var layout = Path.Combine(repository.Artifacts, "oci", repositoryName);

        var run = repository.BuildSh(Credentials, ["Publish", .. arguments[1..].Where(a => !a.StartsWith("--image-tag=", StringComparison.Ordinal)), "--image-tag=cfg,cfg-again", $"--registry={registry.Address}"]);

        run.ExitCode.ShouldBe(0, run.Output);
        // Both tags pushed from the layout, with the manifest's annotations.
        var digest = File.ReadAllText(Path.Combine(repository.Artifacts, "image", "hello.digest")).Trim();
        registry.DigestBySkopeo(repositoryName, "cfg").ShouldBe(digest);
        registry.DigestBySkopeo(repositoryName, "cfg-again").ShouldBe(digest);
        using (var pushed = JsonDocument.Parse(Skopeo("inspect", "--raw", "--tls-verify=false", "--creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}", $"docker://{registry.Address}/{repositoryName}:cfg-again")))
            pushed.RootElement.GetProperty("annotations").GetProperty("com.example.team").GetString().ShouldBe("core");
        File.ReadAllLines(Path.Combine(repository.Artifacts, "image", "digests.txt"))
            .ShouldBe([$"{registry.Address}/{repositoryName}:cfg {digest}", $"{registry.Address}/{repositoryName}:cfg-again {digest}"]);
        using (var config = JsonDocument.Parse(Skopeo("inspect", "--config", $"oci:{layout}:cfg")))
        {
            var inner = config.RootElement.GetProperty("config");
            inner.GetProperty("User").GetString().ShouldBe("1000:1000");
            inner.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).ShouldBe(["/app/hello"]);
            inner.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()).ShouldBe(["-version"]);
            inner.GetProperty("WorkingDir").GetString().ShouldBe("/app");
        }
        using (var manifest = JsonDocument.Parse(Skopeo("inspect", "--raw", $"oci:{layout}:cfg")))
            manifest.RootElement.GetProperty("annotations").GetProperty("com.example.team").GetString().ShouldBe("core");
        var layers = LayersByHistory(layout);
        var extra = layers["COPY extra-files/ /srv/static/"];
        var extraEntries = Entries(layout, extra);
        extraEntries["srv/static/index.html"].Mode.ShouldBe((UnixFileMode)Convert.ToInt32("644", 8));
        extraEntries["srv/static/bin/run.sh"].Mode.ShouldBe((UnixFileMode)Convert.ToInt32("755", 8));
        extraEntries.Values.ShouldAllBe(e => e.Uid == 0 && e.Gid == 0);
        Entries(layout, layers["COPY zoneinfo/ /usr/share/zoneinfo/"]).ShouldContainKey("usr/share/zoneinfo/Europe/Paris");
        var system = Entries(layout, layers.Single(l => l.Key.StartsWith("scratch: ", StringComparison.Ordinal)).Value);
        system["tmp/"].Mode.ShouldBe((UnixFileMode)Convert.ToInt32("1777", 8));

        // Another checkout's times and permission bits: the same layer, to the byte.
        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddDays(-30));
        File.SetUnixFileMode(page, (UnixFileMode)Convert.ToInt32("666", 8));
        Directory.Delete(Path.Combine(repository.Artifacts, "oci"), recursive: true);
        var again = repository.BuildSh(null, arguments);
        again.ExitCode.ShouldBe(0, again.Output);
        LayersByHistory(layout)["COPY extra-files/ /srv/static/"].ShouldBe(extra);

        var withoutZones = repository.BuildSh(null, [.. arguments, "--tzdata=false"]);
        withoutZones.ExitCode.ShouldBe(0, withoutZones.Output);
        LayersByHistory(layout).Keys.ShouldNotContain("COPY zoneinfo/ /usr/share/zoneinfo/");
    }

    [EngineFact]
    public void A_tag_extra_files_folder_or_user_that_cannot_work_stops_the_build_in_one_line_naming_the_argument()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var badTag = repository.BuildSh(null, "ComposeImage", "--engine=none", "--image-tag=1.0,v1:latest");
        badTag.ExitCode.ShouldNotBe(0);
        badTag.Output.ShouldContain("--image-tag=1.0,v1:latest: 'v1:latest' is not an image tag: up to 128 letters, digits, '_', '.' and '-'");

        var missing = repository.BuildSh(null, "ComposeImage", "--engine=none", "--extra-files=kodata");
        missing.ExitCode.ShouldNotBe(0);
        missing.Output.ShouldContain($"--extra-files=kodata: 'kodata' names no folder ({Path.Combine(repository.Directory, "kodata")} does not exist)");

        var user = repository.BuildSh(null, "ComposeImage", "--engine=none", "--base-image=scratch", "--image-user=www-data");
        user.ExitCode.ShouldNotBe(0);
        user.Output.ShouldContain("--image-user=www-data: 'www-data' is a name, and a scratch image has no /etc/passwd");
        var pair = repository.BuildSh(null, "ComposeImage", "--engine=none", "--image-env=GODEBUG");
        pair.ExitCode.ShouldNotBe(0);
        pair.Output.ShouldContain("--image-env=GODEBUG: 'GODEBUG' is not KEY=VALUE: give pairs comma-separated");

        // A name the base lacks is found in the base's own /etc/passwd, before an image is made.
        var baseArchive = Path.Combine(repository.Directory, "base.tar");
        ProcessRunner.Run("docker", ["save", "-o", baseArchive, TestBed.AlpineImage]).ExitCode.ShouldBe(0);
        var unknown = repository.BuildSh(null, "ComposeImage", "--engine=none", $"--base-image=docker-archive:{baseArchive}", "--image-user=nginx");
        unknown.ExitCode.ShouldNotBe(0);
        unknown.Output.ShouldContain("--image-user=nginx: The user 'nginx' is not in the /etc/passwd of the base image");
        Directory.Exists(Path.Combine(repository.Artifacts, "oci", "hello")).ShouldBeFalse("no image is written for a user it cannot run as");
        new[] { badTag, missing, user, pair, unknown }.ShouldAllBe(r => !r.Output.Contains("   at "));
    }

    private static string Docker(params string[] arguments)
    {
        var result = ProcessRunner.Run("docker", arguments);
        result.ExitCode.ShouldBe(0, result.StandardError);
        return result.StandardOutput;
    }

    private static string Skopeo(params string[] arguments)
    {
        var result = ProcessRunner.Run("skopeo", arguments);
        result.ExitCode.ShouldBe(0, result.StandardError);
        return result.StandardOutput;
    }

    /// <summary>The mode of /tmp in the image, from the file system of a container created (not started) from it.</summary>
    private static UnixFileMode TmpModeOf(string image)
    {
        var name = $"mc-cfg-tmp-{ImageCleanup.RunId}";
        var export = Path.Combine(TestBed.TempDirectory("cfg-export"), "fs.tar");
        Docker("create", "--name", name, "--network", "none", image);
        try
        {
            Docker("export", "-o", export, name);
            using var reader = new TarReader(File.OpenRead(export));
            while (reader.GetNextEntry() is { } entry)
                if (entry.Name.TrimEnd('/') == "tmp") return entry.Mode;
            throw new ShouldAssertException($"{image} has no /tmp");
        }
        finally
        {
            ProcessRunner.Run("docker", ["rm", name]);
            Directory.Delete(Path.GetDirectoryName(export)!, recursive: true);
        }
    }

    /// <summary>Each added layer's digest by the history line that made it (the layout's manifest and config, as skopeo reads them).</summary>
    private static Dictionary<string, string> LayersByHistory(string layout)
    {
        using var manifest = JsonDocument.Parse(Skopeo("inspect", "--raw", $"oci:{layout}:cfg"));
        using var config = JsonDocument.Parse(Skopeo("inspect", "--config", $"oci:{layout}:cfg"));
        var digests = manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList();
        var made = config.RootElement.GetProperty("history").EnumerateArray()
            .Where(h => !(h.TryGetProperty("empty_layer", out var empty) && empty.GetBoolean()))
            .Select(h => h.GetProperty("created_by").GetString()!).ToList();
        made.Count.ShouldBe(digests.Count);
        return made.Zip(digests).ToDictionary(p => p.First, p => p.Second);
    }

    private static Dictionary<string, TarEntry> Entries(string layout, string digest)
    {
        using var blob = File.OpenRead(Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]));
        using var reader = new TarReader(new GZipStream(blob, CompressionMode.Decompress));
        var entries = new Dictionary<string, TarEntry>();
        while (reader.GetNextEntry() is { } entry) entries[entry.Name] = entry;
        return entries;
    }
}
