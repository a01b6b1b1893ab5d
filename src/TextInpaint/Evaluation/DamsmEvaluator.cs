using TextInpaint.Models.Damsm;
using TextInpaint.Data.Batching;
using static TorchSharp.torch;
using TextInpaint.Runtime;

namespace TextInpaint.Evaluation;

/// <summary>
/// Encodes every image of a data set and one caption per image (the data set's seeded choice),
/// then scores retrieval by sentence cosine.
/// </summary>
public static class DamsmEvaluator
{
    /// <param name="captionIsTrueOf">Optional ground truth for the oracle ceiling: whether the caption
    /// drawn for image c is true of image i.</param>
    /// <param name="encodeImages">How a batch's images are encoded (default: the image encoder on the batch's images); a training run
    /// passes its kept features of a frozen network.</param>
    public static DamsmEvaluation Evaluate(DamsmEncoders encoders, CaptionedImageDataset samples, Device device,
        int draws = 10, int seed = 0, int batchSize = 64, Func<int, int, bool>? captionIsTrueOf = null,
        IProgress<JobProgress>? progress = null, CancellationToken cancel = default,
        Func<IReadOnlyList<CaptionedImageSample>, CaptionedImageBatch, ImageFeatures>? encodeImages = null)
    {
        var (images, sentences, classes) = Encode(encoders, samples, device, batchSize, progress, cancel, encodeImages);
        using (images)
        using (sentences)
        {
            var rPrecision = RetrievalMetrics.RPrecision(images, sentences, classes, seed, draws: draws, captionIsTrueOf: captionIsTrueOf);
            var retrieval = RetrievalMetrics.Retrieval(images, sentences);
            return new DamsmEvaluation(rPrecision, retrieval, classes.Count);
        }
    }

    /// <summary>Global image features [N, D] and sentence features [N, D] (on the CPU) and class ids.</summary>
    public static (Tensor Images, Tensor Sentences, List<long> Classes) Encode(DamsmEncoders encoders, CaptionedImageDataset samples,
        Device device, int batchSize = 64, IProgress<JobProgress>? progress = null, CancellationToken cancel = default,
        Func<IReadOnlyList<CaptionedImageSample>, CaptionedImageBatch, ImageFeatures>? encodeImages = null)
    {
        bool textTraining = encoders.Text.training, imageTraining = encoders.Image.training;
        encoders.Text.eval();
        encoders.Image.eval();
        var imageParts = new List<Tensor>();
        var sentenceParts = new List<Tensor>();
        var classes = new List<long>();
        try
        {
            using var noGrad = no_grad();
            for (int start = 0; start < samples.Count; start += batchSize)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = StepScope.Open();
                var drawn = Enumerable.Range(start, Math.Min(batchSize, samples.Count - start)).Select(samples.GetSample).ToArray();
                var batch = CaptionedImageBatch.Of(drawn, device);
                var text = encoders.Text.forward(batch.Captions, batch.CaptionLengths);
                var image = encodeImages is null ? encoders.Image.forward(batch.Images) : encodeImages(drawn, batch);
                imageParts.Add(image.Global.cpu().MoveToOuterDisposeScope());
                sentenceParts.Add(text.Sentence.cpu().MoveToOuterDisposeScope());
                classes.AddRange(batch.ClassIds.cpu().data<long>().ToArray());
                progress?.Report(new JobProgress("encode", Math.Min(samples.Count, start + batchSize), samples.Count));
            }
            return (cat(imageParts, 0), cat(sentenceParts, 0), classes);
        }
        finally
        {
            foreach (var t in imageParts.Concat(sentenceParts)) t.Dispose();
            encoders.Text.train(textTraining);
            encoders.Image.train(imageTraining);
        }
    }
}
