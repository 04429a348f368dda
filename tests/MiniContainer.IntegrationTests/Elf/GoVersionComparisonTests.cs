using System.Text;
using MiniContainer.Elf;
using MiniContainer.Verify;

namespace MiniContainer.IntegrationTests.Elf;

/// <summary>The build info read from the binary must print exactly as <c>go version -m</c> prints it.</summary>
[Collection(RealBinariesCollection.Name)]
public sealed class GoVersionComparisonTests(RealBinariesFixture binaries)
{
    [Theory]
    [InlineData(nameof(RealBinariesFixture.MuslStatic))]
    [InlineData(nameof(RealBinariesFixture.GlibcStatic))]
    [InlineData(nameof(RealBinariesFixture.PureGo))]
    [InlineData(nameof(RealBinariesFixture.Arm64))]
    public void Build_info_matches_go_version_m(string binaryName)
    {
        var path = (string)typeof(RealBinariesFixture).GetProperty(binaryName)!.GetValue(binaries)!;

        AssertMatchesGoVersionM(path);
    }

    [Fact]
    public void Dependencies_replacements_and_vcs_settings_match_go_version_m()
    {
        HostToolchain.RequireTool("git", "git");
        var root = Path.Combine(binaries.Directory, "vcs");
        var lib = Path.Combine(root, "lib");
        var app = Path.Combine(root, "app");
        Directory.CreateDirectory(lib);
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(lib, "go.mod"), "module example.com/lib\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(lib, "lib.go"), "package lib\n\nfunc Hello() string { return \"hello\" }\n");
        File.WriteAllText(Path.Combine(app, "go.mod"), "module example.com/app\n\ngo 1.19\n\nrequire example.com/lib v1.2.3\n\nreplace example.com/lib v1.2.3 => ../lib\n");
        File.WriteAllText(Path.Combine(app, "main.go"), "package main\n\nimport \"example.com/lib\"\n\nfunc main() { println(lib.Hello()) }\n");
        var git = new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com" };
        HostToolchain.Run(root, "git", ["init", "-q"], git);
        HostToolchain.Run(root, "git", ["add", "."], git);
        HostToolchain.Run(root, "git", ["commit", "-q", "-m", "init"], git);
        File.AppendAllText(Path.Combine(app, "main.go"), "// dirty\n");
        var output = Path.Combine(binaries.Directory, "vcs-app");
        HostToolchain.Run(app, "go", ["build", "-buildvcs=true", "-ldflags", "-s -X 'main.note=a \"quoted\" value'", "-o", output, "."], new Dictionary<string, string> { ["CGO_ENABLED"] = "0", ["GOFLAGS"] = "" });

        var info = new StaticBinaryVerifier().Inspect(output).Go.BuildInfo.ShouldNotBeNull();

        info.Dependencies.ShouldHaveSingleItem().ShouldBe(new GoModuleVersion("example.com/lib", "v1.2.3", null, new GoModuleVersion("../lib", "(devel)", null)));
        info.Setting("vcs").ShouldBe("git");
        info.Setting("vcs.revision").ShouldNotBeNull().Length.ShouldBe(40);
        info.Setting("vcs.time").ShouldNotBeNull().ShouldEndWith("Z");
        info.Setting("vcs.modified").ShouldBe("true");
        info.Setting("-ldflags").ShouldBe("-s -X 'main.note=a \"quoted\" value'");
        AssertMatchesGoVersionM(output);
    }

    private static void AssertMatchesGoVersionM(string path)
    {
        var expected = HostToolchain.Run(Path.GetDirectoryName(path)!, "go", ["version", "-m", path]);
        var info = new StaticBinaryVerifier().Inspect(path).Go.BuildInfo.ShouldNotBeNull();

        FormatLikeGoVersionM(path, info).ShouldBe(expected);
    }

    // Mirrors runtime/debug.BuildInfo.String() as cmd/go prints it, tab-indented under "path: version".
    private static string FormatLikeGoVersionM(string path, GoBuildInfo info)
    {
        var text = new StringBuilder($"{path}: {info.GoVersion}\n");
        if (info.Path is not null)
        {
            text.Append($"\tpath\t{info.Path}\n");
        }

        void Module(string word, GoModuleVersion module)
        {
            text.Append($"\t{word}\t{module.Path}\t{module.Version}");
            if (module.Replacement is null)
            {
                text.Append($"\t{module.Sum}\n");
            }
            else
            {
                text.Append('\n');
                Module("=>", module.Replacement);

                // Go 1.19's BuildInfo.String() ends a replaced module with one newline too many, printed as a lone tab.
                text.Append("\t\n");
            }
        }

        if (info.Main is not null)
        {
            Module("mod", info.Main);
        }

        foreach (var dependency in info.Dependencies)
        {
            Module("dep", dependency);
        }

        foreach (var setting in info.Settings)
        {
            var key = setting.Key.Length == 0 || setting.Key.IndexOfAny(['=', ' ', '\t', '\r', '\n', '"', '`']) >= 0 ? GoStringLiteral.Quote(setting.Key) : setting.Key;
            var value = setting.Value.IndexOfAny([' ', '\t', '\r', '\n', '"', '`']) >= 0 ? GoStringLiteral.Quote(setting.Value) : setting.Value;
            text.Append($"\tbuild\t{key}={value}\n");
        }

        return text.ToString();
    }
}
