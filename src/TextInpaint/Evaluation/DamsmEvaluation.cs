namespace TextInpaint.Evaluation;

/// <summary>R-precision and retrieval accuracy of DAMSM encoders on a data set.</summary>
public sealed record DamsmEvaluation(RPrecisionResult RPrecision, RetrievalAccuracy Retrieval, int Images);
