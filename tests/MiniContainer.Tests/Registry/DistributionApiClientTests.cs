using System.Net;
using System.Text;
using MiniContainer.Docker.Credentials;
using MiniContainer.Oci;
using MiniContainer.Registry;

namespace MiniContainer.Tests.Registry;

/// <summary>The HTTP edge against scripted answers: bearer challenges, tokens per scope, and errors that name the URL but no secret.</summary>
public sealed class DistributionApiClientTests
{
    private const string Secret = "s3cret-never-shown";

    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<string> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add($"{request.Method} {request.RequestUri} {request.Headers.Authorization}");
            var response = answer(request);
            response.RequestMessage = request; // as the real handler does
            return Task.FromResult(response);
        }
    }

    private static HttpResponseMessage Status(HttpStatusCode code, string? body = null) => new(code) { Content = new StringContent(body ?? "") };

    [Fact]
    public async Task A_bearer_challenge_is_answered_with_a_token_for_the_scope_fetched_with_basic_credentials()
    {
        var handler = new ScriptedHandler(request =>
        {
            if (request.RequestUri!.Host == "auth.example.com")
            {
                request.Headers.Authorization!.Scheme.ShouldBe("Basic");
                request.RequestUri.Query.ShouldContain("scope=repository%3Ateam%2Fapp%3Apull%2Cpush");
                request.RequestUri.Query.ShouldContain("service=registry.example.com");
                return Status(HttpStatusCode.OK, """{"token":"tok-123"}""");
            }
            if (request.Headers.Authorization?.Parameter == "tok-123") return Status(HttpStatusCode.NotFound);
            var challenge = Status(HttpStatusCode.Unauthorized);
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:team/app:pull,push\"");
            return challenge;
        });
        using var client = new DistributionApiClient(RegistryAddress.For("registry.example.com"), new RegistryCredentials("me", Secret), handler);

        var exists = await client.BlobExistsAsync("team/app", OciDigest.Of("x"u8), CancellationToken.None);
        await client.BlobExistsAsync("team/app", OciDigest.Of("y"u8), CancellationToken.None);

        exists.ShouldBeFalse();
        handler.Seen.Count(s => s.Contains("auth.example.com")).ShouldBe(1, "the token is kept for its scope");
        handler.Seen.Last().ShouldEndWith("Bearer tok-123");
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, RegistryFailure.Forbidden, "403 Forbidden")]
    [InlineData(HttpStatusCode.ServiceUnavailable, RegistryFailure.ServerError, "503 ServiceUnavailable")]
    public async Task Errors_name_the_status_and_url_without_the_query_or_credentials(HttpStatusCode status, RegistryFailure failure, string shown)
    {
        var handler = new ScriptedHandler(_ => Status(status, """{"errors":[{"code":"DENIED","message":"nope"}]}"""));
        using var client = new DistributionApiClient(RegistryAddress.For("registry.example.com"), new RegistryCredentials("me", Secret), handler);

        var error = await Should.ThrowAsync<RegistryRequestException>(() =>
            client.PutWholeBlobAsync("team/app", new Uri("https://registry.example.com/v2/team/app/blobs/uploads/u1?_state=abc"), OciDigest.Of("x"u8),
                new BlobFileSlice("/dev/null", 0, 0), CancellationToken.None));

        error.Failure.ShouldBe(failure);
        error.Message.ShouldContain($"{shown} to PUT https://registry.example.com/v2/team/app/blobs/uploads/u1");
        error.Message.ShouldContain("DENIED: nope");
        error.Message.ShouldNotContain("_state");
        error.ToString().ShouldNotContain(Secret);
    }

    [Fact]
    public async Task A_manifest_whose_bytes_do_not_match_the_digest_asked_for_is_refused_naming_both()
    {
        var asked = OciDigest.Of("what we asked for"u8);
        var handler = new ScriptedHandler(_ => Status(HttpStatusCode.OK, """{"schemaVersion":2}"""));
        using var client = new DistributionApiClient(RegistryAddress.For("registry.example.com"), null, handler);

        var error = await Should.ThrowAsync<DigestMismatchException>(() => client.GetManifestAsync("team/app", asked.ToString(), CancellationToken.None));

        error.Message.ShouldContain(asked.ToString());
        error.Message.ShouldContain(OciDigest.Of("""{"schemaVersion":2}"""u8).ToString());
    }

    [Theory]
    [InlineData("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\"", "Bearer", "https://auth.docker.io/token", "registry.docker.io")]
    [InlineData("Basic realm=\"minicontainer-test\"", "Basic", "minicontainer-test", null)]
    public void Challenges_are_parsed(string header, string scheme, string realm, string? service)
    {
        var challenge = AuthChallenge.Parse(header)!;

        challenge.Scheme.ShouldBe(scheme);
        challenge.Realm.ShouldBe(realm);
        challenge.Service.ShouldBe(service);
    }

    [Theory]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("localhost:5000", "http://localhost:5000/")]
    [InlineData("registry.example.com", "https://registry.example.com/")]
    [InlineData("docker.io", "https://registry-1.docker.io/")]
    public void Loopback_registries_speak_http_and_docker_hub_is_registry_1(string registry, string baseUri) =>
        RegistryAddress.For(registry).BaseUri.ToString().ShouldBe(baseUri);
}
