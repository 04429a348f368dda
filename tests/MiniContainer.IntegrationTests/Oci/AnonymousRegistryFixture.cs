using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Oci;

/// <summary>Debian's docker-registry on 127.0.0.1 without auth (the htpasswd one is <see cref="RegistryFixture"/>), stopped by its process id.</summary>
public sealed class AnonymousRegistryFixture : IAsyncLifetime
{
    private readonly string _folder = TestBed.TempDirectory("registry-open");
    private RegistryProcess? _registry;

    public int Port { get; } = RegistryFixture.FreePort();

    public string Address => $"127.0.0.1:{Port}";

    public async Task InitializeAsync() =>
        _registry = await RegistryProcess.StartAsync(_folder, Address, authConfig: null, System.Net.HttpStatusCode.OK);

    public Task DisposeAsync()
    {
        _registry?.Dispose();
        return Task.CompletedTask;
    }
}
