using System.Text;
using Docker.DotNet;

namespace MiniContainer.Docker;

/// <summary>Splits a container's multiplexed stdout/stderr into lines as they arrive.</summary>
internal sealed class ContainerLineReader(Action<ContainerOutputLine> onLine)
{
    private readonly LineAssembler _stdout = new(text => onLine(new ContainerOutputLine(text, IsError: false)));
    private readonly LineAssembler _stderr = new(text => onLine(new ContainerOutputLine(text, IsError: true)));

    public async Task ReadToEndAsync(MultiplexedStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (read.EOF) break;
            var target = read.Target == MultiplexedStream.TargetStream.StandardError ? _stderr : _stdout;
            target.Append(buffer.AsSpan(0, read.Count));
        }
        _stdout.Flush();
        _stderr.Flush();
    }

    public async Task ReadToEndAsync(Wire.MultiplexedFrames frames, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var (count, isError) = await frames.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (count == 0) break;
            (isError ? _stderr : _stdout).Append(buffer.AsSpan(0, count));
        }
        _stdout.Flush();
        _stderr.Flush();
    }

    private sealed class LineAssembler(Action<string> emit)
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private readonly StringBuilder _line = new();

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Span<char> chars = stackalloc char[bytes.Length + 4];
            var count = _decoder.GetChars(bytes, chars, flush: false);
            foreach (var c in chars[..count])
            {
                if (c == '\n') Emit();
                else if (c != '\r') _line.Append(c);
            }
        }

        public void Flush()
        {
            if (_line.Length > 0) Emit();
        }

        private void Emit()
        {
            emit(_line.ToString());
            _line.Clear();
        }
    }
}
