using System.Text;
using Docker.DotNet;

namespace MiniContainer.Docker;

/// <summary>Splits a container's multiplexed stdout/stderr into lines as they arrive.</summary>
internal sealed class ContainerLineReader(Action<ContainerOutputLine> onLine)
{
    private readonly LineAssembler _stdout = new(text => onLine(new ContainerOutputLine(text, IsError: false)));
    private readonly LineAssembler _stderr = new(text => onLine(new ContainerOutputLine(text, IsError: true)));

    /// <summary>Docker.DotNet's stream of an attached container (logs, run-to-completion).</summary>
    public Task ReadToEndAsync(MultiplexedStream stream, CancellationToken cancellationToken) =>
        ReadToEndAsync(async (buffer, ct) =>
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
            return (read.EOF ? 0 : read.Count, read.Target == MultiplexedStream.TargetStream.StandardError);
        }, cancellationToken);

    /// <summary>The engine client's stream of an attached exec.</summary>
    public Task ReadToEndAsync(Wire.MultiplexedFrames frames, CancellationToken cancellationToken) =>
        ReadToEndAsync((buffer, ct) => frames.ReadAsync(buffer, ct), cancellationToken);

    /// <param name="read">Fills the buffer with output of one stream; a count of 0 at the end.</param>
    private async Task ReadToEndAsync(Func<byte[], CancellationToken, Task<(int Count, bool IsError)>> read, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (await read(buffer, cancellationToken).ConfigureAwait(false) is var (count, isError) && count > 0)
            (isError ? _stderr : _stdout).Append(buffer.AsSpan(0, count));
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
