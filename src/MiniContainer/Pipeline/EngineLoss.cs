using MiniContainer.Docker;

namespace MiniContainer.Pipeline;

/// <summary>
/// Runs a step's work on an engine (null: no engine is used); when it fails and the engine no longer answers
/// (a restart, a crash), says so and where, instead of the broken stream's error.
/// </summary>
public static class EngineLoss
{
    public static async Task<T> ReportAsync<T>(DockerEngine? engine, CancellationToken cancellationToken, Func<Task<T>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (engine is not null && !cancellationToken.IsCancellationRequested && e is not (DockerEngineUnavailableException or DockerEngineStalledException))
        {
            if (await engine.WhyNotAnsweringAsync().ConfigureAwait(false) is { } why)
                throw new DockerEngineUnavailableException(engine.Endpoint.ToString(), why);
            throw;
        }
    }

    public static Task ReportAsync(DockerEngine? engine, CancellationToken cancellationToken, Func<Task> body) =>
        ReportAsync(engine, cancellationToken, async () =>
        {
            await body().ConfigureAwait(false);
            return true;
        });
}
