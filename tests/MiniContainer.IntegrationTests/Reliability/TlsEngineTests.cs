using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.SmokeTest;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// A remote engine that takes only TLS with client certificates (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH):
/// both of our clients speak it, the one of the build's hot calls (ping, inspect, load) and Docker.DotNet
/// (container create, start, wait, logs), and a wrong or missing certificate stops the build with a message.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class TlsEngineTests(TlsEngine engine) : IClassFixture<TlsEngine>
{
    [EngineFact]
    public async Task An_engine_that_requires_TLS_loads_and_runs_an_image_with_the_client_certificates()
    {
        using var remote = await engine.ConnectOverTlsAsync(engine.ClientCertificates);
        var spec = new RuntimeImageSpec().WithBinary("/bin/busybox").OnScratch();

        var image = await ComposeImageStep.RunAsync(remote, new ComposeImageRequest(spec, "tls-check:latest"));
        var smoke = await SmokeTestStep.RunAsync(remote, "tls-check:latest", SmokeTestSpec.OneShot("spoken over TLS", "echo", "spoken over TLS"));

        image.Assembly.ShouldBe(ImageAssembly.Load);
        (await remote.Api.InspectImageAsync("tls-check:latest", CancellationToken.None))!.Id.ShouldBe(image.Id);
        smoke.OutputText.ShouldContain("spoken over TLS");
    }

    [EngineFact]
    public async Task An_engine_whose_certificate_the_CA_in_DOCKER_CERT_PATH_did_not_sign_is_refused_naming_the_certificate()
    {
        var refused = await Should.ThrowAsync<DockerEngineUnavailableException>(() => engine.ConnectOverTlsAsync(engine.ForeignCertificates));

        refused.Message.ShouldContain(engine.TcpHost.Replace("tcp://", ""));
        refused.Message.ShouldContain("certificate", Case.Insensitive);
    }

    [EngineFact]
    public async Task A_certificate_folder_without_the_engines_CA_says_to_set_DOCKER_CERT_PATH()
    {
        var empty = TestBed.TempDirectory("no-certs");

        var refused = await Should.ThrowAsync<DockerEngineUnavailableException>(() => engine.ConnectOverTlsAsync(empty));

        refused.Message.ShouldContain($"there is no {Path.Combine(empty, "ca.pem")}");
        refused.Message.ShouldContain("DOCKER_CERT_PATH");
    }

    [EngineFact]
    public async Task Plain_HTTP_to_an_engine_that_requires_TLS_does_not_answer()
    {
        await Should.ThrowAsync<DockerEngineUnavailableException>(() => DockerEngine.ConnectAsync(new Uri(engine.TcpHost), tls: null));
    }
}
