using System.Text.RegularExpressions;

namespace MiniContainer.Tests;

/// <summary>
/// Each hand-written grammar accepts exactly what its regular expression accepts, over hand-picked
/// edge cases and thousands of random strings from the characters that matter to it. (The expressions
/// end in \z: .NET's $ would also let a final newline through, which the grammars refuse.)
/// </summary>
public sealed class GrammarTests
{
    private const string Host = @"^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]{1,5})?\z";

    public static TheoryData<string, string, string> Grammars => new()
    {
        { nameof(Grammar.IsMajorVersionSuffix), @"^v[0-9]+\z", "v0129x" },
        { nameof(Grammar.IsSha256Digest), @"^sha256:[a-f0-9]{64}\z", "sha256:0af" },
        { nameof(Grammar.IsRegistryHost), Host, "aZ09-.:" },
        { nameof(Grammar.IsPathComponent), @"^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*\z", "a09._-A/" },
        { nameof(Grammar.IsTag), @"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z", "aZ0_.-:" },
        { nameof(Grammar.IsDigest), @"^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}|[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,})\z", "a9.+_-:=Z" },
        { nameof(Grammar.IsFileName), @"^[A-Za-z0-9_][A-Za-z0-9._-]*\z", "aZ0._-/ " },
        { nameof(Grammar.IsUser), @"^[A-Za-z0-9_][A-Za-z0-9._-]*(?::[A-Za-z0-9_][A-Za-z0-9._-]*)?\z", "aZ0._-:" },
        { nameof(Grammar.IsNumericUser), @"^[0-9]+(?::[0-9]+)?\z", "09:a" },
        { nameof(Grammar.IsEnvironmentName), @"^[A-Za-z_][A-Za-z0-9_]*\z", "aZ_09-" },
    };

    private static readonly Dictionary<string, Func<string, bool>> ByName = new()
    {
        [nameof(Grammar.IsMajorVersionSuffix)] = text => Grammar.IsMajorVersionSuffix(text),
        [nameof(Grammar.IsSha256Digest)] = text => Grammar.IsSha256Digest(text),
        [nameof(Grammar.IsRegistryHost)] = text => Grammar.IsRegistryHost(text),
        [nameof(Grammar.IsPathComponent)] = text => Grammar.IsPathComponent(text),
        [nameof(Grammar.IsTag)] = text => Grammar.IsTag(text),
        [nameof(Grammar.IsDigest)] = text => Grammar.IsDigest(text),
        [nameof(Grammar.IsFileName)] = text => Grammar.IsFileName(text),
        [nameof(Grammar.IsUser)] = text => Grammar.IsUser(text),
        [nameof(Grammar.IsNumericUser)] = text => Grammar.IsNumericUser(text),
        [nameof(Grammar.IsEnvironmentName)] = text => Grammar.IsEnvironmentName(text),
    };

    [Theory]
    [MemberData(nameof(Grammars))]
    public void A_grammar_accepts_what_its_expression_accepts(string name, string pattern, string alphabet)
    {
        var expression = new Regex(pattern, RegexOptions.CultureInvariant);
        var Accepts = ByName[name];

        string[] cases =
        [
            "", "a", "v", "v2", "v02", "V2", "vv2", "sha256:" + new string('a', 64), "sha256:" + new string('A', 64), "sha256:" + new string('a', 63),
            "sha512:" + new string('f', 128), "sha256:" + new string('a', 40), "a.b+c_d-e:" + new string('Z', 32), "a..b:" + new string('0', 32), "a:" + new string('=', 31),
            "localhost", "localhost:5000", "127.0.0.1:123456", "-a.b", "a-.b", "a.b-", "a..b", "registry.example.com:443", "a:", ":5000", "a:b",
            "library", "my-app", "my--app", "my__app", "my___app", "my._app", "a.b.c", "a-", "-a", "_a", "Upper", "1.0", "latest", "v1.2.3-rc.1_x",
            new string('t', 128), new string('t', 129), ".hidden", "_x", "x y", "1000", "1000:1000", "1000:", ":1000", "app:app", "app:", "PATH", "_GO", "9LIVES", "A-B",
            "v2\n", "a\u00e9", "\u0662",
        ];
        var random = new Random(20261201);
        var generated = Enumerable.Range(0, 4000).Select(_ =>
            new string(Enumerable.Range(0, random.Next(0, 12) == 0 ? random.Next(60, 140) : random.Next(0, 10)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));
        foreach (var text in cases.Concat(generated))
            Accepts(text).ShouldBe(expression.IsMatch(text), $"{name}(\"{text}\")");
    }
}
