// MiniContainer recipe: the task graph
//   GoRestore -> GoCompile -> VerifyBinary -> CaCertificates -> ComposeImage -> SmokeTest -> PublishImage
//   VerifyImageSignature (no dependencies: it checks what PublishImage pushed, in the same run after it or in a later one)
// Load it with
//   #load nuget:?package=Cake.MiniContainer&version=<version>
// then set MiniContainer.Settings, re-wire MiniContainer.Tasks, and call RunTarget(...).
// Arguments (--name=value, or MINICONTAINER_<NAME>) win over MiniContainer.Settings.

// The addin's assemblies, from this package's own lib/ (this file is in its content/): the aliases load with the recipe, so a
// script needs no #addin of the same package, which cost Cake a second package resolution on every run (~0.04 s). A script
// that keeps its #addin line still works (Cake loads each assembly once). Every DLL the package bundles in lib/ is named here
// (AddinPackageTests checks it against the packed package).
#r "../lib/net10.0/Cake.MiniContainer.dll"
#r "../lib/net10.0/MiniContainer.dll"
#r "../lib/net10.0/Docker.DotNet.dll"
#r "../lib/net10.0/Docker.DotNet.Handler.Abstractions.dll"
#r "../lib/net10.0/Docker.DotNet.LegacyHttp.dll"
#r "../lib/net10.0/Docker.DotNet.NativeHttp.dll"
#r "../lib/net10.0/Docker.DotNet.NPipe.dll"
#r "../lib/net10.0/Docker.DotNet.Unix.dll"
#r "../lib/net10.0/Docker.DotNet.X509.dll"
#r "../lib/net10.0/ELFSharp.dll"
#r "../lib/net10.0/Microsoft.Net.Http.Client.dll"

public static class MiniContainer
{
    /// <summary>What this script sets; arguments and MINICONTAINER_ variables win over it.</summary>
    public static MiniContainerSettings Settings { get; } = new MiniContainerSettings();

    /// <summary>The recipe's tasks, to re-wire: add dependencies, criteria, or tasks in between.</summary>
    public static MiniContainerTasks Tasks { get; } = new MiniContainerTasks();
}

MiniContainer.Tasks.GoRestore = Task("GoRestore")
    .Description("go mod download in the builder container (module cache on a volume).")
    .WithCriteria(ctx => MiniContainerRecipe.Builds(ctx), "--binary names a file to verify")
    .Does(ctx => MiniContainerRecipe.For(ctx, MiniContainer.Settings).GoRestore());

MiniContainer.Tasks.GoCompile = Task("GoCompile")
    .Description("Static musl go build in the builder container, into <output>/bin.")
    .IsDependentOn(MiniContainer.Tasks.GoRestore)
    .WithCriteria(ctx => MiniContainerRecipe.Builds(ctx), "--binary names a file to verify")
    .Does(ctx => MiniContainerRecipe.For(ctx, MiniContainer.Settings).GoCompile());

MiniContainer.Tasks.VerifyBinary = Task("VerifyBinary")
    .Description("Checks every binary is static and for the target machine (or --binary=<file>).")
    .IsDependentOn(MiniContainer.Tasks.GoCompile)
    .Does(ctx => MiniContainerRecipe.For(ctx, MiniContainer.Settings).VerifyBinary());

MiniContainer.Tasks.CaCertificates = Task("CaCertificates")
    .Description("Stages the CA bundle the image trusts (--ca-bundle, --ca-file).")
    .IsDependentOn(MiniContainer.Tasks.VerifyBinary)
    .Does(ctx => MiniContainerRecipe.For(ctx, MiniContainer.Settings).CaCertificates());

MiniContainer.Tasks.ComposeImage = Task("ComposeImage")
    .Description("Composes the runtime image(s) on --base-image and tags them --image-name:--image-tag.")
    .IsDependentOn(MiniContainer.Tasks.CaCertificates)
    .Does(ctx => MiniContainerRecipe.For(ctx, MiniContainer.Settings).ComposeImage());

MiniContainer.Tasks.SmokeTest = Task("SmokeTest")
    .Description("Runs each image and checks that it starts.")
    .IsDependentOn(MiniContainer.Tasks.ComposeImage)
    .WithCriteria(ctx => MiniContainerRecipe.For(ctx, MiniContainer.Settings).Settings.RunSmokeTest, "--smoke-test=false")
    .Does(ctx => MiniContainerRecipe.For(ctx, MiniContainer.Settings).SmokeTest());

MiniContainer.Tasks.PublishImage = Task("PublishImage")
    .Description("Pushes the images to --registry (nothing without it), signs them with --sign-key, and saves their digests.")
    .IsDependentOn(MiniContainer.Tasks.SmokeTest)
    .Does(ctx => MiniContainerRecipe.For(ctx, MiniContainer.Settings).PublishImage());

MiniContainer.Tasks.VerifyImageSignature = Task("VerifyImageSignature")
    .Description("Checks each pushed image's signature with --verify-key (the digests in <output>/image, else the tags' digests), as a release does before it deploys.")
    .Does(ctx => MiniContainerRecipe.For(ctx, MiniContainer.Settings).VerifyImageSignature());
