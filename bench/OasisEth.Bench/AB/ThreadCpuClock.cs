using System.Runtime.InteropServices;

namespace OasisEth.Bench.AB;

/// <summary>
/// The calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID): time the thread actually ran, so a comparison on a
/// shared, loaded machine is not skewed by the scheduler handing the core to someone else mid-measurement, as
/// wall-clock benchmarks are.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    public static long NowNanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out TimeSpec time) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }
}
