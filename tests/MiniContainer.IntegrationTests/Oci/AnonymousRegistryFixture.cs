using System.Diagnostics;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Oci;

/// <summary>Debian's docker-registry on 127.0.0.1 without auth (the htpasswd one is <see cref="RegistryFixture"/>), stopped by its process id.</summary>
public sealed class AnonymousRegistryFixture : IAsyncLifetime
{
    private readonly string _folder = TestBed.TempDirectory("registry-open");
    private Process? _registry;

    public int Port { get; } = RegistryFixture.FreePort();

    public string Address => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
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
                response.IsSuccessStatusCode.ShouldBeTrue();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_registry.HasExited)
            {
                await Task.Delay(100);
            }
        }
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
}
