namespace MiniContainer.Pipeline;

/// <summary>
/// Where a host's arguments come from: Cake's <c>--name=value</c>, NUKE's parameters. The pipeline asks by
/// setting; the <c>MINICONTAINER_&lt;NAME&gt;</c> variable, the script's value and go.mod come after it.
/// </summary>
public interface IArgumentSource
{
    /// <summary>The argument's value; null when it was not given.</summary>
    string? Get(PipelineArgument argument);

    /// <summary>The names of every argument given (without dashes), the build script's own too: a near miss of a setting's name is warned about.</summary>
    IEnumerable<string> GivenNames { get; }
}

/// <summary>Arguments from a dictionary by name (<c>"image-tag"</c>): for tests and for hosts that parse their own command line.</summary>
public sealed class DictionaryArgumentSource(IReadOnlyDictionary<string, string> values) : IArgumentSource
{
    public static DictionaryArgumentSource Empty { get; } = new(new Dictionary<string, string>());

    public string? Get(PipelineArgument argument) => values.TryGetValue(argument.Name, out var value) ? value : null;

    public IEnumerable<string> GivenNames => values.Keys;
}
