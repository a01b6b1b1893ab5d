namespace TextInpaint.Web;

/// <summary>Answer for a fill that the queue cannot take: how long the client should wait.</summary>
public sealed class QueueFullException(TimeSpan retryAfter, string message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
