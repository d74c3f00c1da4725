namespace OasisEth.Host.Protocol;

/// <summary>The envelope's <c>message_type</c> (rhp-spec §4). 0 is never sent.</summary>
public enum MessageType : byte
{
    Invalid = 0,
    Request = 1,
    Response = 2,
}
