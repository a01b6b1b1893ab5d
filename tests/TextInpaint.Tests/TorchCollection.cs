using TextInpaint.Tests.TestData;

namespace TextInpaint.Tests;

/// <summary>
/// Tests that touch libtorch in this process share its global state (seed, default dtype, threads): they
/// are all in this collection, which runs them one at a time. No test outside it touches libtorch here (the
/// command line's processes have their own), so the collection runs beside the others instead of after them.
/// They share one <see cref="TinyModel"/>, trained once for all of them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchCollection : ICollectionFixture<TinyModel>
{
    public const string Name = "torch";
}
