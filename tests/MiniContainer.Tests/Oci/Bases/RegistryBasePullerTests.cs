using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;
using MiniContainer.Registry;

namespace MiniContainer.Tests.Oci.Bases;

/// <summary>A registry that serves a layer longer than its descriptor says (here: without end): the pull stops at the declared size.</summary>
[Collection(AllocationMeasuringTests.Name)]
public sealed class RegistryBasePullerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mc-hostile-registry-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_layer_served_past_its_descriptors_size_is_cut_off_there_and_refused()
    {
        var registry = new EndlessLayerRegistry(configSize: null);
        var store = new BlobStore(_folder);

        BlobSizeException? error = null;
        var allocated = await Allocated.DuringAsync(async () => error = await Should.ThrowAsync<BlobSizeException>(() =>
            new RegistryBasePuller(registry, store, NullLogger.Instance).PullAsync(ImageReference.Parse("127.0.0.1:5000/base:1"), new OciPlatform("linux", "amd64"), CancellationToken.None)));

        error!.Message.ShouldContain($"({registry.Layer.Digest}) is longer than the {registry.Layer.Size:N0} bytes its descriptor declares");
        registry.Served.ShouldBeLessThanOrEqualTo(registry.Layer.Size + (1 << 16));
        allocated.ShouldBeLessThan(32L << 20);
        store.Contains(registry.Layer.Digest).ShouldBeFalse();
    }

    [Fact]
    public async Task A_config_declared_larger_than_a_document_may_be_is_refused_before_it_is_downloaded()
    {
        var registry = new EndlessLayerRegistry(configSize: OciDocument.MaxBytes + 1);

        var error = await Should.ThrowAsync<InvalidImageSourceException>(() =>
            new RegistryBasePuller(registry, new BlobStore(_folder), NullLogger.Instance).PullAsync(ImageReference.Parse("127.0.0.1:5000/base:1"), new OciPlatform("linux", "amd64"), CancellationToken.None));

        error.Message.ShouldContain($"declares a config of {OciDocument.MaxBytes + 1:N0} bytes");
        registry.Served.ShouldBe(0);
    }

    /// <summary>One image: a real config, and a layer of 1 MiB by its descriptor whose download never ends.</summary>
    private sealed class EndlessLayerRegistry : IRegistryApi
    {
        private readonly byte[] _config = Encoding.UTF8.GetBytes($$$"""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["{{{OciDigest.Of([1])}}}"]}}""");
        private readonly byte[] _manifest;
        private EndlessStream? _layerStream;

        public EndlessLayerRegistry(long? configSize)
        {
            Config = new OciDescriptor(OciMediaTypes.ImageConfig, OciDigest.Of(_config), configSize ?? _config.Length);
            Layer = new OciDescriptor(OciMediaTypes.GzipLayer, OciDigest.Of(new byte[1 << 20]), 1 << 20);
            static string Json(OciDescriptor d) => $$$"""{"mediaType":"{{{d.MediaType}}}","digest":"{{{d.Digest}}}","size":{{{d.Size}}}}""";
            _manifest = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"{{{OciMediaTypes.ImageManifest}}}","config":{{{Json(Config)}}},"layers":[{{{Json(Layer)}}}]}""");
        }

        public OciDescriptor Config { get; }

        public OciDescriptor Layer { get; }

        public long Served => _layerStream?.Served ?? 0;

        public string Registry => "127.0.0.1:5000";

        public Task<Stream> OpenBlobAsync(string repository, OciDigest digest, CancellationToken cancellationToken) =>
            Task.FromResult<Stream>(digest == Config.Digest ? new MemoryStream(_config) : _layerStream = new EndlessStream());

        public Task<OciDigest?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken) => Task.FromResult<OciDigest?>(OciDigest.Of(_manifest));

        public Task<OciDigest?> ManifestDigestBeforePushAsync(string repository, string reference, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RegistryManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken) =>
            Task.FromResult(new RegistryManifest(_manifest, OciMediaTypes.ImageManifest, OciDigest.Of(_manifest)));

        public Task<bool> BlobExistsAsync(string repository, OciDigest digest, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Uri?> MountOrStartUploadAsync(string repository, OciDigest digest, string fromRepository, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Uri> StartUploadAsync(string repository, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task PutWholeBlobAsync(string repository, Uri location, OciDigest digest, BlobFileSlice content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Uri> PatchChunkAsync(string repository, Uri location, BlobFileSlice chunk, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task FinishUploadAsync(string repository, Uri location, OciDigest digest, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<OciDigest> PutManifestAsync(string repository, string reference, byte[] content, string mediaType, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
