using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OasisEth.Bench.Store;

/// <summary>
/// In-process job with a 60-minute limit per case instead of the toolchain's default 5 minutes: the 100k-slot
/// commit and prune cases spend most of each iteration in setup (updating and hashing 100k accounts, committing
/// ~470k nodes) and exceeded the default on a loaded 2-core machine. Run these classes without
/// <c>--inProcess</c> (that flag adds a second, default-limit job).
/// </summary>
public sealed class StoreJobConfig : ManualConfig
{
    public StoreJobConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true))
            .WithId("InProcessLong"));
    }
}
