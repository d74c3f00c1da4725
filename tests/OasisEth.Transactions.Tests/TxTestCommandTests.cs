using System.Text.Json;
using OasisEth.Tests.Shared;
using OasisEth.TxTest;

namespace OasisEth.Transactions.Tests;

/// <summary>The <c>txtest</c> command's contract: JSON lines, the summary line, exit codes, bad files reported not thrown.</summary>
public sealed class TxTestCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "oasiseth-txtest-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string[] Lines, string Err) Run(string path, string? fork = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TxTestCommand.Run(path, fork, stdout, stderr);
        return (code, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    private string Fixture(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Copy(string relative) => File.ReadAllText(Path.Combine(SharedFixtures.Conformance, relative));

    [Test]
    public void PassingFileExitsZeroWithOneLinePerFork()
    {
        string path = Fixture("a.json", Copy("TransactionTests/ttSignature/SenderTest.json"));

        (int code, string[] lines, _) = Run(path);

        Assert.That(code, Is.EqualTo(TxTestCommand.ExitPassed));
        Assert.That(lines[^1], Is.EqualTo($"{lines.Length - 1} passed, 0 failed"));
        using var first = JsonDocument.Parse(lines[0]);
        JsonElement r = first.RootElement;
        Assert.That(r.GetProperty("name").GetString(), Is.EqualTo("SenderTest"));
        Assert.That(r.GetProperty("pass").GetBoolean(), Is.True);
        Assert.That(r.GetProperty("hash").GetString(), Does.StartWith("0x").And.Length.EqualTo(66));
        Assert.That(r.GetProperty("sender").GetString(), Does.StartWith("0x").And.Length.EqualTo(42));
        Assert.That(r.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(r.TryGetProperty("fork", out _), Is.True);
    }

    [Test]
    public void ForkFilterRunsOneFork()
    {
        string path = Fixture("a.json", Copy("TransactionTests/ttSignature/SenderTest.json"));

        (int code, string[] lines, _) = Run(path, "ConstantinopleFix");

        Assert.That(code, Is.EqualTo(0));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Contain("\"fork\":\"ConstantinopleFix\""));
        Assert.That(lines[1], Is.EqualTo("1 passed, 0 failed"));
    }

    [Test]
    public void AWrongExpectationFailsWithExitOne()
    {
        // A valid transaction whose fixture claims another sender.
        string content = System.Text.RegularExpressions.Regex.Replace(Copy("TransactionTests/ttSignature/SenderTest.json"),
            "\"sender\" : \"0x[0-9a-f]{40}\"", "\"sender\" : \"0x00000000000000000000000000000000000000aa\"");
        string path = Fixture("a.json", content);

        (int code, string[] lines, _) = Run(path);

        Assert.That(code, Is.EqualTo(TxTestCommand.ExitFailed));
        Assert.That(lines[0], Does.Contain("\"pass\":false").And.Contain("sender 0x"));
        Assert.That(lines[^1], Does.EndWith($"0 passed, {lines.Length - 1} failed"));
    }

    [Test]
    public void AnAcceptedInvalidTransactionFails()
    {
        // SenderTest's bytes are valid; claim they must be rejected.
        string content = "{\"t\": {\"txbytes\": \"" + ReadTxBytes("TransactionTests/ttSignature/SenderTest.json")
            + "\", \"result\": {\"Cancun\": {\"exception\": \"TransactionException.INVALID_SIGNATURE_VRS\", \"intrinsicGas\": \"0x00\"}}}}";
        (int code, string[] lines, _) = Run(Fixture("a.json", content));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(lines[0], Does.Contain("expected rejection"));
    }

    [Test]
    public void MalformedFilesGiveAnErrorLineEach()
    {
        Fixture("a_not_json.json", "{ this is not json");
        Fixture("b_array.json", "[1, 2]");
        Fixture("c_bad_test.json", "{\"t\": {\"txbytes\": \"0xzz\", \"result\": {}}, \"u\": 5, \"v\": {\"txbytes\": \"0x00\", \"result\": {\"Cancun\": {}}}}");
        Fixture("d_good.json", Copy("TransactionTests/ttSignature/SenderTest.json"));

        (int code, string[] lines, _) = Run(_dir);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(lines.Count(l => l.Contains("malformed JSON")), Is.EqualTo(1));
        Assert.That(lines.Count(l => l.Contains("expected an object of tests")), Is.EqualTo(1));
        Assert.That(lines.Count(l => l.Contains("malformed fixture")), Is.EqualTo(3 + 1));
        Assert.That(lines[^1], Does.EndWith(" failed").And.Contain("5 failed"));
    }

    [Test]
    public void UnknownForkInAFixtureFailsThatEntry()
    {
        string content = "{\"t\": {\"txbytes\": \"0x00\", \"result\": {\"Atlantis\": {\"exception\": \"X\"}}}}";
        (int code, string[] lines, _) = Run(Fixture("a.json", content));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(lines[0], Does.Contain("unknown fork"));
    }

    [Test]
    public void MissingPathExitsTwo()
    {
        (int code, string[] lines, string err) = Run(Path.Combine(_dir, "nope"));

        Assert.That(code, Is.EqualTo(TxTestCommand.ExitUsage));
        Assert.That(lines, Is.Empty);
        Assert.That(err, Does.Contain("no such file or directory"));
    }

    [Test]
    public void UnknownForkOptionExitsTwo()
    {
        (int code, _, string err) = Run(_dir, "Atlantis");

        Assert.That(code, Is.EqualTo(TxTestCommand.ExitUsage));
        Assert.That(err, Does.Contain("unknown fork"));
    }

    private static string ReadTxBytes(string relative)
    {
        using var doc = JsonDocument.Parse(Copy(relative));
        foreach (JsonProperty test in doc.RootElement.EnumerateObject()) return test.Value.GetProperty("txbytes").GetString()!;
        throw new InvalidOperationException("no test in " + relative);
    }
}
