// Reads the TRX files of a test run into totals, so the build can end with one line for all projects.
using System.Xml.Linq;

public sealed class TestResults
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }
    public int Skipped { get; private set; }
    public List<string> FailedTests { get; } = new List<string>();
    public List<string> SkippedTests { get; } = new List<string>();

    public static TestResults Read(IEnumerable<string> trxFiles)
    {
        var totals = new TestResults();
        foreach (var file in trxFiles)
        {
            var document = XDocument.Load(file);
            foreach (var result in document.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
            {
                var name = (string)result.Attribute("testName");
                switch ((string)result.Attribute("outcome"))
                {
                    case "Passed": totals.Passed++; break;
                    case "NotExecuted": totals.Skipped++; totals.SkippedTests.Add(name); break;
                    default: totals.Failed++; totals.FailedTests.Add(name); break;
                }
            }
        }
        return totals;
    }
}
