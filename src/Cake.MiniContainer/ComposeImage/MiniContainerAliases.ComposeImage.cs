using Cake.Core;
using Cake.Core.Annotations;
using Cake.MiniContainer.ComposeImage;
using Cake.MiniContainer.Hosting;
using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.Sbom;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>Image: composes the runtime image (base or scratch, /app, non-root user, OCI labels) and tags it.</summary>
    [CakeMethodAlias]
    public static BuiltImage ComposeImage(this ICakeContext context, ComposeImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Binaries.Count == 0) throw new ArgumentException("ComposeImage: name at least one binary.", nameof(settings));
        if (settings.Tags.Count == 0) throw new ArgumentException("ComposeImage: name at least one tag, e.g. \"hello:latest\".", nameof(settings));
        return StepExecution.Run(context, "ComposeImage", settings, async (engine, logger, ct) =>
        {
            var spec = await LabelledSpecAsync(context, settings, logger, ct).ConfigureAwait(false);
            var image = await ComposeImageStep.RunAsync(engine, new ComposeImageRequest(spec, settings.Tags.ToList()) { Assembly = settings.Assembly }, logger, ct).ConfigureAwait(false);
            RunSummary.Current.AddImage(image.Reference, image.Sizes.Total);
            return new BuiltImage(image.Id, image.Tags, image.Sizes.Total, image.Dockerfile);
        });
    }

    /// <summary>The spec with its OCI labels, and its provenance labels when the build flags are given.</summary>
    private static Task<RuntimeImageSpec> LabelledSpecAsync(ICakeContext context, ComposeImageSettings settings, Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken) =>
        LabelledImageSpec.ResolveAsync(ToSpec(context, settings), settings.Labels, settings.BuildFlags?.ToList(), logger, cancellationToken);

    private static RuntimeImageSpec ToSpec(ICakeContext context, ComposeImageSettings settings)
    {
        var spec = new RuntimeImageSpec { BaseImage = settings.BaseImage };
        foreach (var binary in settings.Binaries) spec = spec.WithBinary(binary.MakeAbsolute(context.Environment).FullPath);
        if (settings.Entrypoint is not null) spec = spec.WithEntrypoint([.. settings.Entrypoint]);
        if (settings.Command is not null) spec = spec.WithCommand([.. settings.Command]);
        if (settings.User is not null) spec = settings.User.Length == 0 ? spec.AsBaseImageUser() : spec.WithUser(settings.User);
        foreach (var (name, value) in settings.Environment) spec = spec.WithEnvironment(name, value);
        foreach (var port in settings.ExposedPorts) spec = spec.WithExposedPort(port);
        return spec.WithCaBundle(settings.CaBundleFile?.MakeAbsolute(context.Environment).FullPath);
    }
}
