using System.Text.Json;
using OasisEth.Primitives;
using static OasisEth.StateTest.FixtureValues;

namespace OasisEth.StateTest;

/// <summary>
/// Reads state-test fixture files (ethereum/tests GeneralStateTests and LegacyTests, EEST state_tests) with
/// <see cref="JsonDocument"/>: the format is small and fixed, so walking the tree by hand keeps errors precise
/// ("transaction.gasLimit[2]: ... is not a number") and needs no reflection.
/// </summary>
public static class FixtureLoader
{
    /// <param name="path">The file to read.</param>
    /// <param name="displayName">How the file is named in case ids (a path relative to a root, '/' separated).</param>
    public static FixtureFile LoadFile(string path, string displayName)
    {
        using JsonDocument? document = FixtureJson.TryOpen(path, MaxDepth, out string? error);
        return document is null ? new FixtureFile { File = displayName, FileError = error } : Parse(document, displayName);
    }

    public static FixtureFile Parse(ReadOnlySpan<byte> json, string displayName)
    {
        using JsonDocument? document = FixtureJson.TryParse(json, MaxDepth, out string? error);
        return document is null ? new FixtureFile { File = displayName, FileError = error } : Parse(document, displayName);
    }

    private const int MaxDepth = 256;

    private static FixtureFile Parse(JsonDocument document, string displayName)
    {
        var file = new FixtureFile { File = displayName };
        foreach (JsonProperty test in document.RootElement.EnumerateObject())
        {
            try
            {
                file.Tests.Add(ParseTest(test.Name, test.Value, displayName));
            }
            catch (Exception e) when (e is FixtureFormatException or JsonException or InvalidOperationException or FormatException)
            {
                file.TestErrors.Add(new(test.Name, "malformed fixture: " + e.Message));
            }
        }
        return file;
    }

    private static StateTestFixture ParseTest(string name, JsonElement test, string fileName)
    {
        if (test.ValueKind != JsonValueKind.Object) throw new FixtureFormatException($"test is {test.ValueKind}, expected an object");

        UInt256 chainId = 1;
        var fractions = new Dictionary<string, ulong>(StringComparer.Ordinal);
        if (test.TryGetProperty("config", out JsonElement config) && config.ValueKind == JsonValueKind.Object)
        {
            string? chain = OptionalString(config, "chainid", "config");
            if (chain is not null) chainId = Number(chain, "config.chainid");
            if (config.TryGetProperty("blobSchedule", out JsonElement schedule) && schedule.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty fork in schedule.EnumerateObject())
                {
                    string? fraction = fork.Value.ValueKind == JsonValueKind.Object
                        ? OptionalString(fork.Value, "baseFeeUpdateFraction", "config.blobSchedule." + fork.Name)
                        : null;
                    if (fraction is not null) fractions[fork.Name] = ULong(fraction, $"config.blobSchedule.{fork.Name}.baseFeeUpdateFraction");
                }
            }
        }

