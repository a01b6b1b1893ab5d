namespace TextInpaint.Evaluation;

/// <summary>A way of filling the holes of a batch of test cases, under a name of its own in the tables.</summary>
public sealed record EvalMethod(string Name, string Description, Func<IReadOnlyList<EvalCase>, MethodOutputs> Inpaint);
