using MiniContainer.Oci;

namespace MiniContainer.Registry;

/// <summary>
/// The distribution API calls a build needs, one method per request: the seam between what to
/// send (pull, push order) and HTTP. Every method fails with <see cref="RegistryRequestException"/>.
/// </summary>
internal interface IRegistryApi
{
    /// <summary>host[:port] as the user named it, for messages.</summary>
    string Registry { get; }

    /// <summary>HEAD /v2/&lt;name&gt;/blobs/&lt;digest&gt;: true when the repository has the blob.</summary>
    Task<bool> BlobExistsAsync(string repository, OciDigest digest, CancellationToken cancellationToken);

    /// <summary>GET /v2/&lt;name&gt;/blobs/&lt;digest&gt; (redirects followed); the caller verifies the digest.</summary>
    Task<Stream> OpenBlobAsync(string repository, OciDigest digest, CancellationToken cancellationToken);

    /// <summary>POST .../blobs/uploads/?mount=&amp;from=: null when mounted, else the location of the upload the registry opened instead.</summary>
    Task<Uri?> MountOrStartUploadAsync(string repository, OciDigest digest, string fromRepository, CancellationToken cancellationToken);

    /// <summary>POST /v2/&lt;name&gt;/blobs/uploads/: the upload's location.</summary>
    Task<Uri> StartUploadAsync(string repository, CancellationToken cancellationToken);

    /// <summary>PUT &lt;location&gt;?digest=: the whole blob in one request (monolithic upload).</summary>
    Task PutWholeBlobAsync(string repository, Uri location, OciDigest digest, BlobFileSlice content, CancellationToken cancellationToken);

    /// <summary>PATCH &lt;location&gt; with Content-Range: one chunk; returns the location for the next request.</summary>
    Task<Uri> PatchChunkAsync(string repository, Uri location, BlobFileSlice chunk, CancellationToken cancellationToken);

    /// <summary>PUT &lt;location&gt;?digest= with no body: ends a chunked upload.</summary>
    Task FinishUploadAsync(string repository, Uri location, OciDigest digest, CancellationToken cancellationToken);

    /// <summary>HEAD /v2/&lt;name&gt;/manifests/&lt;reference&gt;: the digest, or null when the registry names none.</summary>
    Task<OciDigest?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken);

    /// <summary>
    /// HEAD /v2/&lt;name&gt;/manifests/&lt;reference&gt; with the push scope (a push's token serves it): the digest a tag names before it is
    /// pushed, or null when it names none (not there, no digest header, or any answer but success and refused credentials).
    /// </summary>
    Task<OciDigest?> ManifestDigestBeforePushAsync(string repository, string reference, CancellationToken cancellationToken);

    /// <summary>GET /v2/&lt;name&gt;/manifests/&lt;reference&gt; accepting indexes and manifests (OCI and Docker).</summary>
    Task<RegistryManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken);

    /// <summary>PUT /v2/&lt;name&gt;/manifests/&lt;reference&gt;: the digest the registry reports (or computed).</summary>
    Task<OciDigest> PutManifestAsync(string repository, string reference, byte[] content, string mediaType, CancellationToken cancellationToken);

    /// <summary>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt; (OCI distribution 1.1): the referrers index, or null when the registry has no referrers API.</summary>
    Task<RegistryManifest?> GetReferrersAsync(string repository, OciDigest digest, CancellationToken cancellationToken) => Task.FromResult<RegistryManifest?>(null);
}
