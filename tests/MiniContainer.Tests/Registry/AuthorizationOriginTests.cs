using System.Net;
using System.Text;
using MiniContainer.Docker.Credentials;
using MiniContainer.Oci;
using MiniContainer.Registry;

namespace MiniContainer.Tests.Registry;

/// <summary>
/// The Authorization header goes to the registry's own origin only: a registry on 127.0.0.1 that sends
/// uploads, redirects and its token service to 127.0.0.2 (another origin) where a listener records headers.
/// </summary>
public sealed class AuthorizationOriginTests : IDisposable
{
    private const string Password = "pw-origin-never-elsewhere";
    private static readonly RegistryCredentials Credentials = new("ci", Password);
    private static readonly string Basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"ci:{Password}"));
    private static readonly byte[] Blob = "blob bytes"u8.ToArray();

    private readonly LoopbackHttpServer _elsewhere;
    private readonly LoopbackHttpServer _registry;
    private readonly string _file = Path.GetTempFileName();

    public AuthorizationOriginTests()
    {
        File.WriteAllBytes(_file, Blob);
        _elsewhere = new LoopbackHttpServer("127.0.0.2", async context =>
        {
            if (context.Request.RawUrl!.StartsWith("/token", StringComparison.Ordinal))
                await LoopbackHttpServer.WriteAsync(context, HttpStatusCode.OK, """{"token":"tok-1"}""");
            else if (context.Request.HttpMethod == "GET")
                await LoopbackHttpServer.WriteAsync(context, HttpStatusCode.OK, Encoding.UTF8.GetString(Blob), "application/octet-stream");
            else
                await LoopbackHttpServer.WriteAsync(context, HttpStatusCode.Created);
        });
        _registry = new LoopbackHttpServer("127.0.0.1", AnswerAsRegistryAsync);
    }

    public void Dispose()
    {
        _registry.Dispose();
        _elsewhere.Dispose();
        File.Delete(_file);
    }

    /// <summary>Basic auth; uploads go to the other origin (absolute Location); blobs redirect there.</summary>
    private async Task AnswerAsRegistryAsync(HttpListenerContext context)
    {
        if (context.Request.Headers["Authorization"] != Basic)
        {
            context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"test\"");
            await LoopbackHttpServer.WriteAsync(context, HttpStatusCode.Unauthorized);
            return;
        }
        if (context.Request.HttpMethod == "POST")
        {
            context.Response.AddHeader("Location", $"http://{_elsewhere.Address}/upload/1?_state=s");
            await LoopbackHttpServer.WriteAsync(context, HttpStatusCode.Accepted);
            return;
        }
        context.Response.Redirect($"http://{_elsewhere.Address}/blob");
        context.Response.StatusCode = (int)HttpStatusCode.TemporaryRedirect;
    }

    [Fact]
    public async Task An_upload_location_on_another_origin_gets_no_authorization_header()
    {
        using var client = new DistributionApiClient(RegistryAddress.For(_registry.Address), Credentials);

        var location = await client.StartUploadAsync("team/app", CancellationToken.None);
        await client.PutWholeBlobAsync("team/app", location, OciDigest.Of(Blob), BlobFileSlice.Whole(_file), CancellationToken.None);

        location.Authority.ShouldBe(_elsewhere.Address);
        _registry.Seen.ShouldContain(s => s.Authorization == Basic, "the registry itself got the credentials");
        _elsewhere.Seen.Select(s => s.Request).ShouldContain(r => r.StartsWith("PUT /upload/1", StringComparison.Ordinal));
        _elsewhere.Seen.ShouldAllBe(s => s.Authorization == "");
    }

    [Fact]
    public async Task A_blob_redirected_to_another_origin_is_fetched_without_the_authorization_header()
    {
        using var client = new DistributionApiClient(RegistryAddress.For(_registry.Address), Credentials);

        await using var blob = await client.OpenBlobAsync("team/app", OciDigest.Of(Blob), CancellationToken.None);
        using var read = new MemoryStream();
        await blob.CopyToAsync(read);

        read.ToArray().ShouldBe(Blob);
        _elsewhere.Seen.ShouldContain(s => s.Request == "GET /blob");
        _elsewhere.Seen.ShouldAllBe(s => s.Authorization == "");
    }

    [Fact]
    public async Task A_token_service_on_another_loopback_origin_over_http_gets_the_credentials()
    {
        var handler = new ChallengingHandler($"http://{_elsewhere.Address}/token");
        using var client = new DistributionApiClient(RegistryAddress.For("127.0.0.1:5999"), Credentials, handler);

        await client.BlobExistsAsync("team/app", OciDigest.Of(Blob), CancellationToken.None);

        _elsewhere.Seen.ShouldContain(s => s.Request.StartsWith("GET /token", StringComparison.Ordinal) && s.Authorization == Basic);
    }

    [Fact]
    public async Task A_token_service_on_another_host_over_plain_http_is_refused_before_any_credential_is_sent()
    {
        var handler = new ChallengingHandler("http://token.registry.invalid/token");
        using var client = new DistributionApiClient(RegistryAddress.For("registry.example.com"), Credentials, handler);

        var error = await Should.ThrowAsync<RegistryRequestException>(() => client.BlobExistsAsync("team/app", OciDigest.Of(Blob), CancellationToken.None));

        error.Message.ShouldContain("http://token.registry.invalid/token");
        error.Message.ShouldContain("plain HTTP");
        error.Message.ShouldNotContain(Password);
        handler.Seen.ShouldNotContain(s => s.Contains("token.registry.invalid"));
    }

    /// <summary>Answers every registry request with a Bearer challenge naming <c>realm</c>; sends token requests to loopback listeners only.</summary>
    private sealed class ChallengingHandler(string realm) : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
    {
        public List<string> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add($"{request.Method} {request.RequestUri} {request.Headers.Authorization}");
            // Only loopback is ever contacted: a token request elsewhere is recorded and answered here.
            if (request.RequestUri!.AbsolutePath == "/token")
                return request.RequestUri.IsLoopback ? base.SendAsync(request, cancellationToken)
                    : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent("""{"token":"t"}""") });
            var answer = new HttpResponseMessage(request.Headers.Authorization is null ? HttpStatusCode.Unauthorized : HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent([]) };
            answer.Headers.TryAddWithoutValidation("WWW-Authenticate", $"Bearer realm=\"{realm}\",service=\"test\"");
            return Task.FromResult(answer);
        }
    }
}
