using MiniContainer.Pipeline;
using Nuke.Common;
using Serilog;

namespace MiniContainer.Nuke.Hosting;

/// <summary>
/// NUKE ignores a <c>--name</c> that no parameter has (a parameter is looked up by name; nothing checks the rest), so a
/// misspelt <c>--regsitry</c> would push nothing and pass. The first MiniContainer step warns about each such argument
/// once, with the nearest parameter's name when it is a near miss.
/// </summary>
internal static class UnknownArguments
{
    // Arguments NUKE reads by name without a [Parameter] member (Constants, BuildServerConfigurationGeneration).
    private static readonly string[] NukeOwn = ["visual-studio-debug", "shell-completion", "generate-configuration"];

    private static int _checked;

    public static void WarnOnce(INukeBuild build)
    {
        if (Interlocked.Exchange(ref _checked, 1) == 1) return;
        // A secret has no parameter, but the core refuses it by name (NukeArgumentSource hands it over): no warning as well.
        var known = NukeParameters.Of(build).Keys.Select(NukeParameters.DashedName).Concat(NukeOwn)
            .Concat(PipelineArguments.All.Where(a => a.RefusedOnCommandLine).Select(a => a.Name)).ToList();
        foreach (var given in GivenNames())
        {
            if (given.Length == 0 || known.Any(k => Same(k, given)) || IsProfilePassword(given)) continue;
            var nearest = known.Select(k => (Name: k, Distance: ArgumentSpelling.Distance(NukeParameters.Key(k).ToLowerInvariant(), NukeParameters.Key(given).ToLowerInvariant())))
                .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault();
            if (nearest.Name is not null && nearest.Distance <= Math.Max(1, given.Length / 4))
                Log.Warning("--{Argument:l} is not a parameter of this build, so nothing reads it: did you mean --{Nearest:l}? (./build.sh --help lists them)", given, nearest.Name);
            else
                Log.Warning("--{Argument:l} is not a parameter of this build, so nothing reads it (./build.sh --help lists them)", given);
        }
    }

    /// <summary>Whether the command line has <c>--name</c> (or a spelling NUKE takes for it: other case, no dashes).</summary>
    public static bool IsGiven(string name) => GivenNames().Any(given => Same(name, given));

    private static IEnumerable<string> GivenNames() =>
        EnvironmentInfo.CommandLineArguments.Where(a => a.StartsWith('-')).Select(a => a.TrimStart('-')).Distinct(StringComparer.OrdinalIgnoreCase);

    private static bool Same(string parameter, string given) =>
        NukeParameters.Key(parameter).Equals(NukeParameters.Key(given), StringComparison.OrdinalIgnoreCase);

    // A profile's password: PARAMS<PROFILE>KEY (Constants.GetProfilePasswordParameterName).
    private static bool IsProfilePassword(string given) =>
        NukeParameters.Key(given).StartsWith("params", StringComparison.OrdinalIgnoreCase) && NukeParameters.Key(given).EndsWith("key", StringComparison.OrdinalIgnoreCase);
}
