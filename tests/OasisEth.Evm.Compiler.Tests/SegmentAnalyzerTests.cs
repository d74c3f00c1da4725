using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Compiler.Analysis;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Tests;

/// <summary>Where segments start and end, what each checks once, and which pcs can enter compiled code.</summary>
public class SegmentAnalyzerTests
{
    private static SegmentMap Analyze(Bytecode code, Fork fork = Fork.Cancun) =>
        SegmentAnalyzer.Analyze(new CodeInfo(code.Build()), ForkSpec.Of(fork));

    [Test]
    public void Straight_code_is_one_segment_with_summed_gas_and_its_stack_window()
    {
        // PUSH1 PUSH1 ADD POP: 3 + 3 + 3 + 2, needs no items, peaks at two.
        var map = Analyze(new Bytecode().Push(1).Push(2).Op(Opcode.ADD).Op(Opcode.POP));
        Segment first = map.Segments[0];
        Assert.That(first.StaticGas, Is.EqualTo(11));
        Assert.That(first.MinHeight, Is.Zero);
        Assert.That(first.MaxHeight, Is.EqualTo(1023 - 1)); // the second PUSH needs room for one more
        Assert.That(map.Segments[^1].End, Is.EqualTo(SegmentEnd.Halt), "the STOP past the end");
    }

    [Test]
    public void An_instruction_deep_in_the_segment_sets_the_minimum_height_at_its_start()
    {
        // PUSH1 then ADD needs one item already there and leaves the height where it started; SWAP2 then needs three,
        // all of them from before the segment.
        var map = Analyze(new Bytecode().Push(1).Op(Opcode.ADD).Op(Opcode.SWAP2));
        Assert.That(map.Segments[0].MinHeight, Is.EqualTo(3));
        // Two pushes first lower what the same SWAP2 needs from before the segment to one.
        Assert.That(Analyze(new Bytecode().Push(1).Push(2).Op(Opcode.SWAP2)).Segments[0].MinHeight, Is.EqualTo(1));
    }

    [Test]
    public void Dynamic_gas_does_not_end_a_segment()
    {
        // MLOAD's dynamic part is charged mid-segment with the static gas still to come given back.
        var map = Analyze(new Bytecode().Push(0).Op(Opcode.MLOAD).Push(1).Op(Opcode.POP));
        Assert.That(map.Segments[0].EndPc, Is.EqualTo(6));
        Assert.That(map.Segments[0].StaticGas, Is.EqualTo(3 + 3 + 3 + 2), "every static part, MLOAD's included");
    }

    [Test]
    public void Jumpdests_and_resume_points_are_entries_and_dead_code_is_not_reachable()
    {
        var code = new Bytecode()
            .Push(0).Push(0).Push(0).Push(0).Push(0).Push(EvmTestHost.A).Op(Opcode.GAS).Op(Opcode.STATICCALL) // pc 0..32
            .Op(Opcode.STOP) // pc 33: resume point
            .Push(1) // pc 34: dead
            .Op(Opcode.JUMPDEST); // pc 36
        var map = Analyze(code);
        Assert.That(map.EntryByPc[0], Is.EqualTo(0));
        int resume = map.EntryByPc[33];
        Assert.That(resume, Is.GreaterThan(0));
        Assert.That(map.Segments[resume].IsEntry, Is.True);
        Segment dead = Array.Find(map.Segments, s => s.StartPc == 34)!;
        Assert.That(dead.IsReachable, Is.False);
        Assert.That(map.EntryByPc[36], Is.GreaterThan(0));
        Assert.That(map.EntryByPc[34], Is.EqualTo(-1));
    }

    [Test]
    public void An_opcode_the_fork_lacks_is_a_segment_of_its_own()
    {
        // PUSH0 is undefined before Shanghai.
        var map = Analyze(new Bytecode().Push(1).Op(Opcode.PUSH0).Push(2), Fork.London);
        Assert.That(map.Segments[0].EndPc, Is.EqualTo(2));
        Assert.That(map.Segments[1].End, Is.EqualTo(SegmentEnd.Undefined));
        Assert.That(map.Segments[1].StartPc, Is.EqualTo(2));
        Assert.That(map.Segments[1].IsReachable, Is.True);
    }

    [Test]
    public void Jumpdest_bytes_inside_push_data_start_nothing()
    {
        var map = Analyze(new Bytecode().PushBytes([0x5b, 0x5b]).Op(Opcode.POP));
        Assert.That(map.Segments[0].EndPc, Is.EqualTo(4));
        Assert.That(map.EntryByPc[1], Is.EqualTo(-1));
    }
}
