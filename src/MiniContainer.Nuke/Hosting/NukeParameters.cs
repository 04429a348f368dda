using System.Reflection;
using Nuke.Common;
using Nuke.Common.Utilities;

namespace MiniContainer.Nuke.Hosting;

/// <summary>
/// The build's parameters as NUKE lists them for --help and the schema (its internal ValueInjectionUtility.GetParameterMembers:
/// the public GetAllMembers over the build's class and interfaces), named as NUKE names them.
/// </summary>
internal static class NukeParameters
{
    /// <summary>Each parameter member by NUKE's member name (<c>[ParameterPrefix]</c> + <c>Name</c> or the member's name), case-insensitive.</summary>
    public static IReadOnlyDictionary<string, MemberInfo> Of(INukeBuild build) =>
        build.GetType()
            .GetAllMembers(m => m.GetCustomAttribute<ParameterAttribute>() is not null, ReflectionUtility.All, allowAmbiguity: true)
            .GroupBy(MemberName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    public static string MemberName(MemberInfo member) =>
        member.DeclaringType?.GetCustomAttribute<ParameterPrefixAttribute>()?.Prefix + (member.GetCustomAttribute<ParameterAttribute>()!.Name ?? member.Name);

    /// <summary>The name on the command line: <c>BuilderCc</c> is <c>builder-cc</c>.</summary>
    public static string DashedName(string memberName) => memberName.SplitCamelHumpsWithKnownWords().JoinDash().ToLowerInvariant();

    /// <summary>How NUKE matches an argument to a parameter: dashes dropped, case ignored (<c>--go-arch</c> is <c>Goarch</c> too).</summary>
    public static string Key(string name) => name.TrimStart('-').Replace("-", "", StringComparison.Ordinal);
}
