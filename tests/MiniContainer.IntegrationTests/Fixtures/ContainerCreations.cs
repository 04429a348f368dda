using System.Globalization;
using Docker.DotNet.Models;
using MiniContainer.Docker;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>The containers the engine created from given images (tags or IDs) in a stretch of time, read from its event log.</summary>
public static class ContainerCreations
{
    public static async Task<IReadOnlyList<string>> FromAsync(DockerEngine engine, DateTimeOffset since, DateTimeOffset until, params string[] images)
    {
        var events = new EventList();
        var parameters = new ContainerEventsParameters
        {
            Since = UnixSeconds(since),
            Until = UnixSeconds(until), // past "until", the engine ends the stream
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["event"] = new Dictionary<string, bool> { ["create"] = true },
            },
        };
        await engine.Client.System.MonitorEventsAsync(parameters, events, CancellationToken.None);
        return events.Received
            .Where(e => e.Actor?.Attributes?.TryGetValue("image", out var image) == true && images.Contains(image))
            .Select(e => e.Actor.ID)
            .ToList();
    }

    private static string UnixSeconds(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000m).ToString("0.000", CultureInfo.InvariantCulture);

    // Not Progress<T>: that reports on the thread pool, possibly after the stream has ended.
    private sealed class EventList : IProgress<Message>
    {
        private readonly List<Message> _received = [];

        public IReadOnlyList<Message> Received
        {
            get { lock (_received) return _received.ToList(); }
        }

        public void Report(Message value)
        {
            lock (_received) _received.Add(value);
        }
    }
}
