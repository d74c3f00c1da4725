using OasisEth.Primitives;

namespace OasisEth.Tracing.Tests;

public class RevertReasonTests
{
    private static byte[] Word(UInt256 value) => value.ToBigEndian();

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static readonly byte[] ErrorSelector = [0x08, 0xc3, 0x79, 0xa0];
    private static readonly byte[] PanicSelector = [0x4e, 0x48, 0x7b, 0x71];

    private static byte[] Padded(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var padded = new byte[(bytes.Length + 31) / 32 * 32];
        bytes.CopyTo(padded, 0);
        return padded;
    }

    [Test]
    public void Error_string_is_decoded()
    {
        byte[] data = Concat(ErrorSelector, Word(32), Word(11), Padded("not enough!"));
        Assert.That(RevertReason.TryDecode(data, out var reason), Is.True);
        Assert.That(reason, Is.EqualTo("not enough!"));
    }

    [Test]
    public void Empty_error_string_is_an_empty_reason()
    {
        byte[] data = Concat(ErrorSelector, Word(32), Word(0));
        Assert.That(RevertReason.TryDecode(data, out var reason), Is.True);
        Assert.That(reason, Is.Empty);
    }

    [TestCase(0x01UL, "assert(false)")]
    [TestCase(0x11UL, "arithmetic underflow or overflow")]
    [TestCase(0x12UL, "division or modulo by zero")]
    [TestCase(0x32UL, "out-of-bounds access of an array or bytesN")]
    [TestCase(0x99UL, "unknown panic code: 0x99")]
    public void Panic_codes_are_described(ulong code, string expected)
    {
        Assert.That(RevertReason.TryDecode(Concat(PanicSelector, Word(code)), out var reason), Is.True);
        Assert.That(reason, Is.EqualTo(expected));
    }

    [Test]
    public void Huge_panic_code_is_unknown_in_hex()
    {
        Assert.That(RevertReason.TryDecode(Concat(PanicSelector, Word(UInt256.MaxValue)), out var reason), Is.True);
        Assert.That(reason, Is.EqualTo("unknown panic code: 0x" + new string('f', 64)));
    }

    [Test]
    public void Offsets_and_lengths_past_the_data_are_rejected_without_throwing()
    {
        Assert.That(RevertReason.TryDecode(Concat(ErrorSelector, Word(UInt256.MaxValue), Word(1)), out _), Is.False);
        Assert.That(RevertReason.TryDecode(Concat(ErrorSelector, Word(32), Word(UInt256.MaxValue)), out _), Is.False);
        Assert.That(RevertReason.TryDecode(Concat(ErrorSelector, Word(32), Word(33), Padded("x")), out _), Is.False);
        Assert.That(RevertReason.TryDecode(Concat(ErrorSelector, Word(64)), out _), Is.False);
        Assert.That(RevertReason.TryDecode(Concat(ErrorSelector, Word(32), Word(1), Padded("x"), [0x00]), out _), Is.False); // not whole words
    }

    [Test]
    public void Short_data_and_custom_errors_have_no_reason()
    {
        Assert.That(RevertReason.TryDecode([], out _), Is.False);
        Assert.That(RevertReason.TryDecode(ErrorSelector, out _), Is.False);
        Assert.That(RevertReason.TryDecode(Concat([0xde, 0xad, 0xbe, 0xef], Word(1)), out _), Is.False);
    }
}
