using System.Text.RegularExpressions;
using MiniContainer.Pipeline;

namespace MiniContainer.Tests.Pipeline;

/// <summary>
/// The NUKE components declare every pipeline setting as a [Parameter] of the same name as Cake's argument. CI has no
/// Nuke.Common to load them, so this reads their source and names each parameter as NUKE does.
/// </summary>
public partial class NukeParameterTableTests
{
    // The settings the resolver reads as lists: NUKE passes them space-separated, so their members are string[].
    private static readonly string[] ListSettings = ["packages", "platforms", "cross-cc", "ca-file", "insecure-registry",
        "image-tag", "entrypoint", "cmd", "image-env", "image-label", "image-annotation", "expose"];

    private sealed record NukeParameter(string File, string Type, string Member, string DashedName, bool Secret);

    [Fact]
    public void Every_setting_is_a_nuke_parameter_of_the_same_name_and_there_are_no_others()
    {
        var parameters = Parameters();

        parameters.Select(p => p.DashedName).Order(StringComparer.Ordinal)
            .ShouldBe(PipelineArguments.All.Select(a => a.Name).Order(StringComparer.Ordinal),
                "the NUKE parameters (" + string.Join(", ", parameters.Select(p => $"{p.Member} as --{p.DashedName} in {p.File}")) + ")");
    }

    [Fact]
    public void List_settings_are_string_arrays_and_the_others_are_single_values()
    {
        foreach (var parameter in Parameters())
        {
            if (ListSettings.Contains(parameter.DashedName)) parameter.Type.ShouldBe("string[]", $"--{parameter.DashedName} ({parameter.Member})");
            else parameter.Type.ShouldNotEndWith("[]", $"--{parameter.DashedName} ({parameter.Member})");
        }
    }

    [Fact]
    public void Only_the_registry_password_is_secret()
    {
        Parameters().Where(p => p.Secret).Select(p => p.DashedName).ShouldBe([PipelineArguments.RegistryPassword.Name]);
    }

    [Theory]
    [InlineData("Goarch", "goarch")]
    [InlineData("GoArch", "go-arch")]
    [InlineData("BuilderCc", "builder-cc")]
    [InlineData("RegistryUsername", "registry-username")]
    [InlineData("NuGetApiKey", "nuget-api-key")]
    [InlineData("GitHubToken", "github-token")]
    public void Names_are_derived_as_nuke_derives_them(string member, string dashed)
    {
        DashedName(member).ShouldBe(dashed);
    }

    private static List<NukeParameter> Parameters()
    {
        var folder = Path.Combine(PipelineArgumentsTests.RepositoryRoot(), "src", "MiniContainer.Nuke");
        var parameters = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => ParameterDeclaration().Matches(File.ReadAllText(file)).Select(m => new NukeParameter(
                Path.GetRelativePath(folder, file),
                m.Groups["type"].Value.Trim(),
                m.Groups["member"].Value,
                DashedName(NameArgument().Match(m.Groups["arguments"].Value) is { Success: true } name ? name.Groups["name"].Value : m.Groups["member"].Value),
                m.Groups["attributes"].Value.Contains("[Secret]", StringComparison.Ordinal))))
            .ToList();
        parameters.Count.ShouldBeGreaterThan(0, $"no [Parameter] found under {folder}");
        return parameters;
    }

    /// <summary>
    /// NUKE's ParameterService.GetParameterDashedName: the member name (or the attribute's Name) split before each capital
    /// that follows a lower-case letter, NUKE's known words (NuGet, GitHub, ...) kept whole, joined with dashes, lower case.
    /// </summary>
    private static string DashedName(string name)
    {
        string[] knownWords = ["DotNet", "GitHub", "GitVersion", "MSBuild", "NuGet", "ReSharper", "AppVeyor", "TeamCity", "GitLab", "SignPath", "JetBrains"];
        var words = new List<string>();
        var start = 0;
        var knownEnd = -1;
        for (var i = 0; i < name.Length; i++)
        {
            var known = i > knownEnd ? knownWords.FirstOrDefault(w => string.Compare(name, i, w, 0, w.Length, StringComparison.OrdinalIgnoreCase) == 0) : null;
            if (known is not null) knownEnd = i + known.Length - 1;
            var split = known is not null ? i > 0 : i > 0 && i > knownEnd && char.IsUpper(name[i]) && char.IsLower(name[i - 1]);
            if (!split) continue;
            words.Add(name[start..i]);
            start = i;
        }
        words.Add(name[start..]);
        return string.Join("-", words).ToLowerInvariant();
    }

    // [Parameter(...)], any further attributes ([Secret]), then the member: "string[] Packages =>" or "readonly int X;".
    [GeneratedRegex("""\[Parameter(?:\((?<arguments>(?:"(?:[^"\\]|\\.)*"|[^()"])*)\))?\]\s*(?<attributes>(?:\[[^\]]*\]\s*)*)(?:(?:public|internal|protected|private|readonly|static|virtual|sealed|new)\s+)*(?<type>[\w.<>?,\[\] ]+?)\s+(?<member>\w+)\s*(?:=>|=|;|\{)""")]
    private static partial Regex ParameterDeclaration();

    [GeneratedRegex("""\bName\s*=\s*"(?<name>[^"]+)"\s*""")]
    private static partial Regex NameArgument();
}
