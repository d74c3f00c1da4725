namespace OasisEth.Ewasm.Tests.Validation;

[TestFixture]
public sealed class ContractValidatorTests
{
    private static string? Error(byte[] code) => ContractValidator.Validate(code).Error;

    [Test]
    public void A_minimal_contract_is_valid_and_reports_its_imports_and_memory()
    {
        ContractCheck check = ContractValidator.Validate(Wat.Contract("(call $finish (i32.const 0) (i32.const 0))"));
        Assert.That(check.Error, Is.Null);
        Assert.That(check.Module!.ImportedFunctions, Is.EqualTo(new[] { "finish" }));
        Assert.That(check.Module.InitialMemoryPages, Is.EqualTo(1u));
    }

    [Test]
    public void Every_host_function_with_its_own_signature_is_accepted()
    {
        string imports = string.Join('\n', EeiImports.Signatures.Select(p =>
            $"(import \"ethereum\" \"{p.Key}\" (func {p.Value}))"));
        byte[] code = Wat.Compile($"(module {imports} (memory 1) (func $main) (export \"memory\" (memory 0)) (export \"main\" (func $main)))");
        ContractCheck check = ContractValidator.Validate(code);
        Assert.That(check.Error, Is.Null);
        Assert.That(check.Module!.ImportedFunctions, Has.Count.EqualTo(33));
    }

    [TestCase("(import \"env\" \"finish\" (func (param i32 i32)))", "may import only from \"ethereum\"")]
    [TestCase("(import \"ethereum\" \"print\" (func (param i32)))", "not a host function")]
    [TestCase("(import \"ethereum\" \"getTxOrigin\" (func (param i32 i32)))", "with type (param i32 i32); it has type (param i32)")]
    [TestCase("(import \"ethereum\" \"getGasLeft\" (func (result i32)))", "it has type (param) (result i64)")]
    [TestCase("(import \"ethereum\" \"mem\" (memory 1))", "only host functions may be imported")]
    [TestCase("(import \"ethereum\" \"g\" (global i32))", "only host functions may be imported")]
    public void Imports_outside_the_host_interface_are_refused(string import, string reason)
    {
        byte[] code = Wat.Compile($"(module {import} (memory 1) (func $main) (export \"memory\" (memory 0)) (export \"main\" (func $main)))");
        Assert.That(Error(code), Does.Contain(reason));
    }

    [TestCase("(module (memory 1) (func $main) (export \"memory\" (memory 0)))", "does not export \"main\"")]
    [TestCase("(module (memory 1) (func $main) (export \"main\" (func $main)))", "does not export \"memory\"")]
    [TestCase("(module (memory 1) (func $main (param i32)) (export \"memory\" (memory 0)) (export \"main\" (func $main)))", "must take and return nothing")]
    [TestCase("(module (memory 1) (func $main (result i32) (i32.const 0)) (export \"memory\" (memory 0)) (export \"main\" (func $main)))", "must take and return nothing")]
    [TestCase("(module (memory 1) (global $g i32 (i32.const 0)) (func $main) (export \"memory\" (memory 0)) (export \"main\" (global $g)))", "wrong kind")]
    [TestCase("(module (memory 1) (func $main) (func $f) (export \"memory\" (memory 0)) (export \"main\" (func $main)) (export \"f\" (func $f)))", "at most 2")]
    [TestCase("(module (memory 1) (func $main) (export \"memory\" (memory 0)) (export \"other\" (func $main)))", "exports \"other\"")]
    public void Exports_must_be_exactly_main_and_memory(string module, string reason) =>
        Assert.That(Error(Wat.Compile(module)), Does.Contain(reason));

    [Test]
    public void A_start_function_is_refused() =>
        Assert.That(Error(Wat.Contract(fields: "(func $init) (start $init)")), Does.Contain("start function"));

    [TestCase("(drop (f32.const 1))")]
    [TestCase("(drop (f64.add (f64.const 1) (f64.const 2)))")]
    [TestCase("(drop (f32.load (i32.const 0)))")]
    [TestCase("(f64.store (i32.const 0) (f64.const 0))")]
    [TestCase("(drop (i32.trunc_f32_s (f32.const 1)))")]
    [TestCase("(drop (f32.convert_i32_s (i32.const 1)))")]
    [TestCase("(drop (i64.reinterpret_f64 (f64.const 1)))")]
    [TestCase("(drop (f32.eq (f32.const 1) (f32.const 1)))")]
    [TestCase("(local f64)")]
    [TestCase("(drop (block (result f32) (f32.const 0)))")]
    public void Floating_point_anywhere_in_code_is_refused(string body) =>
        Assert.That(Error(Wat.Contract(body)), Does.Contain("floating point"));

    [TestCase("(func $f (param f32))")]
    [TestCase("(func $f (result f64) (f64.const 0))")]
    [TestCase("(global f32 (f32.const 0))")]
    [TestCase("(global (mut f64) (f64.const 0))")]
    public void Floating_point_in_types_and_globals_is_refused(string field) =>
        Assert.That(Error(Wat.Contract(fields: field)), Does.Contain("floating point"));

