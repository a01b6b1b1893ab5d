using TextInpaint.Tests.TestData;

namespace TextInpaint.Tests;

/// <summary>
/// Tests that touch libtorch share its global state (seed, default dtype): they run one at a time. They
/// share one <see cref="TinyModel"/>, trained once for all of them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection : ICollectionFixture<TinyModel>
{
    public const string Name = "torch";
}
