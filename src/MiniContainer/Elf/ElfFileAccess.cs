using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace MiniContainer.Elf;

/// <summary>Bounded positional reads over an open file: the verifier never loads the whole binary into memory.</summary>
internal sealed class ElfFileAccess(SafeFileHandle handle, long length)
{
    private const int ScanChunk = 1 << 20;

    internal long Length { get; } = length;

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/>, clipped to the end of the file.</summary>
    internal byte[] Read(long offset, int count)
    {
        if (offset < 0 || offset >= Length || count <= 0)
        {
            return [];
        }

        var buffer = new byte[(int)Math.Min(count, Length - offset)];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(total), offset + total);
            if (read == 0)
            {
                return buffer[..total];
            }

            total += read;
        }

        return buffer;
    }

    /// <summary>Looks for each needle in a file range, chunk by chunk, stopping once all are found.</summary>
    internal void FindStrings(ulong offset, ulong length, IReadOnlyList<byte[]> needles, ISet<int> found)
    {
        if (needles.Count == 0 || offset >= (ulong)Length)
        {
            return;
        }

        var end = (long)Math.Min((ulong)Length, offset + Math.Min(length, (ulong)Length));
        var overlap = needles.Max(n => n.Length) - 1;
        var buffer = ArrayPool<byte>.Shared.Rent(ScanChunk + overlap);
        try
        {
            var position = (long)offset;
            while (position < end && found.Count < needles.Count)
            {
                var count = (int)Math.Min(ScanChunk + overlap, end - position);
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, count), position);
                if (read <= 0)
                {
                    return;
                }

                var window = buffer.AsSpan(0, read);
                for (var i = 0; i < needles.Count; i++)
                {
                    if (!found.Contains(i) && window.IndexOf(needles[i]) >= 0)
                    {
                        found.Add(i);
                    }
                }

                position += Math.Max(1, read - overlap);
                if (read < count)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a NUL-terminated string of at most <paramref name="maxLength"/> bytes.</summary>
    internal string ReadCString(long offset, int maxLength)
    {
        var bytes = Read(offset, maxLength);
        var end = Array.IndexOf(bytes, (byte)0);
        return System.Text.Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
    }
}
