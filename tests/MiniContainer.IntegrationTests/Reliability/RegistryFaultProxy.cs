using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>What the proxy does to one request, chosen from its request line ("PUT /v2/...?digest=...").</summary>
public enum ProxyFault
{
    None,
    /// <summary>Forwards the response's headers, then sends nothing more and keeps the connection open.</summary>
    StallAfterResponseHeaders,
    /// <summary>Forwards the request's headers and part of its body, then closes both sides.</summary>
    CloseMidUpload,
    /// <summary>Forwards the request's body at about 2 MB/s: slow, but moving.</summary>
    Throttle,
}

/// <summary>
/// A loopback TCP proxy in front of a registry that relays HTTP/1.1 exchanges (framed by Content-Length)
/// and causes one fault where <c>faultFor</c> says so. Stalled connections are released when it is disposed.
/// </summary>
public sealed class RegistryFaultProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _upstream;
    private readonly Func<string, ProxyFault> _faultFor;
    private readonly CancellationTokenSource _stop = new();

    public RegistryFaultProxy(string upstream, Func<string, ProxyFault> faultFor)
    {
        _upstream = upstream;
        _faultFor = faultFor;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Each request line with the fault it met.</summary>
    public List<(string Request, ProxyFault Fault)> Seen { get; } = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            client.ReceiveBufferSize = 64 * 1024; // so a throttled body waits on the sender's side, not in this socket
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var (host, port) = (_upstream[.._upstream.LastIndexOf(':')], int.Parse(_upstream[(_upstream.LastIndexOf(':') + 1)..]));
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(host, port, _stop.Token);
                var (fromClient, toUpstream) = (client.GetStream(), upstream.GetStream());
                while (await ReadHeadAsync(fromClient) is { } request)
                {
                    var line = request.Text[..request.Text.IndexOf('\r')];
                    var fault = _faultFor(line);
                    lock (Seen) Seen.Add((line, fault));
                    await toUpstream.WriteAsync(request.Bytes, _stop.Token);
                    if (fault == ProxyFault.CloseMidUpload)
                    {
                        await CopyAsync(fromClient, toUpstream, Math.Min(ContentLength(request.Text) / 2, 4096));
                        return; // both sockets close here, mid-body
                    }
                    await CopyAsync(fromClient, toUpstream, ContentLength(request.Text), fault == ProxyFault.Throttle);

                    var response = await ReadHeadAsync(toUpstream) ?? throw new IOException("the registry closed the connection");
                    await fromClient.WriteAsync(response.Bytes, _stop.Token);
                    if (fault == ProxyFault.StallAfterResponseHeaders)
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                    }
                    if (!line.StartsWith("HEAD ", StringComparison.Ordinal)) await CopyAsync(toUpstream, fromClient, ContentLength(response.Text));
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // One side went away, or the proxy stopped.
            }
        }
    }

    private async Task<(byte[] Bytes, string Text)?> ReadHeadAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0) return null;
            head.Add(one[0]);
        }
        var bytes = head.ToArray();
        return (bytes, Encoding.ASCII.GetString(bytes));
    }

    private static long ContentLength(string head) =>
        head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => long.Parse(p[1].Trim())).FirstOrDefault();

    private async Task CopyAsync(Stream from, Stream to, long count, bool throttle = false)
    {
        var buffer = new byte[64 * 1024];
        while (count > 0)
        {
            if (throttle) await Task.Delay(32, _stop.Token);
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), _stop.Token);
            if (read == 0) throw new IOException("ended early");
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            count -= read;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
