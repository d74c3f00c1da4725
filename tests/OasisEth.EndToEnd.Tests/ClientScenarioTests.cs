namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// Real clients against one `oasis-eth dev` (fresh temp data directory, free port): solc-js, ethers v6 over HTTP
/// and WebSocket, and Foundry's cast. One test per scenario script; each uses its own dev accounts, so the order
/// only matters for the compile step (which fills the artifact cache the others read).
/// </summary>
[TestFixture]
[NonParallelizable]
public class ClientScenarioTests : DevNodeFixture
{
    [Test, Order(1)]
    public void SolcJsCompilesTheTestContracts() => Scenario.Run(Node.Url, "compile.mjs");

    [Test, Order(2)]
    public void Erc20DeployTransferAndEventsWithEthers() => Scenario.Run(Node.Url, "erc20.mjs");

    [Test, Order(3)]
    public void EventsAndRevertReasonsReachEthers() => Scenario.Run(Node.Url, "events-errors.mjs");

    [Test, Order(4)]
    public void Create2FactoryDeploysAtThePredictedAddress() => Scenario.Run(Node.Url, "create2.mjs");

    [Test, Order(5)]
    public void BalancesInOethAndSupplyFiguresAddUpTo21M() => Scenario.Run(Node.Url, "supply.mjs");

    [Test, Order(6)]
    public void WebSocketProviderGetsNewBlocksAndLogs() => Scenario.Run(Node.Url, "websocket.mjs");

    [Test, Order(7)]
    public void CastSendReceiptBlockNumberAndBalance() => Scenario.Run(Node.Url, "cast.mjs");

    [Test, Order(7)]
    public void ViemClientsOverHttpAndWebSocket() => Scenario.Run(Node.Url, "viem.mjs");

    [Test, Order(7)]
    public void Web3JsSignedAndNodeAccountTransfers() => Scenario.Run(Node.Url, "web3.mjs");

    [Test, Order(8)]
    public void NodePrintsTheDevAccountsWithKeys()
    {
        string output = Node.Output;
        Assert.That(output, Does.Contain("(0) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 (10000 OETH)"));
        Assert.That(output, Does.Contain("(0) 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        Assert.That(output, Does.Contain("(9) 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"));
        Assert.That(output, Does.Contain("Chain ID:          31337"));
        Assert.That(output, Does.Contain("Ed25519 public key: 0x"));
        Assert.That(output, Does.Contain("Chain:             new (genesis block 0)"));
    }
}
