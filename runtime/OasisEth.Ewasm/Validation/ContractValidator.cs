namespace OasisEth.Ewasm.Validation;

/// <summary>
/// The contract-interface rules an Ewasm module must meet to be deployed or run: WebAssembly 1.0 (magic and
/// version), imports only of <see cref="EeiImports"/> host functions with their exact signatures, exactly two
/// exports (<c>main</c>, a <c>[] → []</c> function, and <c>memory</c>), no start function, no floating point,
/// nothing newer than 1.0, and the <see cref="ContractLimits"/>. A pure function of the bytes: every node decides
/// the same. Wasmtime's own validation (types, control flow) runs after this, when the module is compiled.
/// </summary>
public static class ContractValidator
{
    private static ReadOnlySpan<byte> Version1 => [0x01, 0x00, 0x00, 0x00];

    /// <summary>Code starting with <c>\0asm</c> is Ewasm; anything else is EVM code.</summary>
    public static bool IsWasm(ReadOnlySpan<byte> code) =>
        code.Length >= 4 && code[0] == 0x00 && code[1] == 0x61 && code[2] == 0x73 && code[3] == 0x6D;

    public static ContractCheck Validate(ReadOnlySpan<byte> code)
    {
        try
        {
            return new ContractCheck(Parse(code), null);
        }
        catch (InvalidModuleException e)
        {
            return new ContractCheck(null, e.Message);
        }
    }

    private static ContractModule Parse(ReadOnlySpan<byte> code)
    {
        if (!IsWasm(code)) throw new InvalidModuleException("not a WebAssembly module (no \\0asm magic)");
        var reader = new WasmReader(code);
        reader.ReadBytes(4);
        if (reader.Remaining < 4) throw new InvalidModuleException("the module has no version after its magic");
        ReadOnlySpan<byte> version = reader.ReadBytes(4);
        if (!version.SequenceEqual(Version1))
            throw new InvalidModuleException($"version {Convert.ToHexStringLower(version)} is not WebAssembly 1 (01000000)");

        var module = new ModuleShape();
        int lastSection = 0;
        while (!reader.AtEnd)
        {
            byte id = reader.ReadByte();
            var section = new WasmReader(reader.ReadBytes(reader.ReadCount()));
            if (id == 0)
            {
                section.ReadName(); // custom section: its contents mean nothing to execution
                continue;
            }
            if (id > 11) throw new InvalidModuleException($"section id {id} is not a WebAssembly 1.0 section");
            if (id <= lastSection) throw new InvalidModuleException($"section {id} is repeated or out of order");
            lastSection = id;
            module.ReadSection(id, ref section);
            if (!section.AtEnd) throw new InvalidModuleException($"section {id} has {section.Remaining} bytes after its contents");
        }
        return module.Finish();
    }
}
