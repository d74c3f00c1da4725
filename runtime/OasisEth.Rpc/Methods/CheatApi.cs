using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Rpc;

/// <summary>
/// anvil's and Hardhat's cheats: state edits (balance, nonce, code, storage, ERC-20 balances), impersonation, the next
/// base fee, the pool, logging. Every change runs on the round driver's thread (ordered with rounds, snapshots and
/// reverts) and is visible at once to `latest`/`pending` reads; the next block's state includes it
/// (<see cref="IDevChain"/>). OETH a balance edit creates or destroys shows in oasis_supply's devMinted/devDestroyed.
/// Answers follow the name's tool: anvil_* return null (anvil's unit result), hardhat_* (and the ganache/tenderly
/// aliases) return true, as Hardhat does.
/// </summary>
internal static class CheatApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        Edit(t, c, ["anvil_setBalance", "hardhat_setBalance", "tenderly_setBalance"], (dev, p) =>
        {
            Address address = p.Address(0);
            UInt256 balance = p.Word(1);
            return () => dev.SetBalance(address, balance);
        });
        Edit(t, c, ["anvil_addBalance", "hardhat_addBalance", "tenderly_addBalance"], (dev, p) =>
        {
            Address address = p.Address(0);
            UInt256 amount = p.Word(1);
            return () => dev.AddBalance(address, amount);
        });
        Edit(t, c, ["anvil_setCode", "hardhat_setCode"], (dev, p) =>
        {
            Address address = p.Address(0);
            byte[] code = p.Data(1);
            return () => dev.SetCode(address, code);
        });
        Edit(t, c, ["anvil_setNonce", "hardhat_setNonce", "evm_setAccountNonce"], (dev, p) =>
        {
            Address address = p.Address(0);
            ulong nonce = p.Quantity(1);
            return () => dev.SetNonce(address, nonce);
        });
        // anvil answers its own setStorageAt with true (its only edit with a bool result).
        Edit(t, c, ["anvil_setStorageAt", "hardhat_setStorageAt"], alwaysTrue: true, parse: (dev, p) =>
        {
            Address address = p.Address(0);
            UInt256 slot = RpcValues.Slot(p.Required(1), RpcParams.Where(1));
            UInt256 value = RpcValues.Slot(p.Required(2), RpcParams.Where(2));
            return () => dev.SetStorage(address, slot, value);
        });

        foreach (string name in (string[])["anvil_dealERC20", "hardhat_dealERC20", "anvil_setERC20Balance"])
        {
            bool hardhat = !name.StartsWith("anvil_", StringComparison.Ordinal);
            t.Add(name, async call =>
            {
                IDevChain dev = Dev(c, name);
                Address holder = call.Params.Address(0);
                Address token = call.Params.Address(1);
                UInt256 balance = call.Params.Word(2);
                UInt256 slot = await TxApi.WithTimeout(c, ct => FindSlot(c, token, BalanceOfCall(holder), balance, ct), call.Cancellation)
                    ?? throw RpcException.Server("Unable to set ERC20 balance, no slot found");
                await Run(c, () => dev.SetStorage(token, slot, balance));
                Done(call, hardhat);
            });
        }

        Impersonation(t, c);
        Dumps(t, c);

        foreach (string name in (string[])["anvil_setMinGasPrice", "hardhat_setMinGasPrice"])
        {
            // anvil's and Hardhat's own answer on an EIP-1559 chain: the minimum belongs to legacy gas pricing.
            t.Add(name, call =>
            {
                call.Params.Word(0);
                throw RpcException.InvalidParams($"{name} is not supported when EIP-1559 is active");
            });
        }
        foreach (string name in (string[])["anvil_setNextBlockBaseFeePerGas", "hardhat_setNextBlockBaseFeePerGas"])
        {
            bool hardhat = name.StartsWith("hardhat_", StringComparison.Ordinal);
            t.Add(name, async call =>
            {
                IDevChain dev = Dev(c, name);
                UInt256 fee = call.Params.Word(0);
                if (fee.IsZero) throw RpcException.InvalidParams("invalid argument 0: the base fee must be at least 1 wei");
                await Run(c, () => dev.NextBaseFeeOverride = fee);
                Done(call, hardhat);
            });
        }
        foreach (string name in (string[])["anvil_dropAllTransactions", "hardhat_dropAllTransactions"])
        {
            bool hardhat = name.StartsWith("hardhat_", StringComparison.Ordinal);
            t.Add(name, async call =>
            {
                await c.Driver.DropAllAsync($"dropped by {name}");
                Done(call, hardhat);
            });
        }
        foreach (string name in (string[])["anvil_setLoggingEnabled", "hardhat_setLoggingEnabled"])
        {
            bool hardhat = name.StartsWith("hardhat_", StringComparison.Ordinal);
            t.Add(name, call =>
            {
                c.LogSwitch.Enabled = Bool(call.Params, 0);
                Done(call, hardhat);
            });
        }
        foreach (string name in (string[])["anvil_setCoinbase", "hardhat_setCoinbase"])
        {
            bool hardhat = name.StartsWith("hardhat_", StringComparison.Ordinal);
            t.Add(name, async call =>
            {
                IDevChain dev = Dev(c, name);
                Address coinbase = call.Params.Address(0);
                // The fee collector itself means "back to the OETH fee rules".
                await Run(c, () => dev.Coinbase = coinbase == OethLedger.FeeCollector ? null : coinbase);
                Done(call, hardhat);
            });
        }
    }

    private static void Impersonation(RpcMethodTable t, RpcContext c)
    {
        foreach (string prefix in (string[])["anvil_", "hardhat_"])
        {
            bool hardhat = prefix == "hardhat_";
            string impersonate = prefix + "impersonateAccount", stop = prefix + "stopImpersonatingAccount", auto = prefix + "autoImpersonateAccount";
            t.Add(impersonate, call =>
            {
                IDevChain dev = Dev(c, impersonate);
                dev.Impersonate(call.Params.Address(0));
                Done(call, hardhat);
            });
            t.Add(stop, call =>
            {
                IDevChain dev = Dev(c, stop);
                dev.StopImpersonating(call.Params.Address(0));
                Done(call, hardhat);
            });
            t.Add(auto, call =>
            {
                IDevChain dev = Dev(c, auto);
                dev.AutoImpersonate = Bool(call.Params, 0);
                Done(call, hardhat);
            });
        }
    }

    /// <summary>anvil_dumpState: hex of the gzip'd JSON dump (StateDump); anvil_loadState: a dump (gzip'd or plain
    /// JSON, as hex) loaded as edits, true. hardhat_ aliases as anvil has them.</summary>
    private static void Dumps(RpcMethodTable t, RpcContext c)
    {
        foreach (string name in (string[])["anvil_dumpState", "hardhat_dumpState"])
        {
            t.Add(name, async call =>
            {
                IDevChain dev = Dev(c, name);
                // anvil's optional "preserve historical states" flag: accepted; a dump here is always the head's state.
                if (call.Params.Get(0) is { } flag && flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                    throw RpcException.InvalidParams("invalid argument 0: expected a boolean");
                byte[] dump = await Task.Run(() =>
                {
                    BlockHeader head = c.Chain.Head;
                    return StateDump.Compress(StateDump.ToJson(head, dev.DumpAccounts()));
                });
                RpcJson.Data(call.Result, dump);
            });
        }
        foreach (string name in (string[])["anvil_loadState", "hardhat_loadState"])
        {
            t.Add(name, async call =>
            {
                IDevChain dev = Dev(c, name);
                byte[] bytes = call.Params.Data(0);
                IReadOnlyList<OasisEth.State.InMemoryWorldState.AccountDump> accounts;
                try
                {
                    accounts = StateDump.ParseAccounts(bytes);
                }
                catch (FormatException e)
                {
                    throw RpcException.InvalidParams($"invalid argument 0: {e.Message}");
                }
                await c.Driver.RunAsync(() => dev.LoadAccounts(accounts));
                call.Result.WriteBooleanValue(true);
            });
        }
    }

    /// <summary>Registers a state edit under its names: parameters read on the caller's thread (bad ones are -32602
    /// before anything is queued), the edit run on the driver's.</summary>
    private static void Edit(RpcMethodTable t, RpcContext c, string[] names, Func<IDevChain, RpcParams, Action> parse, bool alwaysTrue = false)
    {
        foreach (string name in names)
        {
            bool hardhat = alwaysTrue || !name.StartsWith("anvil_", StringComparison.Ordinal);
            t.Add(name, async call =>
            {
                IDevChain dev = Dev(c, name);
                Action edit = parse(dev, call.Params);
                await Run(c, edit);
                Done(call, hardhat);
            });
        }
    }

    internal static async Task Run(RpcContext c, Action edit)
    {
        try
        {
            await c.Driver.RunAsync(() =>
            {
                edit();
                return null;
            });
        }
        catch (InvalidOperationException e)
        {
            throw RpcException.Server(e.Message);
        }
    }

    internal static IDevChain Dev(RpcContext c, string name) =>
        c.Chain as IDevChain ?? throw RpcException.Server($"{name} is not available: this chain takes no dev state edits");

    private static void Done(RpcCall call, bool hardhat)
    {
        if (hardhat) call.Result.WriteBooleanValue(true);
        else call.Result.WriteNullValue();
    }

    private static bool Bool(RpcParams p, int index) => p.Get(index) is { ValueKind: JsonValueKind.True or JsonValueKind.False } e
        ? e.GetBoolean()
        : throw RpcException.InvalidParams($"{RpcParams.Where(index)}: expected a boolean");

    private static byte[] BalanceOfCall(Address holder)
    {
        byte[] data = new byte[36];
        data[0] = 0x70; data[1] = 0xa0; data[2] = 0x82; data[3] = 0x31; // balanceOf(address)
        holder.Bytes.CopyTo(data.AsSpan(16));
        return data;
    }

    /// <summary>
    /// anvil's search for the ERC-20 slot a view reads (balanceOf, allowance): the slots the call reads, each tried
    /// with the wanted value written in (a throw-away override) until the call answers it.
    /// </summary>
    internal static UInt256? FindSlot(RpcContext c, Address token, byte[] data, UInt256 balance, CancellationToken ct)
    {
        var request = new CallRequest { To = token, Data = data, Gas = Math.Min(c.Limits.CallGasCap, c.Genesis.GasLimit) };
        ulong head = c.Chain.Head.Number;
        AccessListOutcome touched = c.Chain.CreateAccessList(request, head, null, ct);
        if (touched.Invalid) return null;
        foreach (AccessListItem item in touched.AccessList)
        {
            if (item.Address != token) continue;
            foreach (UInt256 slot in item.StorageKeys)
            {
                var overrides = new CallOverrides
                {
                    Accounts = [new AccountOverride(token) { StateDiff = new Dictionary<UInt256, UInt256> { [slot] = balance } }],
                };
                CallOutcome outcome = c.Chain.Call(request, head, null, overrides, ct);
                if (outcome.Success && outcome.Output.Length == 32 && UInt256.FromBigEndian(outcome.Output) == balance) return slot;
            }
        }
        return null;
    }
}
