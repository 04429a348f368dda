using System.Text.Json;
using System.Text.Json.Serialization;
using MiniContainer.Elf;
using MiniContainer.Verify;

namespace MiniContainer.Tests.Verify;

/// <summary>The hand-written report is exactly what the serializer writes for the documented shape.</summary>
public sealed class VerificationReportJsonTests
{
    private static readonly JsonSerializerOptions Documented = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static TheoryData<string> Cases => ["static musl", "dynamic glibc", "static-pie with debug info", "no build info", "replaced module, NSS hazard, quotes"];

    private static VerificationResult Case(string name)
    {
        var report = name switch
        {
            "static musl" => Reports.StaticMusl(),
            "dynamic glibc" => Reports.DynamicGlibc(),
            "static-pie with debug info" => Reports.StaticMusl(debugInfo: true) with { Linking = new LinkingFacts(Linkage.StaticPie, null, [], true) },
            "no build info" => Reports.StaticMusl() with { Go = new GoFacts(false, null, "no Go build info: \"not a Go binary\"") },
            _ => Reports.StaticMusl() with
            {
                Libc = new LibcFacts(LibcFlavour.Glibc, ["symbol __libc_start_main"], true, ["string \"libnss_files.so.2\""]),
                Go = new GoFacts(true, new GoBuildInfo("go1.22.1", "example.com/app", new GoModuleVersion("example.com/app", "v1.2.3", "h1:abc="),
                    [new GoModuleVersion("golang.org/x/net", "v0.1.0", "h1:def=", new GoModuleVersion("../net", "(devel)", null))],
                    [new("-ldflags", "-w -X 'main.v=ü<&>'")]), null),
            },
        };
        var policy = new VerificationPolicy { ExpectedGoArch = null, StripDwarfRequested = true };
        return new VerificationResult(report, policy, VerificationPolicyEvaluator.Evaluate(report, policy));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_report_is_byte_for_byte_what_the_serializer_writes(string name)
    {
        var result = Case(name);
        var expected = JsonSerializer.Serialize(new
        {
            schemaVersion = VerificationReportJson.SchemaVersion,
            passed = result.Passed,
            findings = result.Findings,
            policy = result.Policy,
            file = result.Report.File,
            format = result.Report.Format,
            linking = result.Report.Linking,
            debug = result.Report.Debug,
            libc = result.Report.Libc,
            go = result.Report.Go,
        }, Documented);

        VerificationReportJson.ToJson(result).ShouldBe(expected);
    }
}
