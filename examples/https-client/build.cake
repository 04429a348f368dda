// https-client: a client that needs the CA step: the image trusts the builder's CA bundle plus the
// company CA in certs/, added by a task of ours that runs just before CaCertificates.
#load nuget:?package=Cake.MiniContainer&version=0.1.0

var target = Argument("target", "Publish");

MiniContainer.Settings.BaseImage = "scratch";
// Without a URL it prints its usage and exits 2: enough to prove the binary starts in the image.
MiniContainer.Settings.SmokeTest = new SmokeTestSettings { Arguments = new string[0], ExpectedExitCode = 2, ExpectedOutput = "usage: https-client" };

var companyCa = Task("CompanyCa")
    .Description("Adds the company CAs in certs/*.pem to the image's bundle.")
    .Does(() =>
{
    foreach (var pem in GetFiles("certs/*.pem"))
    {
        Information("trusting {0}", pem.GetFilename());
        MiniContainer.Settings.CaFiles.Add(pem.FullPath);
    }
});
MiniContainer.Tasks.CaCertificates.IsDependentOn(companyCa);

Task("Publish")
    .Description("The client's release: the recipe's whole graph, ending in PublishImage.")
    .IsDependentOn(MiniContainer.Tasks.PublishImage);

RunTarget(target);