        return new StateTestFixture
        {
            Name = name,
            File = fileName,
            Env = ParseEnv(Property(test, "env", "test")),
            Pre = ParseAlloc(Property(test, "pre", "test"), "pre"),
            Transaction = ParseTransaction(Property(test, "transaction", "test")),
            Post = ParsePost(Property(test, "post", "test"), fileName, name),
            ChainId = chainId,
            BlobUpdateFractions = fractions,
        };
    }

    private static StateTestEnv ParseEnv(JsonElement env)
    {
        const string c = "env";
        string? baseFee = OptionalString(env, "currentBaseFee", c);
        string? random = OptionalString(env, "currentRandom", c);
        string? difficulty = OptionalString(env, "currentDifficulty", c);
        string? excess = OptionalString(env, "currentExcessBlobGas", c);
        return new StateTestEnv
        {
            Coinbase = Address(String(Property(env, "currentCoinbase", c), "env.currentCoinbase"), "env.currentCoinbase"),
            Number = ULong(String(Property(env, "currentNumber", c), "env.currentNumber"), "env.currentNumber"),
            Timestamp = ULong(String(Property(env, "currentTimestamp", c), "env.currentTimestamp"), "env.currentTimestamp"),
            GasLimit = ULong(String(Property(env, "currentGasLimit", c), "env.currentGasLimit"), "env.currentGasLimit"),
            Difficulty = difficulty is null ? default : Number(difficulty, "env.currentDifficulty"),
            Random = random is null ? default : Number(random, "env.currentRandom"),
            BaseFee = baseFee is null ? default : Number(baseFee, "env.currentBaseFee"),
            ExcessBlobGas = excess is null ? 0 : ULong(excess, "env.currentExcessBlobGas"),
        };
    }

    /// <summary>Reads a <c>pre</c> or post <c>state</c> object, sorted by address so every later use is deterministic.</summary>
    internal static List<PreAccount> ParseAlloc(JsonElement alloc, string context)
    {
        if (alloc.ValueKind != JsonValueKind.Object) throw new FixtureFormatException($"{context}: expected an object, got {alloc.ValueKind}");
        var accounts = new List<PreAccount>();
        foreach (JsonProperty account in alloc.EnumerateObject())
        {
            string c = $"{context}.{account.Name}";
            Address address = Address(account.Name, c);
            JsonElement a = account.Value;
            var storage = new List<KeyValuePair<UInt256, UInt256>>();
            if (a.TryGetProperty("storage", out JsonElement slots) && slots.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty slot in slots.EnumerateObject())
                    storage.Add(new(Number(slot.Name, c + ".storage key"), Number(String(slot.Value, c + ".storage." + slot.Name), c + ".storage." + slot.Name)));
            }
            storage.Sort(static (x, y) => x.Key.CompareTo(y.Key));
            string? nonce = OptionalString(a, "nonce", c);
            string? balance = OptionalString(a, "balance", c);
            string? code = OptionalString(a, "code", c);
            accounts.Add(new PreAccount(
                address,
                nonce is null ? 0 : ULong(nonce, c + ".nonce"),
                balance is null ? default : Number(balance, c + ".balance"),
                code is null ? [] : Bytes(code, c + ".code"),
                storage));
        }
        accounts.Sort(static (x, y) => x.Address.CompareTo(y.Address));
        return accounts;
    }

    private static TransactionTemplate ParseTransaction(JsonElement tx)
    {
        const string c = "transaction";
        string? to = OptionalString(tx, "to", c);
        string? sender = OptionalString(tx, "sender", c);
        string? secretKey = OptionalString(tx, "secretKey", c);
        if (sender is null && secretKey is null) throw new FixtureFormatException("transaction: neither sender nor secretKey");

        var data = new List<byte[]>();
        int i = 0;
        foreach (JsonElement d in Array(tx, "data", c).EnumerateArray())
            data.Add(Bytes(String(d, $"transaction.data[{i}]"), $"transaction.data[{i++}]"));

        var gas = new List<ulong?>();
        i = 0;
        foreach (JsonElement g in Array(tx, "gasLimit", c).EnumerateArray())
            gas.Add(ULongOrNull(String(g, $"transaction.gasLimit[{i}]"), $"transaction.gasLimit[{i++}]"));

        var value = new List<UInt256?>();
        i = 0;
        foreach (JsonElement v in Array(tx, "value", c).EnumerateArray())
            value.Add(NumberOrNull(String(v, $"transaction.value[{i}]"), $"transaction.value[{i++}]"));

        List<IReadOnlyList<AccessListEntry>?>? accessLists = null;
        if (tx.TryGetProperty("accessLists", out JsonElement lists) && lists.ValueKind == JsonValueKind.Array)
        {
            accessLists = [];
            i = 0;
            foreach (JsonElement list in lists.EnumerateArray())
                accessLists.Add(list.ValueKind == JsonValueKind.Null ? null : ParseAccessList(list, $"transaction.accessLists[{i++}]"));
        }

        List<Hash256>? blobHashes = null;
        if (tx.TryGetProperty("blobVersionedHashes", out JsonElement blobs) && blobs.ValueKind == JsonValueKind.Array)
        {
            blobHashes = [];
            i = 0;
            foreach (JsonElement h in blobs.EnumerateArray())
                blobHashes.Add(Hash(String(h, $"transaction.blobVersionedHashes[{i}]"), $"transaction.blobVersionedHashes[{i++}]"));
        }

        List<AuthorizationEntry>? authorizations = null;
        if (tx.TryGetProperty("authorizationList", out JsonElement auths) && auths.ValueKind == JsonValueKind.Array)
        {
            authorizations = [];
            i = 0;
            foreach (JsonElement a in auths.EnumerateArray())
                authorizations.Add(ParseAuthorization(a, $"transaction.authorizationList[{i++}]"));
        }

        string? gasPrice = OptionalString(tx, "gasPrice", c);
        string? maxFee = OptionalString(tx, "maxFeePerGas", c);
        string? maxTip = OptionalString(tx, "maxPriorityFeePerGas", c);
        string? maxBlobFee = OptionalString(tx, "maxFeePerBlobGas", c);
        return new TransactionTemplate
        {
            Nonce = ULong(String(Property(tx, "nonce", c), "transaction.nonce"), "transaction.nonce"),
            GasPrice = gasPrice is null ? null : Number(gasPrice, "transaction.gasPrice"),
            MaxFeePerGas = maxFee is null ? null : Number(maxFee, "transaction.maxFeePerGas"),
            MaxPriorityFeePerGas = maxTip is null ? null : Number(maxTip, "transaction.maxPriorityFeePerGas"),
            MaxFeePerBlobGas = maxBlobFee is null ? null : Number(maxBlobFee, "transaction.maxFeePerBlobGas"),
            BlobVersionedHashes = blobHashes,
            AuthorizationList = authorizations,
            To = string.IsNullOrEmpty(to) ? null : Address(to, "transaction.to"),
            Sender = sender is null ? null : Address(sender, "transaction.sender"),
            SecretKey = secretKey is null ? null : Bytes(secretKey, "transaction.secretKey"),
            Data = data,
            GasLimit = gas,
            Value = value,
            AccessLists = accessLists,
        };
    }

    private static List<AccessListEntry> ParseAccessList(JsonElement list, string context)
    {
        if (list.ValueKind != JsonValueKind.Array) throw new FixtureFormatException($"{context}: expected an array, got {list.ValueKind}");
        var entries = new List<AccessListEntry>();
        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string c = $"{context}[{i++}]";
            var keys = new List<UInt256>();
            int k = 0;
            foreach (JsonElement key in Array(item, "storageKeys", c).EnumerateArray())
                keys.Add(Number(String(key, $"{c}.storageKeys[{k}]"), $"{c}.storageKeys[{k++}]"));
            entries.Add(new AccessListEntry(Address(String(Property(item, "address", c), c + ".address"), c + ".address"), keys));
        }
        return entries;
    }

    private static AuthorizationEntry ParseAuthorization(JsonElement a, string c)
    {
        string? signer = OptionalString(a, "signer", c);
        // "v" in older fills, "yParity" in newer ones: the same value.
        string v = OptionalString(a, "v", c) ?? OptionalString(a, "yParity", c) ?? throw new FixtureFormatException(c + ".v: missing");
        return new AuthorizationEntry(
            Number(String(Property(a, "chainId", c), c + ".chainId"), c + ".chainId"),
            Address(String(Property(a, "address", c), c + ".address"), c + ".address"),
            ULongOrNull(String(Property(a, "nonce", c), c + ".nonce"), c + ".nonce") ?? ulong.MaxValue,
            Number(v, c + ".v"),
            Number(String(Property(a, "r", c), c + ".r"), c + ".r"),
            Number(String(Property(a, "s", c), c + ".s"), c + ".s"),
            signer is null ? null : Address(signer, c + ".signer"));
    }

    private static List<PostEntry> ParsePost(JsonElement post, string fileName, string testName)
    {
        if (post.ValueKind != JsonValueKind.Object) throw new FixtureFormatException($"post: expected an object, got {post.ValueKind}");
        var entries = new List<PostEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty fork in post.EnumerateObject())
        {
            if (fork.Value.ValueKind != JsonValueKind.Array) throw new FixtureFormatException($"post.{fork.Name}: expected an array, got {fork.Value.ValueKind}");
            Fork? parsedFork = ForkNames.TryParse(fork.Name, out Fork f) ? f : null;
            int n = 0;
            foreach (JsonElement e in fork.Value.EnumerateArray())
            {
                string c = $"post.{fork.Name}[{n++}]";
                JsonElement indexes = Property(e, "indexes", c);
                int d = Index(indexes, "data", c + ".indexes");
                int g = Index(indexes, "gas", c + ".indexes");
                int v = Index(indexes, "value", c + ".indexes");
                string id = $"{fileName}::{testName}::{fork.Name}::d{d}g{g}v{v}";
                // An index combination listed twice still gets two distinct, stable ids.
                for (int k = 2; !seen.Add(id); k++) id = $"{fileName}::{testName}::{fork.Name}::d{d}g{g}v{v}#{k}";
                string? txBytes = OptionalString(e, "txbytes", c);
                string? logs = OptionalString(e, "logs", c);
                entries.Add(new PostEntry
                {
                    ForkName = fork.Name,
                    Fork = parsedFork,
                    DataIndex = d,
                    GasIndex = g,
                    ValueIndex = v,
                    Hash = Hash(String(Property(e, "hash", c), c + ".hash"), c + ".hash"),
                    Logs = logs is null ? Hash256.EmptyList : Hash(logs, c + ".logs"),
                    TxBytes = txBytes is null ? null : Bytes(txBytes, c + ".txbytes"),
                    ExpectException = OptionalString(e, "expectException", c),
                    State = e.TryGetProperty("state", out JsonElement state) && state.ValueKind == JsonValueKind.Object ? ParseAlloc(state, c + ".state") : null,
                    CaseId = id,
                });
            }
        }
        return entries;
    }
}
