using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.VerifyBinary;
using MiniContainer.Elf;
using MiniContainer.Go;
using MiniContainer.Verify;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>Verify: reads the binary's ELF and fails the task unless it is static, for the right machine; writes &lt;binary&gt;.verify.json.</summary>
    [CakeMethodAlias]
    public static VerifiedBinary VerifyBinary(this ICakeContext context, FilePath binary, VerifyBinarySettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(binary);
        settings ??= new VerifyBinarySettings();
        var path = binary.MakeAbsolute(context.Environment).FullPath;
        var policy = new VerificationPolicy
        {
            ExpectedGoArch = settings.GoArch is null ? GoBuildOptions.HostGoArch() : settings.GoArch.Length == 0 ? null : settings.GoArch,
            RequireStatic = settings.RequireStatic,
            StripDwarfRequested = settings.StripDwarfRequested,
            ExpectGoBinary = settings.ExpectGoBinary,
            FailOnGlibcNss = settings.FailOnGlibcNss,
        };
        return StepExecution.Run(context, "VerifyBinary", async (logger, ct) =>
        {
            var result = await MiniContainerPipeline.VerifyAsync(path, policy, RunSummary.Current, logger, ct).ConfigureAwait(false);
            var report = result.Report;
            return new VerifiedBinary(path, report.Linking.Linkage != Linkage.Dynamic, report.Linking.Linkage.ToString(), report.Format.Machine,
                report.Go.BuildInfo?.GoVersion, result.Findings.Where(f => f.Severity == FindingSeverity.Warning).Select(f => f.Message).ToList(),
                VerificationReportJson.PathFor(path));
        });
    }
}
