using System.Text;
using System.Text.Json;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Oci.Layers;

namespace MiniContainer.Tests.Oci;

public sealed class ImageConfigComposerTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly OciDigest SomeDigest = OciDigest.Of("layer"u8);
    private static readonly AddedLayer App = new(new LayerBlob(SomeDigest, 10, OciDigest.Of("tar"u8)), "COPY app/ /app/");

    private const string AlpineLike = """
        {"architecture":"amd64","os":"linux","config":{"User":"root","Env":["PATH=/usr/bin:/bin","LANG=C"],"Cmd":["/bin/sh"],
         "ExposedPorts":{"22/tcp":{}},"Labels":{"base":"yes","org.opencontainers.image.title":"alpine"},"Hostname":"abc","StopSignal":"SIGTERM"},
         "rootfs":{"type":"layers","diff_ids":["sha256:1111111111111111111111111111111111111111111111111111111111111111"]},
         "history":[{"created_by":"ADD rootfs"}],"container_config":{"Cmd":["x"]}}
        """;

    private static JsonElement Compose(RuntimeImageSpec spec, string? baseConfig = null)
    {
        var config = baseConfig is null ? null : ImageConfig.Read(Encoding.UTF8.GetBytes(baseConfig));
        return JsonDocument.Parse(ImageConfigComposer.Compose(config, spec, [App], Time, new OciPlatform("linux", "amd64"))).RootElement;
    }

    private static RuntimeImageSpec Hello => new RuntimeImageSpec().WithBinary("/tmp/hello");

    [Fact]
    public void On_scratch_the_config_has_the_specs_settings_the_time_and_one_diff_id()
    {
        var json = Compose(Hello.OnScratch().WithEnvironment("A", "1").WithExposedPort(8080).WithLabel("l", "v"));

        json.GetProperty("created").GetString().ShouldBe("2023-11-14T22:13:20Z");
        var config = json.GetProperty("config");
        config.GetProperty("User").GetString().ShouldBe("65532:65532");
        config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ShouldBe(["A=1"]);
        config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).ShouldBe(["/app/hello"]);
        config.TryGetProperty("Cmd", out _).ShouldBeFalse();
        config.GetProperty("WorkingDir").GetString().ShouldBe("/app");
        config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).ShouldBe(["8080/tcp"]);
        json.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()).ShouldBe([App.Blob.DiffId.ToString()]);
    }

    [Fact]
    public void The_working_directory_entry_point_command_and_user_are_the_specs()
    {
        var config = Compose(Hello.OnScratch().WithWorkingDirectory("/srv").WithEntrypoint("/app/hello", "serve").WithCommand("--port", "8080").WithUser("1000:1000")).GetProperty("config");

        config.GetProperty("WorkingDir").GetString().ShouldBe("/srv");
        config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).ShouldBe(["/app/hello", "serve"]);
        config.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()).ShouldBe(["--port", "8080"]);
        config.GetProperty("User").GetString().ShouldBe("1000:1000");
    }

    [Fact]
    public void On_a_base_env_ports_and_labels_are_kept_and_extended_and_its_cmd_goes_with_the_new_entrypoint()
    {
        var json = Compose(Hello.WithEnvironment("LANG", "C.UTF-8").WithEnvironment("Z", "2").WithExposedPort(8080).WithLabel(OciLabels.Title, "hello"), AlpineLike);

        var config = json.GetProperty("config");
        config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ShouldBe(["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "Z=2"]);
        config.TryGetProperty("Cmd", out _).ShouldBeFalse("a new ENTRYPOINT clears the base's CMD, as in a Dockerfile");
        config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).ShouldBe(["22/tcp", "8080/tcp"]);
        config.GetProperty("Labels").GetProperty("base").GetString().ShouldBe("yes");
        config.GetProperty("Labels").GetProperty(OciLabels.Title).GetString().ShouldBe("hello");
        config.GetProperty("StopSignal").GetString().ShouldBe("SIGTERM");
        config.TryGetProperty("Hostname", out _).ShouldBeFalse();
        json.TryGetProperty("container_config", out _).ShouldBeFalse();
        json.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength().ShouldBe(2);
        json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("created_by").GetString()).First().ShouldBe("ADD rootfs");
    }

    [Fact]
    public void Without_a_user_the_bases_user_stays()
    {
        Compose(Hello.AsBaseImageUser(), AlpineLike).GetProperty("config").GetProperty("User").GetString().ShouldBe("root");
        Compose(Hello.OnScratch().AsBaseImageUser()).GetProperty("config").TryGetProperty("User", out _).ShouldBeFalse();
    }

    [Fact]
    public void The_layers_follow_the_dockerfile_layout()
    {
        var layers = RuntimeImageLayers.For(Hello.WithBinary("/tmp/a-tool").WithCaBundle("/tmp/ca.pem"));

        layers.Count.ShouldBe(2);
        layers[0].Entries.Select(e => (e.Path, e.Mode)).ShouldBe([("etc/ssl/certs/ca-certificates.crt", LayerContent.FileMode)]);
        layers[1].Entries.Select(e => (e.Path, e.Mode)).ShouldBe([("app", LayerContent.DirectoryMode), ("app/a-tool", LayerContent.ExecutableMode), ("app/hello", LayerContent.ExecutableMode)]);
        layers[1].CreatedBy.ShouldBe("COPY app/ /app/");
    }
}
