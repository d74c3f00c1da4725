using System.Text;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// Message signing with the dev accounts, as anvil and Hardhat's network serve it: clients that use the node's
/// accounts (Hardhat's `accounts: "remote"`, whose `signer.signMessage` sends personal_sign and `signTypedData` sends
/// eth_signTypedData_v4) get the same 65-byte r ‖ s ‖ v signature (v 27/28) a local key would make.
/// </summary>
internal static class SignApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        // personal_sign(message, address) and eth_sign(address, message): both sign the EIP-191 personal message.
        t.Add("personal_sign", call => Write(call, c, call.Params.Address(1), PersonalMessageHash(call.Params.Data(0))));
        t.Add("eth_sign", call => Write(call, c, call.Params.Address(0), PersonalMessageHash(call.Params.Data(1))));
        t.Add("eth_signTypedData_v4", call =>
        {
            Address from = call.Params.Address(0);
            JsonElement data = call.Params.Required(1);
            Hash256 digest;
            if (data.ValueKind == JsonValueKind.String)
            {
                // Wallets and Hardhat send the payload as a JSON string; an object is taken as well.
                JsonDocument doc;
                try
                {
                    doc = JsonDocument.Parse(data.GetString()!);
                }
                catch (JsonException e)
                {
                    throw RpcException.InvalidParams("invalid argument 1: typed data is not JSON: " + e.Message);
                }
                using (doc) digest = TypedDataHasher.Digest(doc.RootElement);
            }
            else digest = TypedDataHasher.Digest(data);
            Write(call, c, from, digest);
        });
    }

    /// <summary>keccak256(0x19 ‖ "Ethereum Signed Message:\n" ‖ decimal length ‖ message) (EIP-191 version 0x45).</summary>
    public static Hash256 PersonalMessageHash(byte[] message)
    {
        byte[] prefix = Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n" + message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var all = new byte[prefix.Length + message.Length];
        prefix.CopyTo(all, 0);
        message.CopyTo(all, prefix.Length);
        return Keccak.Compute(all);
    }

    private static void Write(RpcCall call, RpcContext c, in Address from, in Hash256 digest)
    {
        if (!c.Accounts.Has(from)) throw RpcException.Server("unknown account");
        RpcJson.Data(call.Result, c.Accounts.SignDigest(from, digest));
    }
}
