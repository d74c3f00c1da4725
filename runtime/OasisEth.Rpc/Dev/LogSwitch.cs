namespace OasisEth.Rpc;

/// <summary>The node's log with anvil_setLoggingEnabled's switch in front of it (on by default).</summary>
internal sealed class LogSwitch(Action<string> log)
{
    private volatile bool _enabled = true;

    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    public void Write(string message)
    {
        if (_enabled) log(message);
    }
}
