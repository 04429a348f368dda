using MiniContainer.Pipeline;

namespace MiniContainer.BuildServer;

/// <summary>What a host hands over to run a step in the build server: the step, the script's settings, its arguments and where the server program is.</summary>
/// <param name="ServerAssembly">The server's program (MiniContainer.BuildServer.dll) as the host's package carries it.</param>
public sealed record BuildServerStepRequest(string Step, PipelineScript Script, IArgumentSource Arguments, Func<string, string?> Environment,
    string WorkingDirectory, string ServerAssembly)
{
    /// <summary>The arguments as the server's resolver reads them: every name given, each setting's value; a secret the command line may not carry goes as a mark, never its value, and is refused there as here.</summary>
    public IReadOnlyDictionary<string, string> ArgumentValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Arguments.GivenNames) values[name] = "";
        foreach (var argument in PipelineArguments.All)
            if (Arguments.Get(argument) is { } value) values[argument.Name] = argument.RefusedOnCommandLine ? "(given on the command line)" : value;
        return values;
    }
}
