namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// One `oasis-eth dev` per fixture on a fresh temporary data directory and a free port, stopped with SIGTERM at the
/// end: the node must exit 0, and its output goes to the test log.
/// </summary>
public abstract class DevNodeFixture
{
    private TempDirectory _dir = null!;

    private protected DevNodeProcess Node { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartNode()
    {
        E2eEnvironment.EnsureNodeModules();
        _dir = new TempDirectory();
        Node = DevNodeProcess.Start(_dir.Sub("chain"));
    }

    [OneTimeTearDown]
    public void StopNode()
    {
        try
        {
            int code = Node.Terminate(TimeSpan.FromSeconds(30));
            TestContext.Out.WriteLine(Node.Output);
            Assert.That(code, Is.Zero, "the node exits 0 on SIGTERM");
        }
        finally
        {
            Node.Dispose();
            _dir.Dispose();
        }
    }
}
