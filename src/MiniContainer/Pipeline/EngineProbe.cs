using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;

namespace MiniContainer.Pipeline;

/// <summary>
/// Whether a Docker Engine answers, asked once per endpoint and process: the recipe's tasks run in one
/// process, so GoCompile, CaCertificates, ComposeImage and SmokeTest take the same path in one run.
/// </summary>
internal static class EngineProbe
{
    private static readonly ConcurrentDictionary<string, bool> Answers = new(StringComparer.Ordinal);

    /// <summary>Forgets the answers: a build server's next run asks again (the engine may have gone or come).</summary>
    public static void Forget() => Answers.Clear();

    public static async Task<bool> AnswersAsync(Uri? endpoint, ILogger logger, CancellationToken cancellationToken)
    {
        var key = endpoint?.ToString() ?? "";
        if (Answers.TryGetValue(key, out var known)) return known;
        try
        {
            using var engine = await DockerEngine.ConnectAsync(endpoint, logger, cancellationToken).ConfigureAwait(false);
            return Answers[key] = true;
        }
        catch (DockerEngineUnavailableException e)
        {
            logger.LogInformation("No Docker Engine answers at {Endpoint}: building with this machine's Go and composing the image without an engine (--engine=docker requires one)", e.Endpoint);
            return Answers[key] = false;
        }
    }
}
