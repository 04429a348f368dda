using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MiniContainer.Tests.Registry;

/// <summary>
/// A small HTTP server on a loopback address (127.0.0.2 is its own origin: Linux routes all of 127/8 to lo)
/// that records every request's method, path and Authorization header before <c>answer</c> handles it.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly Task _loop;

    public LoopbackHttpServer(string ip, Func<HttpListenerContext, Task> answer)
    {
        _answer = answer;
        Port = FreePort(ip);
        Address = $"{ip}:{Port}";
        _listener.Prefixes.Add($"http://{Address}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>host:port, as a registry is named.</summary>
    public string Address { get; }

    public Uri BaseUri => new($"http://{Address}/");

    /// <summary>"METHOD /path?query Authorization-value" per request, in arrival order ("" when it had none).</summary>
    public ConcurrentQueue<(string Request, string Authorization)> Seen { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                Seen.Enqueue(($"{context.Request.HttpMethod} {context.Request.RawUrl}", context.Request.Headers["Authorization"] ?? ""));
                try
                {
                    await _answer(context).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // The client went away.
                }
                finally
                {
                    context.Response.Close();
                }
            });
        }
    }

    public static async Task WriteAsync(HttpListenerContext context, HttpStatusCode status, string body = "", string contentType = "application/json")
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = contentType;
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }

    private static int FreePort(string ip)
    {
        var probe = new TcpListener(IPAddress.Parse(ip), 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            // Close stops too; its second removal of the prefix binds the port again, which another test may hold by then.
            _listener.Close();
        }
        catch (HttpListenerException)
        {
        }
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
