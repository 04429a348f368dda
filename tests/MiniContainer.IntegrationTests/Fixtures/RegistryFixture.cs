using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// Debian's docker-registry on 127.0.0.1 with htpasswd auth and storage in a temp folder, started
/// for a test class and stopped (by its process id) afterwards.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Username = "publisher";

    /// <summary>Distinctive, so a test can prove it never appears in a message or a log.</summary>
    public const string Password = "pw-Zq81-never-print-me";

    private readonly string _folder = TestBed.TempDirectory("registry");
    private Process? _registry;

    public int Port { get; } = FreePort();

    /// <summary>host:port, as an image reference names it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        var htpasswd = ProcessRunner.Run("htpasswd", ["-Bbn", Username, Password]);
        htpasswd.ExitCode.ShouldBe(0, htpasswd.Output);
        var htpasswdFile = Path.Combine(_folder, "htpasswd");
        await File.WriteAllTextAsync(htpasswdFile, htpasswd.StandardOutput);
        var config = Path.Combine(_folder, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(_folder, "data")}
            http:
              addr: {Address}
            auth:
              htpasswd:
                realm: minicontainer-test
                path: {htpasswdFile}
            """);

        var start = new ProcessStartInfo("docker-registry") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        _registry = Process.Start(start)!;
        _registry.OutputDataReceived += (_, _) => { };
        _registry.ErrorDataReceived += (_, _) => { };
        _registry.BeginOutputReadLine();
        _registry.BeginErrorReadLine();

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync($"http://{Address}/v2/");
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the registry must ask for credentials");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_registry.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The digest skopeo (an independent reader) sees for a tag.</summary>
    public string DigestBySkopeo(string repository, string tag)
    {
        var result = ProcessRunner.Run("skopeo", ["inspect", "--tls-verify=false", "--creds", $"{Username}:{Password}", "--format", "{{.Digest}}", $"docker://{Address}/{repository}:{tag}"]);
        result.ExitCode.ShouldBe(0, result.StandardError);
        return result.StandardOutput.Trim();
    }

    public Task DisposeAsync()
    {
        if (_registry is { HasExited: false })
        {
            _registry.Kill();
            _registry.WaitForExit(10_000);
        }
        _registry?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
