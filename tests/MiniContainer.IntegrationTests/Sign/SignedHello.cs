using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Pipeline;

namespace MiniContainer.IntegrationTests.Sign;

/// <summary>hello built without an engine into a module of its own (its own version, so its own image digest), and the pipeline runs on it.</summary>
public sealed class SignedHello : IDisposable
{
    private readonly RegistryFixture _registry;
    private readonly string _tag;
    private (string Name, string Value)[] _settings = [];

    private SignedHello(RegistryFixture registry, string tag, TestLogger logger)
    {
        _registry = registry;
        _tag = tag;
        Logger = logger;
        Module = TestBed.CopyOf(TestBed.Example("hello"), $"sign-{tag}");
    }

    public string Module { get; }

    public TestLogger Logger { get; }

    public ArtifactLayout Layout => new(Path.Combine(Module, "artifacts"));

    /// <summary>The digest PublishImage saved.</summary>
    public string Digest => File.ReadAllText(Layout.DigestFile("hello")).Trim();

    /// <summary>Built, verified and composed (GoRestore to ComposeImage), ready for PublishImage as hello:<paramref name="tag"/>.</summary>
    public static async Task<SignedHello> ComposeAsync(RegistryFixture registry, string tag, TestLogger logger, params (string Name, string Value)[] settings)
    {
        var hello = new SignedHello(registry, tag, logger) { _settings = settings };
        Func<MiniContainerPipeline, Task>[] steps = [p => p.GoRestoreAsync(CancellationToken.None), p => p.GoCompileAsync(CancellationToken.None), p => p.CaCertificatesAsync(CancellationToken.None), p => p.ComposeImageAsync(CancellationToken.None)];
        foreach (var step in steps) await step(await hello.PipelineAsync());
        return hello;
    }

    /// <summary>A new pipeline (as a new process would start) with these arguments over the daemonless ones, the password in its environment.</summary>
    public async Task<MiniContainerPipeline> PipelineAsync(params (string Name, string Value)[] more) => await PipelineAsync(TestSigningKeys.EnvironmentWithPassword(), more);

    public async Task<MiniContainerPipeline> PipelineAsync(Func<string, string?> environment, params (string Name, string Value)[] more)
    {
        var arguments = new Dictionary<string, string>
        {
            ["engine"] = "none", ["base-image"] = "scratch", ["ca-bundle"] = "none", ["cgo"] = "false", ["image-tag"] = _tag, ["registry"] = _registry.Address,
            ["registry-username"] = RegistryFixture.Username, ["registry-password"] = RegistryFixture.Password,
        };
        foreach (var (name, value) in _settings.Concat(more)) arguments[name] = value;
        var script = new PipelineScript();
        script.Variables["main.version"] = _tag;
        return await MiniContainerPipeline.StartAsync(script, new DictionaryArgumentSource(arguments), environment, Module, Logger, new RunSummary(), CancellationToken.None);
    }

    public Task PublishAsync(params (string Name, string Value)[] more) => Run(p => p.PublishImageAsync(CancellationToken.None), more);

    public Task VerifyAsync(params (string Name, string Value)[] more) => Run(p => p.VerifyImageSignatureAsync(CancellationToken.None), more);

    private async Task Run(Func<MiniContainerPipeline, Task> step, (string Name, string Value)[] more) => await step(await PipelineAsync(more));

    public void Dispose() => Directory.Delete(Module, recursive: true);
}
