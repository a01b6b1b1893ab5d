namespace TextInpaint.Benchmarks;

/// <summary>A piece of work to time: models and inputs are made when it is built, <see cref="Run"/> does one unit of work.</summary>
public interface IBenchmarkWorkload : IDisposable
{
    void Run();
}
