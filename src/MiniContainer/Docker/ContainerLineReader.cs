using System.Text;
using Docker.DotNet;

namespace MiniContainer.Docker;

/// <summary>Splits a container's multiplexed stdout/stderr into lines as they arrive.</summary>
/// <param name="onActivity">Called for each piece read (a stall guard's sign of life).</param>
internal sealed class ContainerLineReader(Action<ContainerOutputLine> onLine, Action? onActivity = null)
{
    private readonly LineAssembler _stdout = new(text => onLine(new ContainerOutputLine(text, IsError: false)));
    private readonly LineAssembler _stderr = new(text => onLine(new ContainerOutputLine(text, IsError: true)));

    /// <summary>Reads an attached container's or exec's stream (stdout and stderr multiplexed) to its end.</summary>
    public async Task ReadToEndAsync(MultiplexedStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false) is { EOF: false } read)
        {
            onActivity?.Invoke();
            (read.Target == MultiplexedStream.TargetStream.StandardError ? _stderr : _stdout).Append(buffer.AsSpan(0, read.Count));
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
