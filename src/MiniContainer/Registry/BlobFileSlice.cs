using System.Net;

namespace MiniContainer.Registry;

/// <summary>A range of a blob file, sent as a request body that can be sent again (after an auth challenge).</summary>
public sealed record BlobFileSlice(string Path, long Offset, long Length)
{
    public static BlobFileSlice Whole(string path) => new(path, 0, new FileInfo(path).Length);

    internal HttpContent ToContent() => new SliceContent(this);

    private sealed class SliceContent(BlobFileSlice slice) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var file = new FileStream(slice.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            file.Position = slice.Offset;
            var buffer = new byte[1 << 16];
            var left = slice.Length;
            while (left > 0)
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0) throw new IOException($"{slice.Path} ended before the {slice.Length} bytes to send from offset {slice.Offset}.");
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                left -= read;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = slice.Length;
            return true;
        }
    }
}
