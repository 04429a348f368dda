using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MiniContainer.Tests.Docker.Wire;

/// <summary>
/// A unix socket that answers like an engine would, from a script: each connection's request is
/// recorded (method, path, headers, the body with chunked framing undone) and answered with the
/// bytes the test gives, then closed.
/// </summary>
internal sealed class ScriptedEngine : IAsyncDisposable
{
    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    private readonly Socket _listener;
    private readonly string _directory;
    private readonly Queue<byte[]> _answers = new();
    private readonly Task _serving;
    private readonly CancellationTokenSource _stop = new();

    public ScriptedEngine(params string[] answers)
    {
        _directory = Directory.CreateTempSubdirectory("mc-wire-").FullName;
        var path = System.IO.Path.Combine(_directory, "engine.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen();
        Endpoint = new Uri("unix://" + path);
        foreach (var answer in answers) _answers.Enqueue(Encoding.UTF8.GetBytes(answer));
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public List<Request> Requests { get; } = [];

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            using (client)
            await using (var stream = new NetworkStream(client, ownsSocket: false))
            {
                var request = await ReadRequestAsync(stream);
                lock (Requests) Requests.Add(request);
                byte[] answer;
                lock (_answers) answer = _answers.Count > 0 ? _answers.Dequeue() : "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
                await stream.WriteAsync(answer);
                client.Shutdown(SocketShutdown.Both);
            }
        }
    }

    private static async Task<Request> ReadRequestAsync(NetworkStream stream)
    {
        var reader = new StreamByteReader(stream);
        var requestLine = (await reader.ReadLineAsync()).Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
            headers[line[..line.IndexOf(':')].Trim()] = line[(line.IndexOf(':') + 1)..].Trim();
        var body = new MemoryStream();
        if (headers.TryGetValue("Content-Length", out var length))
            body.Write(await reader.ReadBytesAsync(int.Parse(length, CultureInfo.InvariantCulture)));
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding == "chunked")
        {
            while (int.Parse(await reader.ReadLineAsync(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) is var size and > 0)
            {
                body.Write(await reader.ReadBytesAsync(size));
                await reader.ReadLineAsync();
            }
            await reader.ReadLineAsync();
        }
        return new Request(requestLine[0], requestLine[1], headers, body.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try { await _serving; } catch (Exception) { /* stopped */ }
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class StreamByteReader(Stream stream)
    {
        private readonly byte[] _one = new byte[1];

        public async Task<string> ReadLineAsync()
        {
            var line = new StringBuilder();
            while (await stream.ReadAsync(_one) == 1 && _one[0] != '\n') line.Append((char)_one[0]);
            return line.ToString().TrimEnd('\r');
        }

        public async Task<byte[]> ReadBytesAsync(int count)
        {
            var bytes = new byte[count];
            await stream.ReadExactlyAsync(bytes);
            return bytes;
        }
    }
}
