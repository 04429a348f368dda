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
    private RegistryProcess? _registry;

    public int Port { get; } = FreePort();

    /// <summary>host:port, as an image reference names it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        var htpasswd = ProcessRunner.Run("htpasswd", ["-Bbn", Username, Password]);
        htpasswd.ExitCode.ShouldBe(0, htpasswd.Output);
        var htpasswdFile = Path.Combine(_folder, "htpasswd");
        await File.WriteAllTextAsync(htpasswdFile, htpasswd.StandardOutput);
        _registry = await RegistryProcess.StartAsync(_folder, Address, $"""
            auth:
              htpasswd:
                realm: minicontainer-test
                path: {htpasswdFile}
            """, HttpStatusCode.Unauthorized);
    }

    /// <summary>The digest skopeo (an independent reader) sees for a tag.</summary>
    public string DigestBySkopeo(string repository, string tag)
    {
        var result = ProcessRunner.Run("skopeo", ["inspect", "--tls-verify=false", "--creds", $"{Username}:{Password}", "--format", "{{.Digest}}", $"docker://{Address}/{repository}:{tag}"]);
        result.ExitCode.ShouldBe(0, result.StandardError);
        return result.StandardOutput.Trim();
    }

    /// <summary>The config digest of the manifest a tag names, as skopeo reads it (an engine's image ID for that image).</summary>
    public string ConfigDigestBySkopeo(string repository, string tag)
    {
        var result = ProcessRunner.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", "--creds", $"{Username}:{Password}", $"docker://{Address}/{repository}:{tag}"]);
        result.ExitCode.ShouldBe(0, result.StandardError);
        using var manifest = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        return manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!;
    }

    /// <summary>Where the registry keeps every blob and manifest pushed to it.</summary>
    public string StorageDirectory => Path.Combine(_folder, "data");

    /// <summary>Pulls a tag back with skopeo (an independent client) into an OCI layout at <paramref name="folder"/>.</summary>
    public void PullToOciLayout(string repository, string tag, string folder)
    {
        var result = ProcessRunner.Run("skopeo", ["copy", "--src-tls-verify=false", "--src-creds", $"{Username}:{Password}", $"docker://{Address}/{repository}:{tag}", $"oci:{folder}:{tag}"], timeoutSeconds: 300);
        result.ExitCode.ShouldBe(0, result.StandardError);
    }

    public Task DisposeAsync()
    {
        _registry?.Dispose();
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
