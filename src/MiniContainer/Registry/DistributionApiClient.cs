using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MiniContainer.Docker.Credentials;
using MiniContainer.Oci;

namespace MiniContainer.Registry;

/// <summary>
/// <see cref="IRegistryApi"/> over HTTP: the distribution API v2 with the registry's challenges
/// answered by <see cref="RegistryAuthenticator"/>. Each request is built afresh for a retry, so
/// a body (a blob file slice) is sent again whole after a challenge.
/// </summary>
internal sealed class DistributionApiClient : IRegistryApi, IDisposable
{
    private readonly HttpClient _http;
    private readonly RegistryAddress _address;
    private readonly RegistryAuthenticator _authenticator;

    public DistributionApiClient(RegistryAddress address, RegistryCredentials? credentials, HttpMessageHandler? handler = null, TimeSpan? inactivityTimeout = null)
    {
        _address = address;
        var limit = inactivityTimeout ?? InactivityTimeout.Default;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            // A loopback registry must not be sent to an HTTP proxy from the environment.
            UseProxy = !RegistryAddress.IsLoopback(address.BaseUri.Authority),
            AutomaticDecompression = DecompressionMethods.None,
            // Every connection fails once no byte moves for the limit (a proxy's CONNECT tunnel included).
            ConnectCallback = InactivityBoundStream.Connect(limit),
        })
        {
            // The bound is on inactivity, not on the whole transfer: a big upload that keeps moving is not cut.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("MiniContainer", "1.0"));
        _authenticator = new RegistryAuthenticator(_http, address, credentials);
    }

    public string Registry => _address.Registry;

    public async Task<bool> BlobExistsAsync(string repository, OciDigest digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Api($"{repository}/blobs/{digest}")), RegistryScopes.Push(repository), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<Stream> OpenBlobAsync(string repository, OciDigest digest, CancellationToken cancellationToken)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Api($"{repository}/blobs/{digest}")), RegistryScopes.Pull(repository), cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), this);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<Uri?> MountOrStartUploadAsync(string repository, OciDigest digest, string fromRepository, CancellationToken cancellationToken)
    {
        var url = Api($"{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(fromRepository)}");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, url), RegistryScopes.Mount(repository, fromRepository), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created) return null;
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return Location(response); // 202: the registry could not mount and opened an upload instead.
    }

    public async Task<Uri> StartUploadAsync(string repository, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Api($"{repository}/blobs/uploads/")), RegistryScopes.Push(repository), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return Location(response);
    }

    public async Task PutWholeBlobAsync(string repository, Uri location, OciDigest digest, BlobFileSlice content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)) { Content = content.ToContent() };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return request;
        }, RegistryScopes.Push(repository), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Uri> PatchChunkAsync(string repository, Uri location, BlobFileSlice chunk, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = chunk.ToContent() };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            // The distribution spec's form (no "bytes " unit): first-last, inclusive.
            request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{chunk.Offset}-{chunk.Offset + chunk.Length - 1}");
            return request;
        }, RegistryScopes.Push(repository), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return Location(response);
    }

    public async Task FinishUploadAsync(string repository, Uri location, OciDigest digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)), RegistryScopes.Push(repository), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OciDigest?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => AcceptingManifests(HttpMethod.Head, Api($"{repository}/manifests/{reference}")), RegistryScopes.Pull(repository), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return ContentDigest(response);
    }

    public async Task<OciDigest?> ManifestDigestBeforePushAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => AcceptingManifests(HttpMethod.Head, Api($"{repository}/manifests/{reference}")), RegistryScopes.Push(repository), cancellationToken).ConfigureAwait(false);
        // Only refused credentials end the push here; any other answer just means "push it", and the push's own requests report what is wrong.
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? ContentDigest(response) : null;
    }

    public async Task<RegistryManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => AcceptingManifests(HttpMethod.Get, Api($"{repository}/manifests/{reference}")), RegistryScopes.Pull(repository), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var content = await BodyAsync(response, cancellationToken).ConfigureAwait(false);
        var digest = OciDigest.Of(content);
        if (ContentDigest(response) is { } named && named != digest)
            throw new DigestMismatchException($"{Registry} ({repository}:{reference} manifest)", named, digest);
        if (OciDigest.TryParse(reference, out var asked) && asked != digest)
            throw new DigestMismatchException($"{Registry} ({repository}@{reference})", asked, digest);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        return new RegistryManifest(content, mediaType, digest);
    }

    public async Task<OciDigest> PutManifestAsync(string repository, string reference, byte[] content, string mediaType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, Api($"{repository}/manifests/{reference}")) { Content = new ByteArrayContent(content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return request;
        }, RegistryScopes.Push(repository), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var digest = OciDigest.Of(content);
        if (ContentDigest(response) is { } named && named != digest)
            throw new DigestMismatchException($"{Registry} (stored {repository}:{reference})", digest, named);
        return digest;
    }

    public async Task<RegistryManifest?> GetReferrersAsync(string repository, OciDigest digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Api($"{repository}/referrers/{digest}")), RegistryScopes.Pull(repository), cancellationToken).ConfigureAwait(false);
        // Registries before distribution 1.1 (docker-registry 2.8 among them) answer 404: no referrers API.
        if (response.StatusCode == HttpStatusCode.NotFound || response.Content.Headers.ContentType?.MediaType != OciMediaTypes.ImageIndex) return null;
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var content = await BodyAsync(response, cancellationToken).ConfigureAwait(false);
        return new RegistryManifest(content, OciMediaTypes.ImageIndex, OciDigest.Of(content));
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            // An upload Location may name another origin: it gets no credentials, nor the token for this one.
            var ownOrigin = _address.IsOrigin(request.RequestUri!);
            request.Headers.Authorization = ownOrigin ? _authenticator.HeaderFor(scopes) : null;
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                throw Failed(request, e);
            }
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 0 || !ownOrigin || AuthChallenge.From(response.Headers) is not { } challenge) return response;
            if (!await _authenticator.RespondAsync(challenge, scopes, cancellationToken).ConfigureAwait(false)) return response;
            response.Dispose();
        }
    }

    /// <summary>A transport failure as the user should read it: a stall (with its limit), a connection lost mid-exchange, or no connection at all.</summary>
    private RegistryRequestException Failed(HttpRequestMessage request, Exception e)
    {
        var (method, url) = (request.Method.Method, request.RequestUri!);
        if (ExchangeStalledException.In(e) is { } stalled)
            return new RegistryRequestException(RegistryFailure.Stalled, Registry, method, url, null, $"{stalled.Limit.TotalSeconds:0.###} s", e);
        return e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }
            ? new RegistryRequestException(RegistryFailure.Unreachable, Registry, method, url, null, e.Message, e)
            : new RegistryRequestException(RegistryFailure.ConnectionLost, Registry, method, url, null, e.Message, e);
    }

    /// <summary>The most a manifest, index or referrers answer may hold: the distribution spec's 4 MiB that registries accept.</summary>
    internal const int MaxManifestBytes = 4 << 20;

    /// <summary>The most of an error answer that is read for its message.</summary>
    private const int MaxErrorBytes = 64 << 10;

    /// <summary>A response body of at most <see cref="MaxManifestBytes"/>, read with its failures named like the request's.</summary>
    private async Task<byte[]> BodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await BoundedAsync(response, MaxManifestBytes, cancellationToken).ConfigureAwait(false)
                   ?? throw new RegistryRequestException(RegistryFailure.Unexpected, Registry, response.RequestMessage!.Method.Method, response.RequestMessage.RequestUri!, response.StatusCode,
                       $"the answer is larger than {MaxManifestBytes >> 20} MiB, the most a manifest may be; it was not read further");
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw Failed(response.RequestMessage!, e);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var request = response.RequestMessage!;
        var detail = await ErrorDetailAsync(response, cancellationToken).ConfigureAwait(false);
        throw new RegistryRequestException(RegistryRequestException.Classify(response.StatusCode), Registry, request.Method.Method, request.RequestUri!, response.StatusCode, detail);
    }

    // The distribution spec's {"errors":[{"code","message"}]}; HEAD responses have no body.
    private static async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // A hostile registry's error answer is read no further than a message needs.
            var bytes = await BoundedAsync(response, MaxErrorBytes, cancellationToken).ConfigureAwait(false);
            if (bytes is null || bytes.Length == 0) return "";
            var body = System.Text.Encoding.UTF8.GetString(bytes);
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array) return "";
            return string.Join("; ", errors.EnumerateArray().Select(e =>
                $"{(e.TryGetProperty("code", out var c) ? c.GetString() : "")}: {(e.TryGetProperty("message", out var m) ? m.GetString() : "")}"));
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException or InvalidOperationException)
        {
            return "";
        }
    }

    /// <summary>The body, or null when it holds more than <paramref name="limit"/> bytes (of which no more than one past the limit are read).</summary>
    private static async Task<byte[]?> BoundedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit) return null;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var kept = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (kept.Length + read > limit) return null;
            kept.Write(buffer, 0, read);
        }
        return kept.ToArray();
    }

    private Uri Api(string path) => new(_address.BaseUri, "v2/" + path);

    private Uri Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new RegistryRequestException(RegistryFailure.Unexpected, Registry, response.RequestMessage!.Method.Method,
            response.RequestMessage.RequestUri!, response.StatusCode, "the answer has no Location header for the upload");
        return location.IsAbsoluteUri ? location : new Uri(_address.BaseUri, location);
    }

    private static Uri WithDigest(Uri location, OciDigest digest)
    {
        var builder = new UriBuilder(location);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? "" : query + "&") + "digest=" + Uri.EscapeDataString(digest.ToString());
        return builder.Uri;
    }

    private static HttpRequestMessage AcceptingManifests(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (var type in OciMediaTypes.AcceptedManifests) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        return request;
    }

    private static OciDigest? ContentDigest(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) && OciDigest.TryParse(values.FirstOrDefault(), out var digest) ? digest : null;

    public void Dispose() => _http.Dispose();

    /// <summary>The body of a blob response, which keeps the response alive until it is read.</summary>
    private sealed class ResponseStream(HttpResponseMessage response, Stream inner, DistributionApiClient client) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                throw client.Failed(response.RequestMessage!, e);
            }
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
