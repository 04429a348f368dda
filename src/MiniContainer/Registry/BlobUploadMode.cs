namespace MiniContainer.Registry;

/// <summary>How blobs go up: whole (one PUT) with chunks as the fallback, or chunks from the start.</summary>
public enum BlobUploadMode
{
    WholeThenChunked,
    Chunked,
}
