using OasisEth.Ewasm.Execution;

namespace OasisEth.Ewasm.Tests.Execution;

[TestFixture]
public sealed class FiberTests
{
    private sealed record Ask(int Value);

    [Test]
    public void A_body_suspends_with_requests_and_resumes_with_answers_in_order()
    {
        var fiber = new Fiber<Ask, int>();
        var seen = new List<int>();
        fiber.Start(f =>
        {
            seen.Add(f.Suspend(new Ask(1)));
            seen.Add(f.Suspend(new Ask(2)));
        });
        Assert.That(fiber.Request!.Value, Is.EqualTo(1));
        fiber.Resume(10);
        Assert.That(fiber.Request!.Value, Is.EqualTo(2));
        fiber.Resume(20);
        Assert.That(fiber.IsCompleted, Is.True);
        Assert.That(seen, Is.EqualTo(new[] { 10, 20 }));
    }

    [Test]
    public void Fibers_nest_a_thousand_deep_without_the_owner_recursing()
    {
        // An explicit stack of suspended fibers, as the frame loop keeps them: each body asks for a child once.
        const int Depth = 1024;
        var stack = new Stack<Fiber<Ask, int>>();
        int Start(int level)
        {
            var fiber = new Fiber<Ask, int>();
            fiber.Start(f =>
            {
                int below = level < Depth ? f.Suspend(new Ask(level + 1)) : 0;
                f.Suspend(new Ask(-(below + 1)));
            });
            stack.Push(fiber);
            return fiber.Request!.Value;
        }
        int request = Start(1);
        while (true)
        {
            if (request > 0)
            {
                request = Start(request);
                continue;
            }
            int result = -request;
            stack.Pop().Resume(0); // lets the finished body return, freeing its thread
            if (stack.Count == 0)
            {
                Assert.That(result, Is.EqualTo(Depth));
                return;
            }
            Fiber<Ask, int> parent = stack.Peek();
            parent.Resume(result);
            request = parent.Request!.Value;
        }
    }

    [Test]
    public void An_abandoned_fiber_unwinds_its_body_and_frees_its_thread()
    {
        var fiber = new Fiber<Ask, int>();
        bool unwound = false;
        fiber.Start(f =>
        {
            try
            {
                f.Suspend(new Ask(1));
            }
            finally
            {
                unwound = true;
            }
        });
        fiber.Abandon();
        Assert.That(unwound, Is.True);
        Assert.That(fiber.IsCompleted, Is.True);
        fiber.Abandon(); // idempotent
    }

    [Test]
    public void A_body_that_throws_surfaces_as_a_fault_to_its_owner()
    {
        var fiber = new Fiber<Ask, int>();
        var e = Assert.Throws<FiberFaultedException>(() => fiber.Start(_ => throw new InvalidOperationException("boom")));
        Assert.That(e!.InnerException, Is.TypeOf<InvalidOperationException>());
        Assert.That(fiber.IsCompleted, Is.True);
    }
}
