using System.Diagnostics;
using System.Net;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// One Debian docker-registry process on 127.0.0.1 with storage in <c>folder</c>, started and
/// awaited until /v2/ answers as expected; disposing it stops it (by its process id) and deletes the folder.
/// </summary>
internal sealed class RegistryProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private RegistryProcess(Process process, string folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <param name="authConfig">The config's <c>auth:</c> section (indented), or null for an open registry.</param>
    public static async Task<RegistryProcess> StartAsync(string folder, string address, string? authConfig, HttpStatusCode answerWhenReady)
    {
        var config = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(folder, "data")}
            http:
              addr: {address}

            """ + (authConfig ?? ""));

        var start = new ProcessStartInfo("docker-registry") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new RegistryProcess(process, folder);

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync($"http://{address}/v2/");
                response.StatusCode.ShouldBe(answerWhenReady);
                return registry;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
