using System.Globalization;
using System.Reflection;
using MiniContainer.Pipeline;
using Nuke.Common;

namespace MiniContainer.Nuke.Hosting;

/// <summary>
/// The build's <c>[Parameter]</c>s as the pipeline's arguments, each read through its member, that is through NUKE's own
/// resolution (the command line, the variable of the same name or with NUKE_, <c>.nuke/parameters*.json</c>). A list
/// arrives space-separated (<c>--platforms linux/amd64 linux/arm64</c>) and goes to the core comma-joined.
/// </summary>
internal sealed class NukeArgumentSource(INukeBuild build) : IArgumentSource
{
    private readonly IReadOnlyDictionary<string, MemberInfo> _parameters = NukeParameters.Of(build);

    // A secret has no parameter: the core reads its MINICONTAINER_ variable itself. Given on the command line anyway, it is
    // handed over (as a mark, never its value) so the core refuses it as it does in Cake.
    public string? Get(PipelineArgument argument) => argument.RefusedOnCommandLine ? (UnknownArguments.IsGiven(argument.Name) ? "(on the command line)" : null) :
        _parameters.TryGetValue(NukeParameters.Key(argument.Name), out var member) ? Text(ValueOf(member)) : null;

    // NUKE's own check (UnknownArguments) warns about its command line against every parameter of the build.
    public IEnumerable<string> GivenNames => [];

    private object? ValueOf(MemberInfo member) => member switch
    {
        PropertyInfo property => property.GetValue(build),
        FieldInfo field => field.GetValue(build),
        _ => null,
    };

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        bool flag => flag ? "true" : "false",
        IEnumerable<string> list => list.Any() ? string.Join(",", list) : null,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
