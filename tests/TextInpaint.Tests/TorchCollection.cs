namespace TextInpaint.Tests;

/// <summary>Tests that touch libtorch share its global state (seed, default dtype): they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
