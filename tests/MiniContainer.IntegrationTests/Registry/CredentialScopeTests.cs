using System.Net;
using System.Text;
using MiniContainer.Compose;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Oci;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;
using MiniContainer.Publish;
using MiniContainer.Tests.Registry;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Registry;

/// <summary>
/// Two registries on loopback: A (htpasswd) is published to with its credentials; B serves the base
/// behind a Bearer challenge with its own token service, and records every Authorization header.
/// </summary>
public sealed class CredentialScopeTests(RegistryFixture publishRegistry, AnonymousRegistryFixture baseStore, ITestOutputHelper output)
    : IClassFixture<RegistryFixture>, IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private const string AnonymousToken = "anonymous-b";
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("credential-scope");
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { UseProxy = false });

    public void Dispose()
    {
        _upstream.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Publish_credentials_never_reach_the_registry_of_the_base_nor_its_token_service()
    {
        var publish = new RegistryCredentials(RegistryFixture.Username, RegistryFixture.Password);
        LoopbackHttpServer? baseRegistry = null;
        baseRegistry = new LoopbackHttpServer("127.0.0.2", context => AnswerAsBaseRegistryAsync(context, baseRegistry!.Address));
        using var _ = baseRegistry;
        await PushBaseAsync("base/hello", "1");

        var composed = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(
            new RuntimeImageSpec().WithBinary(ImageBinaries.Hello).WithBaseImage($"{baseRegistry.Address}/base/hello:1"), ["app:1"], new OciOutputs(Path.Combine(_folder, "app")))
        {
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            BlobCache = new BlobStore(Path.Combine(_folder, "cache")),
            DockerConfigFile = Path.Combine(_folder, "no-config.json"),
            Login = new RegistryLogin(publishRegistry.Address, publish),
        }, _logger);
        var pushed = await DistributionPublishStep.RunAsync(new DistributionPublishRequest(composed.LayoutDirectory!, new PublishRequest
        {
            Registry = publishRegistry.Address, Repository = "team/app", Tag = "1", Credentials = publish,
            DockerConfigFile = Path.Combine(_folder, "no-config.json"), DigestFile = Path.Combine(_folder, "digest.txt"),
        }), _logger);

        pushed.Digest.ShouldBe(publishRegistry.DigestBySkopeo("team/app", "1"), "A took the push with its credentials");
        var seen = baseRegistry.Seen.ToList();
        seen.ShouldContain(s => s.Authorization == $"Bearer {AnonymousToken}", "the base came through B's token challenge");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryFixture.Username}:{RegistryFixture.Password}"));
        foreach (var (request, authorization) in seen)
        {
            authorization.ShouldNotContain(RegistryFixture.Password, customMessage: request);
            authorization.ShouldNotContain(basic, customMessage: request);
            authorization.ShouldNotStartWith("Basic", customMessage: request);
        }
    }

    /// <summary>B: a token service giving anonymous tokens, and the distribution API (from the open registry) for requests that carry one.</summary>
    private async Task AnswerAsBaseRegistryAsync(HttpListenerContext context, string self)
    {
        var path = context.Request.RawUrl!;
        if (path.StartsWith("/token", StringComparison.Ordinal))
        {
            await LoopbackHttpServer.WriteAsync(context, HttpStatusCode.OK, $$"""{"token":"{{AnonymousToken}}"}""");
            return;
        }
        if (context.Request.Headers["Authorization"] != $"Bearer {AnonymousToken}")
        {
            context.Response.AddHeader("WWW-Authenticate", $"Bearer realm=\"http://{self}/token\",service=\"base-registry\"");
            await LoopbackHttpServer.WriteAsync(context, HttpStatusCode.Unauthorized, """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}""");
            return;
        }
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), $"http://{baseStore.Address}{path}");
        if (context.Request.Headers.GetValues("Accept") is { } accept) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _upstream.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } type) context.Response.ContentType = type.ToString();
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var digest)) context.Response.AddHeader("Docker-Content-Digest", digest.First());
        var body = await response.Content.ReadAsByteArrayAsync();
        context.Response.ContentLength64 = response.Content.Headers.ContentLength ?? body.Length;
        if (context.Request.HttpMethod != "HEAD") await context.Response.OutputStream.WriteAsync(body);
    }

    private async Task PushBaseAsync(string repository, string tag)
    {
        var layout = Path.Combine(_folder, "base");
        await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello), [$"base:{tag}"], new OciOutputs(layout))
        {
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            BlobCache = new BlobStore(Path.Combine(_folder, "base-cache")),
        }, _logger);
        await DistributionPublishStep.RunAsync(new DistributionPublishRequest(layout, new PublishRequest
        {
            Registry = baseStore.Address, Repository = repository, Tag = tag,
            DockerConfigFile = Path.Combine(_folder, "no-config.json"), DigestFile = Path.Combine(_folder, "base-digest.txt"),
        }), _logger);
    }
}
