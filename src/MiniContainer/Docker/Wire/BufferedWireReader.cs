using System.Net;
using System.Text;

namespace MiniContainer.Docker.Wire;

/// <summary>
/// Reads an HTTP/1.1 response from the connection: the status line and headers, then the body as it
/// is framed (Content-Length, chunked, or until the engine closes). Bytes read past the headers are
/// kept and handed to the body first.
/// </summary>
internal sealed class BufferedWireReader(Stream connection) : ReadOnlyWireStream
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public async Task<EngineResponse> ReadResponseAsync(CancellationToken cancellationToken)
    {
        var statusLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
                         ?? throw new IOException("The Docker Engine closed the connection without answering.");
        // "HTTP/1.1 200 OK"
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], out var status))
            throw new IOException($"The Docker Engine answered with something that is not HTTP: '{statusLine}'.");

        long? contentLength = null;
        var chunked = false;
        while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } header)
        {
            var colon = header.IndexOf(':');
            if (colon <= 0) continue;
            var name = header[..colon].Trim();
            var value = header[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, out var length)) contentLength = length;
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase)) chunked = true;
        }

        Stream body = chunked ? new ChunkedReadStream(this) : contentLength is { } bytes ? new LengthLimitedReadStream(this, bytes) : this;
        return new EngineResponse((HttpStatusCode)status, body, connection);
    }

    /// <summary>One CRLF-terminated line (without it); null at the end of the connection.</summary>
    internal async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                return line.Length == 0 ? null : line.ToString();
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            line.Append(Encoding.ASCII.GetString(_buffer, _start, stop - _start));
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0) return line.ToString().TrimEnd('\r');
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty) return 0;
        if (_start == _end)
        {
            // Large reads go straight to the caller's buffer.
            if (destination.Length >= _buffer.Length) return await connection.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
            if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return 0;
        }
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsMemory(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await connection.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }
}
