using System.Runtime;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Runtime;

/// <summary>
/// TorchSharp 0.107 frees an implicit Scalar in its finalizer while libtorch may still read it.
/// With another thread allocating (and so triggering collections), BatchNorm's training-mode
/// forward, which adds an implicit Scalar to its batch counter, failed with "Unknown scalar type"
/// after about 16,000 calls outside a step scope. Inside step scopes it must not fail.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class StepScopeTests
{
    [Fact]
    public void Implicit_scalars_survive_collections_triggered_by_another_thread()
    {
        TorchRuntime.Initialize();
        using var batchNorm = nn.BatchNorm1d(8);
        batchNorm.train();
        using var input = randn(4, 8);
        using var allocating = new CancellationTokenSource();
        var allocator = new Thread(() =>
        {
            while (!allocating.IsCancellationRequested)
            {
                GC.KeepAlive(new byte[4096]);
                Thread.SpinWait(200);
            }
        });
        allocator.Start();
        int threadsBefore = get_num_threads();
        set_num_threads(1); // the allocating thread takes the other core
        int collectionsBefore = GC.CollectionCount(0);
        try
        {
            // 100,000 calls: six times the count after which the unscoped forward failed.
            for (int region = 0; region < 1_000; region++)
            {
                using var step = StepScope.Open();
                for (int call = 0; call < 100; call++)
                    batchNorm.forward(input);
            }
        }
        finally
        {
            allocating.Cancel();
            allocator.Join();
            set_num_threads(threadsBefore);
        }
        Assert.True(GC.CollectionCount(0) - collectionsBefore >= 1_000);
        Assert.Equal(100_000, batchNorm.num_batches_tracked!.ToInt64());
    }

    [Fact]
    public void A_scope_holds_off_collections_until_the_outermost_one_ends()
    {
        TorchRuntime.Initialize();
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        using (StepScope.Open())
        {
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            using (StepScope.Open())
                Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void Tensors_made_in_a_scope_die_with_it()
    {
        TorchRuntime.Initialize();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (StepScope.Open())
        {
            var x = ones(3, 3) * 2 + 1;
            Assert.Equal(27, x.sum().ToSingle());
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
