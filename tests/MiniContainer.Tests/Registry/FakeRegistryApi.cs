using MiniContainer.Oci;
using MiniContainer.Registry;

namespace MiniContainer.Tests.Registry;

/// <summary>An in-memory registry behind the seam: records every call, stores blobs by repository.</summary>
internal sealed class FakeRegistryApi : IRegistryApi
{
    public List<string> Calls { get; } = [];

    public HashSet<(string Repository, OciDigest Digest)> Blobs { get; } = [];

    public bool RefuseWholeUploads { get; init; }

    public bool RefuseMounts { get; init; }

    public string Registry => "fake.example.com";

    public Task<bool> BlobExistsAsync(string repository, OciDigest digest, CancellationToken cancellationToken)
    {
        Calls.Add($"HEAD {repository} {Short(digest)}");
        return Task.FromResult(Blobs.Contains((repository, digest)));
    }

    public Task<Stream> OpenBlobAsync(string repository, OciDigest digest, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Uri?> MountOrStartUploadAsync(string repository, OciDigest digest, string fromRepository, CancellationToken cancellationToken)
    {
        Calls.Add($"MOUNT {repository} {Short(digest)} from {fromRepository}");
        if (!RefuseMounts && Blobs.Contains((fromRepository, digest)))
        {
            Blobs.Add((repository, digest));
            return Task.FromResult<Uri?>(null);
        }
        return Task.FromResult<Uri?>(new Uri("https://fake.example.com/upload/1"));
    }

    public Task<Uri> StartUploadAsync(string repository, CancellationToken cancellationToken)
    {
        Calls.Add($"POST {repository}");
        return Task.FromResult(new Uri("https://fake.example.com/upload/2"));
    }

    public Task PutWholeBlobAsync(string repository, Uri location, OciDigest digest, BlobFileSlice content, CancellationToken cancellationToken)
    {
        Calls.Add($"PUT {repository} {Short(digest)} whole");
        if (RefuseWholeUploads)
            throw new RegistryRequestException(RegistryFailure.Unexpected, Registry, "PUT", location, System.Net.HttpStatusCode.RequestEntityTooLarge, "too large");
        Blobs.Add((repository, digest));
        return Task.CompletedTask;
    }

    public Task<Uri> PatchChunkAsync(string repository, Uri location, BlobFileSlice chunk, CancellationToken cancellationToken)
    {
        Calls.Add($"PATCH {repository} {chunk.Offset}+{chunk.Length}");
        return Task.FromResult(location);
    }

    public Task FinishUploadAsync(string repository, Uri location, OciDigest digest, CancellationToken cancellationToken)
    {
        Calls.Add($"PUT {repository} {Short(digest)} finish");
        Blobs.Add((repository, digest));
        return Task.CompletedTask;
    }

    public Task<OciDigest?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken) => throw new NotSupportedException();

    // A registry that holds none of the tags yet: every push sends its blobs and manifest.
    public Task<OciDigest?> ManifestDigestBeforePushAsync(string repository, string reference, CancellationToken cancellationToken) => Task.FromResult<OciDigest?>(null);

    public Task<RegistryManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<OciDigest> PutManifestAsync(string repository, string reference, byte[] content, string mediaType, CancellationToken cancellationToken)
    {
        Calls.Add($"PUT manifest {repository}:{reference}");
        return Task.FromResult(OciDigest.Of(content));
    }

    public static string Short(OciDigest digest) => digest.Hex[..6];
}