    [TestCase("(drop (i32.extend8_s (i32.const 1)))", "sign-extension")]
    [TestCase("(memory.fill (i32.const 0) (i32.const 0) (i32.const 0))", "bulk memory")]
    [TestCase("(drop (i32.trunc_sat_f32_s (f32.const 0)))", "floating point")]
    [TestCase("(drop (v128.const i64x2 0 0))", "SIMD")]
    [TestCase("(drop (block (result i32 i32) (i32.const 0) (i32.const 1)) (drop))", "allows one")]
    public void Instructions_newer_than_WebAssembly_1_are_refused(string body, string reason) =>
        Assert.That(Error(Wat.Contract(body)), Does.Contain(reason));

    [Test]
    public void Every_integer_instruction_of_WebAssembly_1_is_accepted()
    {
        const string body = """
            (local $a i32) (local $b i64)
            (block $out (loop $top
              (br_if $out (i32.eqz (local.get $a)))
              (br_table $out $top $out (i32.const 1))))
            (if (i32.const 1) (then (nop)) (else (unreachable)))
            (local.set $a (i32.add (i32.const -1) (i32.rotr (i32.const 0x7fffffff) (i32.popcnt (i32.const 3)))))
            (local.set $b (i64.div_u (i64.const -9223372036854775808) (i64.extend_i32_u (local.tee $a (i32.const 7)))))
            (local.set $a (i32.wrap_i64 (i64.rem_s (local.get $b) (i64.const 3))))
            (i64.store32 offset=8 align=4 (i32.const 0) (i64.load16_s (i32.const 2)))
            (drop (memory.grow (memory.size)))
            (drop (select (i32.const 1) (i32.const 2) (i32.lt_u (local.get $a) (i32.const 9))))
            (call_indirect (type $t) (i32.const 0))
            (call $finish (i32.const 0) (i32.const 0))
            """;
        byte[] code = Wat.Contract(body, "(type $t (func)) (table 1 funcref) (elem (i32.const 0) $main) (data (i32.const 16) \"hello\") (global $g (mut i64) (i64.const -1))");
        Assert.That(Error(code), Is.Null);
    }

    [Test]
    public void Declarations_above_the_limits_are_refused()
    {
        Assert.That(Error(Wat.Compile("(module (memory 1025) (func $main) (export \"memory\" (memory 0)) (export \"main\" (func $main)))")),
            Does.Contain("1025 pages"));
        Assert.That(Error(Wat.Contract(fields: "(table 100000 funcref)")), Does.Contain("100000 elements"));
        Assert.That(Error(Wat.Contract("(local i32) " + string.Concat(Enumerable.Repeat("(local i64 i64 i64 i64) ", 4096)))),
            Does.Contain("locals"));
        Assert.That(Error(Wat.Compile("(module (memory 1 70000) (func $main) (export \"memory\" (memory 0)) (export \"main\" (func $main)))")),
            Is.Not.Null);
    }

    [TestCase("", "no \\0asm magic")]
    [TestCase("0061736d", "no version")]
    [TestCase("0061736d01", "no version")]
    [TestCase("0061736d0100", "no version")]
    [TestCase("0061736d02000000", "not WebAssembly 1")]
    [TestCase("0061736d01000000", "does not export \"main\"")]
    [TestCase("0061736d0100000001", "unexpected end")]
    [TestCase("0061736d010000000105", "exceeds the bytes left")]
    [TestCase("0061736d01000000018080808080", "longer than 5 bytes")]
    [TestCase("0061736d010000000c0100", "not a WebAssembly 1.0 section")]
    [TestCase("0061736d01000000030100030100", "repeated or out of order")]
    [TestCase("0061736d010000000102000000", "bytes after its contents")]
    [TestCase("6001", "no \\0asm magic")]
    public void Malformed_binaries_get_a_reason(string hex, string reason) =>
        Assert.That(Error(Convert.FromHexString(hex)), Does.Contain(reason));

    [Test]
    public void Random_and_truncated_bytes_never_throw()
    {
        // Deterministic pseudo-random inputs: every prefix of a valid module, and flipped bytes in it.
        byte[] valid = Wat.Contract("(call $finish (i32.const 0) (i32.const 4))", "(data (i32.const 0) \"abcd\")");
        int validPrefixes = 0;
        for (int n = 0; n < valid.Length; n++) if (ContractValidator.Validate(valid.AsSpan(0, n)).IsValid) validPrefixes++;
        // Only cuts between trailing custom sections (the text compiler's names) leave a whole module.
        Assert.That(validPrefixes, Is.LessThan(4));
        var random = new Random(1234);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] mutated = (byte[])valid.Clone();
            int flips = 1 + random.Next(3);
            for (int f = 0; f < flips; f++) mutated[4 + random.Next(mutated.Length - 4)] = (byte)random.Next(256);
            mutated[0] = 0;
            if (ContractValidator.Validate(mutated).IsValid) accepted++;
        }
        Assert.That(accepted, Is.LessThan(20_000));
    }
}
