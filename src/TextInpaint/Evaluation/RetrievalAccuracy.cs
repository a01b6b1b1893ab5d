namespace TextInpaint.Evaluation;

/// <summary>Top-1 and top-5 retrieval accuracy over a whole set of N matched pairs, both ways.</summary>
public sealed record RetrievalAccuracy(
    double TextToImageTop1,
    double TextToImageTop5,
    double ImageToTextTop1,
    double ImageToTextTop5,
    int Count);
