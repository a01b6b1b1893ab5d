using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace TextInpaint.Web;

/// <summary>
/// Runs one model call at a time (a forward pass already uses every core) with a bounded queue of
/// calls waiting behind it. A full queue refuses at once with the time it needs to drain; a
/// waiting call whose request was aborted (the client went away) is dropped before it runs. When
/// the server is told to stop (SIGTERM, Ctrl-C), the waiting calls are refused at once (503 with
/// Retry-After) and the call in flight finishes, so that every request has its answer, and its
/// uploads are deleted, before the server stops listening.
/// </summary>
public sealed class FillQueue : BackgroundService
{
    private readonly IOptions<ServerOptions> options;

    public FillQueue(IOptions<ServerOptions> options, IHostApplicationLifetime lifetime)
    {
        this.options = options;
        channel = Channel.CreateBounded<Job>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // Before the server waits for the requests under way: the waiting ones are answered now, not after they ran.
        lifetime.ApplicationStopping.Register(StopTaking);
    }

    private sealed record Job(Action Work, TaskCompletionSource Done, CancellationToken Abandoned);

    private readonly Channel<Job> channel;

    /// <summary>How long the queue stays empty before the memory of the last fills is released.</summary>
    private static readonly TimeSpan IdleBeforeRelease = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long fills may follow each other without a pause before that memory is released all the same: under steady
    /// load glibc's free lists otherwise grow (by about 370 MB over three minutes of a detail model's fills, docs/performance.md).
    /// </summary>
    private static readonly TimeSpan BusyBeforeRelease = TimeSpan.FromSeconds(30);

    private long lastRelease = Stopwatch.GetTimestamp();

    private long ran, dropped;
    private int running;
    private volatile bool stopping;
    private double typicalSeconds = 0.1;

    /// <summary>Calls run to the end.</summary>
    public long Ran => Interlocked.Read(ref ran);

    /// <summary>Calls dropped because their client went away while they waited.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>True while a call runs.</summary>
    public bool Running => Volatile.Read(ref running) == 1;

    /// <summary>Calls waiting now.</summary>
    public int Waiting => channel.Reader.Count;

    /// <summary>
    /// Queues <paramref name="work"/>; the task completes when it has run (with its exception, if
    /// it threw), or is cancelled when it was dropped. Throws <see cref="QueueFullException"/> when full.
    /// </summary>
    public Task Enqueue(Action work, CancellationToken abandoned)
    {
        var job = new Job(work, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), abandoned);
        if (stopping)
            throw ShuttingDown();
        if (!channel.Writer.TryWrite(job))
            throw Full();
        return job.Done.Task;
    }

    /// <summary>
    /// Throws <see cref="QueueFullException"/> when a call queued now would be refused, so that a
    /// request is turned away before its image is copied and decoded. <see cref="Enqueue"/> still
    /// decides: the queue may fill in between.
    /// </summary>
    public void EnsureRoom()
    {
        if (stopping)
            throw ShuttingDown();
        if (Waiting >= Math.Max(1, options.Value.QueueCapacity))
            throw Full();
    }

    /// <summary><see cref="EnsureRoom"/> for an endpoint: null when there is room, else the busy answer with Retry-After.</summary>
    public IResult? Refusal(HttpContext context)
    {
        try
        {
            EnsureRoom();
            return null;
        }
        catch (QueueFullException e)
        {
            return Problems.Busy(context, e.RetryAfter, e.Message);
        }
    }

    /// <summary>
    /// <see cref="Enqueue"/> for an endpoint: null once <paramref name="work"/> has run, else the
    /// answer instead: busy with Retry-After, or nothing for a client that went away.
    /// </summary>
    public async Task<IResult?> RunAsync(HttpContext context, Action work)
    {
        try
        {
            await Enqueue(work, context.RequestAborted);
            return null;
        }
        catch (QueueFullException e)
        {
            return Problems.Busy(context, e.RetryAfter, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
    }

    private QueueFullException Full() =>
        new(RetryAfter(), $"the server is busy: {options.Value.QueueCapacity} fills are waiting; try again shortly.");

    /// <summary>Time for the queue to drain at the recent pace, in whole seconds, at least one.</summary>
    private TimeSpan RetryAfter() =>
        TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((Waiting + 1) * Volatile.Read(ref typicalSeconds))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(stoppingToken))
            {
                while (channel.Reader.TryRead(out var job))
                {
                    Run(job);
                    if (Stopwatch.GetElapsedTime(lastRelease) >= BusyBeforeRelease)
                        ReleaseMemory();
                }
                // Idle for a moment (the last answers encoded and sent): what the fills took goes
                // back to the system, not kept for the next burst.
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                idle.CancelAfter(IdleBeforeRelease);
                try
                {
                    await channel.Reader.WaitToReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    ReleaseMemory();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        StopTaking();
    }

    /// <summary>Refuses every call waiting and every call queued from now on.</summary>
    private void StopTaking()
    {
        stopping = true;
        channel.Writer.TryComplete();
        while (channel.Reader.TryRead(out var left))
            left.Done.TrySetException(ShuttingDown());
    }

    /// <summary>
    /// Returns the memory the last fills freed to the system: a compacting collection of the
    /// managed heap (the images' arrays) and glibc's malloc_trim for libtorch's and SkiaSharp's
    /// buffers, which glibc otherwise keeps in its arenas. Takes tens of milliseconds.
    /// </summary>
    private void ReleaseMemory()
    {
        lastRelease = Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl, for one): nothing to trim.
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private static QueueFullException ShuttingDown() => new(TimeSpan.FromSeconds(5), "the server is shutting down; try again when it is back.");

    private void Run(Job job)
    {
        if (stopping)
        {
            job.Done.TrySetException(ShuttingDown());
            return;
        }
        if (job.Abandoned.IsCancellationRequested)
        {
            Interlocked.Increment(ref dropped);
            job.Done.TrySetCanceled(job.Abandoned);
            return;
        }
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref running, 1);
        try
        {
            job.Work();
            job.Done.TrySetResult();
        }
        catch (Exception e)
        {
            job.Done.TrySetException(e);
        }
        Volatile.Write(ref running, 0);
        Interlocked.Increment(ref ran);
        // A running mean over the last calls or so, for Retry-After.
        Volatile.Write(ref typicalSeconds, 0.8 * Volatile.Read(ref typicalSeconds) + 0.2 * clock.Elapsed.TotalSeconds);
    }
}
