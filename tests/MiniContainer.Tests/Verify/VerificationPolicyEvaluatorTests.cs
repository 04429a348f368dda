using MiniContainer.Elf;
using MiniContainer.Verify;

namespace MiniContainer.Tests.Verify;

public sealed class VerificationPolicyEvaluatorTests
{
    [Fact]
    public void A_static_musl_binary_of_the_expected_arch_passes_with_no_findings()
    {
        VerificationPolicyEvaluator.Evaluate(Reports.StaticMusl(), new VerificationPolicy()).ShouldBeEmpty();
    }

    [Fact]
    public void A_dynamic_binary_fails_naming_interpreter_libraries_and_the_likely_cause()
    {
        var finding = VerificationPolicyEvaluator.Evaluate(Reports.DynamicGlibc(), new VerificationPolicy()).ShouldHaveSingleItem();

        finding.Severity.ShouldBe(FindingSeverity.Error);
        finding.Code.ShouldBe("dynamic");
        finding.Message.ShouldContain("interpreter /lib64/ld-linux-x86-64.so.2");
        finding.Message.ShouldContain("needs libpthread.so.0, libc.so.6");
        finding.Message.ShouldContain("-linkmode external -extldflags \"-static\"");
        finding.Message.ShouldContain("glibc toolchain");
    }

    [Fact]
    public void A_dynamic_binary_passes_when_static_is_not_required()
    {
        VerificationPolicyEvaluator.Evaluate(Reports.DynamicGlibc(), new VerificationPolicy { RequireStatic = false }).ShouldBeEmpty();
    }

    [Fact]
    public void Static_pie_counts_as_static()
    {
        var report = Reports.StaticMusl() with { Linking = new LinkingFacts(Linkage.StaticPie, null, [], true) };

        VerificationPolicyEvaluator.Evaluate(report, new VerificationPolicy()).ShouldBeEmpty();
    }

    [Fact]
    public void A_machine_other_than_the_expected_goarch_fails()
    {
        var finding = VerificationPolicyEvaluator.Evaluate(Reports.StaticMusl(), new VerificationPolicy { ExpectedGoArch = "arm64" }).ShouldHaveSingleItem();

        finding.Code.ShouldBe("wrong-arch");
        finding.Message.ShouldStartWith("The binary is ELF64 AMD64 (GOARCH amd64) but GOARCH=arm64 was expected");
    }

    [Fact]
    public void No_expected_arch_means_no_arch_check()
    {
        VerificationPolicyEvaluator.Evaluate(Reports.StaticMusl(), new VerificationPolicy { ExpectedGoArch = null }).ShouldBeEmpty();
    }

    [Fact]
    public void The_glibc_nss_hazard_fails_unless_the_policy_allows_it()
    {
        var report = Reports.StaticMusl() with { Libc = new LibcFacts(LibcFlavour.Glibc, ["string \"GLIBC_TUNABLES\""], true, ["symbol __nss_next2"]) };

        var finding = VerificationPolicyEvaluator.Evaluate(report, new VerificationPolicy()).ShouldHaveSingleItem();
        finding.Code.ShouldBe("glibc-nss");
        finding.Message.ShouldContain("symbol __nss_next2");
        finding.Message.ShouldContain("CC=musl-gcc");
        VerificationPolicyEvaluator.Evaluate(report, new VerificationPolicy { FailOnGlibcNss = false }).ShouldBeEmpty();
    }

    [Fact]
    public void Debug_info_is_only_judged_when_minus_w_was_requested()
    {
        var report = Reports.StaticMusl(debugInfo: true);

        VerificationPolicyEvaluator.Evaluate(report, new VerificationPolicy()).ShouldBeEmpty();
        VerificationPolicyEvaluator.Evaluate(report, new VerificationPolicy { StripDwarfRequested = true }).ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Warning);
        var error = VerificationPolicyEvaluator.Evaluate(report, new VerificationPolicy { StripDwarfRequested = true, DebugInfoIsError = true }).ShouldHaveSingleItem();
        error.Severity.ShouldBe(FindingSeverity.Error);
        error.Message.ShouldContain("2 debug sections (4,096 bytes)");
    }

    [Fact]
    public void Debug_info_left_despite_minus_s_says_the_linker_kept_it_not_to_add_minus_s()
    {
        var report = Reports.StaticMusl(debugInfo: true);

        var finding = VerificationPolicyEvaluator.Evaluate(report, new VerificationPolicy { StripDwarfRequested = true, StripSymbolsRequested = true }).ShouldHaveSingleItem();

        finding.Code.ShouldBe("debug-info");
        finding.Message.ShouldStartWith("-s was requested but 2 debug sections (4,096 bytes) remain: the linker kept them");
        VerificationPolicyEvaluator.Evaluate(report, new VerificationPolicy { StripDwarfRequested = true }).ShouldHaveSingleItem().Message
            .ShouldContain("add -s to the -ldflags to remove them (the recipe's --strip-symbols, on unless set to false).");
    }

    [Theory]
    [InlineData("-w -s", true)]
    [InlineData("-w -s -X main.v=1 -s=false", false)]
    [InlineData("-w -s=false -s=true", true)]
    [InlineData("-w --s", true)]
    [InlineData("-w -X main.s=1", false)]
    [InlineData(null, false)]
    public void The_policy_for_a_go_build_reads_minus_s_from_the_ldflags_the_last_one_winning(string? ldflags, bool expected)
    {
        VerificationPolicy.ForGoBuild("amd64", ldflags).StripSymbolsRequested.ShouldBe(expected);
    }

    [Theory]
    [InlineData("-w -linkmode external", true)]
    [InlineData("-s -w", true)]
    [InlineData("-s", false)]
    [InlineData(null, false)]
    public void The_policy_for_a_go_build_reads_minus_w_from_the_ldflags(string? ldflags, bool expected)
    {
        VerificationPolicy.ForGoBuild("arm64", ldflags).ShouldSatisfyAllConditions(
            p => p.StripDwarfRequested.ShouldBe(expected),
            p => p.ExpectedGoArch.ShouldBe("arm64"),
            p => p.RequireStatic.ShouldBeTrue());
    }

    [Fact]
    public void An_unknown_goarch_in_the_policy_is_an_argument_error()
    {
        Should.Throw<ArgumentException>(() => new StaticBinaryVerifier().Verify("/bin/true", new VerificationPolicy { ExpectedGoArch = "x86_64" }))
            .Message.ShouldContain("Unknown GOARCH 'x86_64'");
    }
}
