using System.Net;
using MiniContainer.Docker.Credentials;
using MiniContainer.Oci;
using MiniContainer.Registry;

namespace MiniContainer.Tests.Registry;

/// <summary>A Bearer token that expires during a long push: fetched again once; a second 401 fails clearly.</summary>
public sealed class BearerRenewalTests
{
    /// <summary>A registry whose tokens are good for <c>uses</c> requests each; the token service hands out tok-1, tok-2, …</summary>
    private sealed class ExpiringTokens(int uses, bool renewedTokensWork = true) : HttpMessageHandler
    {
        private readonly Dictionary<string, int> _used = [];
        public int Issued { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Host == "auth.registry.test")
                return Answer(request, HttpStatusCode.OK, $$"""{"token":"tok-{{++Issued}}"}""");
            var token = request.Headers.Authorization?.Parameter;
            var good = token is not null && (renewedTokensWork || token == "tok-1") && _used.GetValueOrDefault(token) < uses;
            if (good)
            {
                _used[token!] = _used.GetValueOrDefault(token!) + 1;
                return Answer(request, HttpStatusCode.NotFound, "");
            }
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized) { RequestMessage = request, Content = new StringContent("") };
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"https://auth.registry.test/token\",service=\"registry.test\"");
            return Task.FromResult(challenge);
        }

        private static Task<HttpResponseMessage> Answer(HttpRequestMessage request, HttpStatusCode status, string body) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(body) });
    }

    [Fact]
    public async Task A_token_that_expires_mid_push_is_fetched_again_once_and_the_request_retried()
    {
        var registry = new ExpiringTokens(uses: 2);
        using var client = new DistributionApiClient(RegistryAddress.For("registry.test"), new RegistryCredentials("ci", "pw"), registry);

        for (var i = 0; i < 5; i++)
            (await client.BlobExistsAsync("team/app", OciDigest.Of([(byte)i]), CancellationToken.None)).ShouldBeFalse();

        registry.Issued.ShouldBe(3, "tok-1 for requests 1-2, tok-2 for 3-4, tok-3 for 5");
    }

    [Fact]
    public async Task A_second_401_after_the_renewal_fails_clearly()
    {
        var registry = new ExpiringTokens(uses: 1, renewedTokensWork: false);
        using var client = new DistributionApiClient(RegistryAddress.For("registry.test"), new RegistryCredentials("ci", "pw"), registry);
        await client.BlobExistsAsync("team/app", OciDigest.Of("a"u8), CancellationToken.None);

        var error = await Should.ThrowAsync<RegistryRequestException>(() => client.BlobExistsAsync("team/app", OciDigest.Of("b"u8), CancellationToken.None));

        error.Failure.ShouldBe(RegistryFailure.Unauthorized);
        error.Message.ShouldContain("HEAD https://registry.test/v2/team/app/blobs/");
        registry.Issued.ShouldBe(2, "renewed once, not in a loop");
    }
}
