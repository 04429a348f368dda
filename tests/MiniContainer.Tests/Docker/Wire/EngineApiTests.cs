using System.Net;
using System.Text;
using System.Text.Json;
using MiniContainer.Docker.Wire;

namespace MiniContainer.Tests.Docker.Wire;

/// <summary>The engine client's HTTP and JSON, against a socket that answers as the engine does.</summary>
public sealed class EngineApiTests
{
    private static string Json(int status, string reason, string json) =>
        $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}";

    private static string Chunked(string contentType, params string[] chunks) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n" +
        string.Concat(chunks.Select(c => $"{Encoding.UTF8.GetByteCount(c):x}\r\n{c}\r\n")) + "0\r\n\r\n";

    [Fact]
    public async Task An_image_inspect_reads_the_id_and_size_and_a_missing_image_is_null()
    {
        await using var engine = new ScriptedEngine(
            Json(200, "OK", """{"Id":"sha256:abc","Size":5049608,"RepoTags":["hello:latest"],"Config":{"Labels":null}}"""),
            Json(404, "Not Found", """{"message":"No such image: nope:1"}"""));
        var api = new EngineApi(engine.Endpoint);

        (await api.InspectImageAsync("hello:latest", CancellationToken.None)).ShouldBe(new EngineImage("sha256:abc", 5049608));
        (await api.InspectImageAsync("nope:1", CancellationToken.None)).ShouldBeNull();
        engine.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe(["GET /images/hello:latest/json", "GET /images/nope:1/json"]);
        engine.Requests[0].Headers["Connection"].ShouldBe("close");
    }

    [Fact]
    public async Task An_error_status_carries_the_engines_own_message()
    {
        await using var engine = new ScriptedEngine(Json(500, "Internal Server Error", """{"message":"layer does not exist"}"""));

        var error = await Should.ThrowAsync<EngineApiException>(() => new EngineApi(engine.Endpoint).TagImageAsync("sha256:abc", "hello", "1.0", CancellationToken.None));

        error.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        error.EngineMessage.ShouldBe("layer does not exist");
        engine.Requests.Single().Path.ShouldBe("/images/sha256:abc/tag?repo=hello&tag=1.0");
    }

    [Fact]
    public async Task A_container_inspect_reads_state_labels_and_execs_from_a_chunked_answer()
    {
        const string body = """{"Id":"c0ffee","State":{"Running":true,"StartedAt":"2026-12-01T06:00:00.123456789Z"},"Config":{"Labels":{"a":"1","b":""}},"ExecIDs":["e1","e2"]}""";
        await using var engine = new ScriptedEngine(Chunked("application/json", body[..20], body[20..]));

        var container = await new EngineApi(engine.Endpoint).InspectContainerAsync("warm", CancellationToken.None);

        container.ShouldNotBeNull();
        container.Id.ShouldBe("c0ffee");
        container.Running.ShouldBeTrue();
        container.StartedAt.ShouldBe("2026-12-01T06:00:00.123456789Z");
        container.Labels.ShouldBe(new Dictionary<string, string> { ["a"] = "1", ["b"] = "" });
        container.ExecIds.ShouldBe(["e1", "e2"]);
    }

    [Fact]
    public async Task An_exec_is_created_with_its_command_environment_and_folder_as_json()
    {
        await using var engine = new ScriptedEngine(Json(201, "Created", """{"Id":"exec1"}"""));

        var id = await new EngineApi(engine.Endpoint).CreateExecAsync("c0ffee", ["go", "build", "-o", "/out/a b"], ["GOFLAGS=-mod=vendor"], "/src", CancellationToken.None);

        id.ShouldBe("exec1");
        var request = engine.Requests.Single();
        request.Path.ShouldBe("/containers/c0ffee/exec");
        request.Headers["Content-Type"].ShouldBe("application/json");
        using var json = JsonDocument.Parse(request.Body);
        json.RootElement.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()).ShouldBe(["go", "build", "-o", "/out/a b"]);
        json.RootElement.GetProperty("Env")[0].GetString().ShouldBe("GOFLAGS=-mod=vendor");
        json.RootElement.GetProperty("WorkingDir").GetString().ShouldBe("/src");
        json.RootElement.GetProperty("AttachStderr").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task An_exec_inspect_gives_the_program_then_its_arguments_and_the_exit_code()
    {
        await using var engine = new ScriptedEngine(Json(200, "OK", """{"Running":false,"ExitCode":2,"ProcessConfig":{"entrypoint":"sh","arguments":["-c","x","minicontainer@m:1"]}}"""));

        var exec = await new EngineApi(engine.Endpoint).InspectExecAsync("exec1", CancellationToken.None);

        exec.ShouldBe(new EngineExec(false, 2, ["sh", "-c", "x", "minicontainer@m:1"]), new ExecComparer());
    }

    private sealed class ExecComparer : IEqualityComparer<EngineExec>
    {
        public bool Equals(EngineExec? x, EngineExec? y) => x!.Running == y!.Running && x.ExitCode == y.ExitCode && x.Command.SequenceEqual(y.Command);
        public int GetHashCode(EngineExec obj) => 0;
    }

    [Fact]
    public async Task A_container_list_filters_by_label_and_reads_each_id_and_labels()
    {
        await using var engine = new ScriptedEngine(Json(200, "OK", """[{"Id":"c1","Labels":{"k":"v"}},{"Id":"c2","Labels":null}]"""));

        var containers = await new EngineApi(engine.Endpoint).ListContainersAsync("org.minicontainer.managed=true", CancellationToken.None);

        containers.Select(c => c.Id).ShouldBe(["c1", "c2"]);
        containers[0].Labels["k"].ShouldBe("v");
        containers[1].Labels.ShouldBeEmpty();
        var path = engine.Requests.Single().Path;
        path.ShouldStartWith("/containers/json?all=1&filters=");
        Uri.UnescapeDataString(path[(path.IndexOf("filters=", StringComparison.Ordinal) + 8)..]).ShouldBe("""{"label":{"org.minicontainer.managed=true":true}}""");
    }

    [Fact]
    public async Task Removing_a_container_that_is_gone_is_not_an_error()
    {
        await using var engine = new ScriptedEngine(Json(404, "Not Found", """{"message":"No such container: c1"}"""), "HTTP/1.1 204 No Content\r\n\r\n");
        var api = new EngineApi(engine.Endpoint);

        (await api.RemoveContainerAsync("c1", CancellationToken.None)).ShouldBeFalse();
        (await api.RemoveContainerAsync("c2", CancellationToken.None)).ShouldBeTrue();
        engine.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe(["DELETE /containers/c1?force=1", "DELETE /containers/c2?force=1"]);
    }

    [Fact]
    public async Task A_load_streams_the_archive_chunked_and_returns_what_the_engine_loaded()
    {
        await using var engine = new ScriptedEngine(Chunked("application/json", """{"stream":"Loaded image: hello:latest\n"}""" + "\r\n", """{"stream":"Loaded image ID: sha256:abc\n"}"""));
        var archive = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray();

        var loaded = await new EngineApi(engine.Endpoint).LoadImageAsync(async (stream, ct) =>
        {
            await stream.WriteAsync(archive.AsMemory(0, 70_000), ct);
            await stream.WriteAsync(archive.AsMemory(70_000), ct);
        }, CancellationToken.None);

        loaded.ShouldBe(["Loaded image: hello:latest", "Loaded image ID: sha256:abc"]);
        var request = engine.Requests.Single();
        request.Path.ShouldBe("/images/load?quiet=1");
        request.Headers["Transfer-Encoding"].ShouldBe("chunked");
        request.Body.ShouldBe(archive);
    }

    [Fact]
    public async Task A_load_the_engine_refuses_in_its_message_stream_fails_with_its_words()
    {
        await using var engine = new ScriptedEngine(Chunked("application/json", """{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}"""));

        var error = await Should.ThrowAsync<EngineApiException>(() =>
            new EngineApi(engine.Endpoint).LoadImageAsync((stream, ct) => stream.WriteAsync(new byte[10], ct).AsTask(), CancellationToken.None));

        error.EngineMessage.ShouldBe("unexpected EOF");
    }

    [Fact]
    public async Task A_started_exec_streams_its_output_until_the_engine_closes_the_connection()
    {
        var frames = new MemoryStream();
        void Frame(byte stream, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            frames.Write([stream, 0, 0, 0, (byte)(bytes.Length >> 24), (byte)(bytes.Length >> 16), (byte)(bytes.Length >> 8), (byte)bytes.Length]);
            frames.Write(bytes);
        }
        Frame(1, "building\n");
        Frame(2, "./main.go:4:2: undefined: x\n");
        Frame(1, "done");
        await using var engine = new ScriptedEngine("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n" + Encoding.UTF8.GetString(frames.ToArray()));

        await using var started = await new EngineApi(engine.Endpoint).StartExecAsync("exec1", CancellationToken.None);
        var reader = new MultiplexedFrames(started.Body);
        var output = new List<(string, bool)>();
        var buffer = new byte[4];
        while (await reader.ReadAsync(buffer, CancellationToken.None) is var (count, isError) && count > 0)
            output.Add((Encoding.UTF8.GetString(buffer, 0, count), isError));

        string.Concat(output.Where(o => !o.Item2).Select(o => o.Item1)).ShouldBe("building\ndone");
        string.Concat(output.Where(o => o.Item2).Select(o => o.Item1)).ShouldBe("./main.go:4:2: undefined: x\n");
        JsonDocument.Parse(engine.Requests.Single().Body).RootElement.GetProperty("Detach").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_ping_to_a_socket_where_nothing_listens_fails_with_the_sockets_error()
    {
        var api = new EngineApi(new Uri("unix:///tmp/mc-no-engine-" + Guid.NewGuid().ToString("N") + ".sock"));

        await Should.ThrowAsync<System.Net.Sockets.SocketException>(() => api.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_volume_inspect_gives_its_creation_time_and_a_missing_volume_null()
    {
        await using var engine = new ScriptedEngine(
            Json(200, "OK", """{"Name":"minicontainer-gomodcache","CreatedAt":"2026-12-01T06:00:00Z","Driver":"local"}"""),
            Json(404, "Not Found", """{"message":"get nope: no such volume"}"""));
        var api = new EngineApi(engine.Endpoint);

        (await api.VolumeCreatedAtAsync("minicontainer-gomodcache", CancellationToken.None)).ShouldBe("2026-12-01T06:00:00Z");
        (await api.VolumeCreatedAtAsync("nope", CancellationToken.None)).ShouldBeNull();
        engine.Requests[0].Path.ShouldBe("/volumes/minicontainer-gomodcache");
    }

    [Fact]
    public async Task A_container_is_created_with_its_command_mounts_and_labels_then_started()
    {
        await using var engine = new ScriptedEngine(Json(201, "Created", """{"Id":"c0ffee","Warnings":[]}"""), "HTTP/1.1 204 No Content\r\n\r\n");
        var api = new EngineApi(engine.Endpoint);

        var id = await api.CreateContainerAsync(new EngineContainerCreation("warm-1", "builder:1", ["sh", "-c"], ["sleep 600"])
        {
            WorkingDirectory = "/src",
            Labels = new Dictionary<string, string> { ["org.minicontainer.managed"] = "true" },
            AutoRemove = true,
            NetworkMode = "none",
            Binds = ["/home/me/app:/src:ro"],
            VolumeMounts = [("minicontainer-gocache", "/minicontainer/gocache")],
        }, CancellationToken.None);
        await api.StartContainerAsync(id, CancellationToken.None);

        id.ShouldBe("c0ffee");
        engine.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe(["POST /containers/create?name=warm-1", "POST /containers/c0ffee/start"]);
        using var json = JsonDocument.Parse(engine.Requests[0].Body);
        var root = json.RootElement;
        root.GetProperty("Image").GetString().ShouldBe("builder:1");
        root.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).ShouldBe(["sh", "-c"]);
        root.GetProperty("Cmd")[0].GetString().ShouldBe("sleep 600");
        root.TryGetProperty("User", out _).ShouldBeFalse("no user: the image's own");
        root.GetProperty("Labels").GetProperty("org.minicontainer.managed").GetString().ShouldBe("true");
        var host = root.GetProperty("HostConfig");
        host.GetProperty("AutoRemove").GetBoolean().ShouldBeTrue();
        host.GetProperty("NetworkMode").GetString().ShouldBe("none");
        host.GetProperty("Binds")[0].GetString().ShouldBe("/home/me/app:/src:ro");
        var mount = host.GetProperty("Mounts")[0];
        (mount.GetProperty("Type").GetString(), mount.GetProperty("Source").GetString(), mount.GetProperty("Target").GetString())
            .ShouldBe(("volume", "minicontainer-gocache", "/minicontainer/gocache"));
    }

    [Fact]
    public async Task A_name_another_build_took_first_is_a_conflict_with_the_engines_words()
    {
        await using var engine = new ScriptedEngine(Json(409, "Conflict", """{"message":"Conflict. The container name \"/warm-1\" is already in use"}"""));

        var error = await Should.ThrowAsync<EngineApiException>(() =>
            new EngineApi(engine.Endpoint).CreateContainerAsync(new EngineContainerCreation("warm-1", "builder:1", ["sh"], []), CancellationToken.None));

        error.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        error.EngineMessage.ShouldContain("is already in use");
    }

    [Fact]
    public async Task A_volume_is_created_with_its_labels()
    {
        await using var engine = new ScriptedEngine(Json(201, "Created", """{"Name":"minicontainer-gocache"}"""));

        await new EngineApi(engine.Endpoint).CreateVolumeAsync("minicontainer-gocache", new Dictionary<string, string> { ["org.minicontainer.managed"] = "true" }, CancellationToken.None);

        engine.Requests.Single().Path.ShouldBe("/volumes/create");
        using var json = JsonDocument.Parse(engine.Requests.Single().Body);
        json.RootElement.GetProperty("Name").GetString().ShouldBe("minicontainer-gocache");
        json.RootElement.GetProperty("Labels").GetProperty("org.minicontainer.managed").GetString().ShouldBe("true");
    }
}
