using MiniContainer.Certificates;
using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.SmokeTest;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Certificates;

[Collection(EngineCollection.Name)]
public sealed class CaCertificatesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("ca");
    private DockerEngine _engine = null!;
    private ImageCleanup _images = null!;

    public async Task InitializeAsync()
    {
        _engine = await DockerEngine.ConnectAsync(logger: _logger);
        _images = new ImageCleanup(_engine);
    }

    public async Task DisposeAsync()
    {
        (await LeftoverContainers.OfStepsAsync(_engine, CaCertificatesStep.StepName, SmokeTestStep.StepName)).ShouldBeEmpty();
        await _images.DisposeAsync();
        _engine.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<ComposedEngineImage> ClientImageAsync(StagedCaBundle bundle, string variant) =>
        await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(
            new RuntimeImageSpec().WithBaseImage(TestBed.AlpineImage).WithBinary(ImageBinaries.HttpsClient).WithCaBundle(bundle.File),
            _images.NewTag("https-client", variant)), _logger);

    private static SmokeTestSpec Get(string url, string expected) =>
        new() { Arguments = [url], ExpectedOutput = expected, NetworkMode = "host", TimeLimit = TimeSpan.FromSeconds(30) };

    [EngineFact]
    public async Task A_client_trusts_a_server_of_the_appended_CA_and_fails_with_the_x509_error_without_certificates()
    {
        await using var server = new TestHttpsServer();
        var companyCa = Path.Combine(_folder, "company-ca.pem");
        await File.WriteAllTextAsync(companyCa, server.CaPem);

        var withCa = await CaCertificatesStep.RunAsync(_engine,
            CaBundleRequest.FromBuilderImage(TestBed.BuilderImage, Path.Combine(_folder, "with-ca.crt")).WithExtraCertificate(companyCa), _logger);
        var none = await CaCertificatesStep.RunAsync(_engine, CaBundleRequest.NoBundle(Path.Combine(_folder, "none.crt")), _logger);
        var trusting = await ClientImageAsync(withCa, "with-ca");
        var trustingNothing = await ClientImageAsync(none, "no-ca");

        var reached = await SmokeTestStep.RunAsync(_engine, trusting.Reference, Get(server.Url, "status: 200 OK"), _logger);
        var refused = await Should.ThrowAsync<SmokeTestFailedException>(() =>
            SmokeTestStep.RunAsync(_engine, trustingNothing.Reference, Get(server.Url, "status: 200 OK"), _logger));

        reached.OutputText.ShouldBe("status: 200 OK");
        refused.Message.ShouldContain("x509: certificate signed by unknown authority");
        withCa.CertificateCount.ShouldBeGreaterThan(100, "Debian's bundle from the builder image plus the test CA");
        trusting.Sizes.CaBundle.ShouldBe(new FileInfo(withCa.File!).Length);
        none.File.ShouldBeNull();
        trustingNothing.Sizes.CaBundle.ShouldBe(0);
    }

    [EngineFact]
    public async Task The_builder_images_bundle_is_copied_out_through_the_engine_and_lands_at_the_standard_path()
    {
        var staged = await CaCertificatesStep.RunAsync(_engine, CaBundleRequest.FromBuilderImage(TestBed.BuilderImage, Path.Combine(_folder, "builder.crt")), _logger);
        var image = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(
            new RuntimeImageSpec().WithBaseImage(TestBed.AlpineImage).WithBinary(ImageBinaries.Hello).WithCaBundle(staged.File)
                .WithEntrypoint("/bin/sh", "-c").WithCommand("grep -c 'BEGIN CERTIFICATE' /etc/ssl/certs/ca-certificates.crt"),
            _images.NewTag("hello", "certs")), _logger);

        var result = await SmokeTestStep.RunAsync(_engine, image.Reference, new SmokeTestSpec(), _logger);

        result.OutputText.Trim().ShouldBe(staged.CertificateCount.ToString());
    }

    [EngineFact]
    public async Task A_file_with_no_valid_certificate_is_a_clear_error_naming_it()
    {
        var notPem = Path.Combine(_folder, "company-ca.pem");
        await File.WriteAllTextAsync(notPem, "this is not a certificate\n");

        var error = await Should.ThrowAsync<InvalidCertificateFileException>(() =>
            CaCertificatesStep.RunAsync(_engine, CaBundleRequest.NoBundle(Path.Combine(_folder, "x.crt")).WithExtraCertificate(notPem), _logger));

        error.Message.ShouldContain(notPem);
    }
}
