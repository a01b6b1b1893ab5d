using TextInpaint.Imaging;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TextInpaint.Text;
using static TorchSharp.torch;

namespace TextInpaint.Evaluation;

/// <summary>
/// R-precision of inpainted images (AttnGAN's protocol) with the main model's DAMSM encoders: the
/// sentence features of the test cases' true captions and their classes are gathered batch by
/// batch, and each method's outputs are encoded as they come.
/// </summary>
public sealed class OutputRetrieval(MmflModel model, int seed)
{
    private readonly CaptionEncoder encoder = new(model.Damsm.Vocabulary);
    private readonly List<float[]> sentenceFeatures = [];
    private readonly List<long> classIds = [];

    /// <summary>Adds the true captions and classes of a batch of cases.</summary>
    public void AddCases(IReadOnlyList<EvalCase> cases)
    {
        sentenceFeatures.AddRange(SentenceFeatures(cases.Select(c => c.Caption)));
        classIds.AddRange(cases.Select(c => c.ClassId));
    }

    /// <summary>The DAMSM sentence features of captions, as rows.</summary>
    private IEnumerable<float[]> SentenceFeatures(IEnumerable<string> captions)
    {
        using var scope = StepScope.Open();
        using var noGrad = no_grad();
        var encoded = captions.Select(encoder.Encode).ToArray();
        var text = model.Damsm.Text.forward(stack(encoded.Select(e => tensor(e.Ids))).to(model.Device),
            tensor(encoded.Select(e => (long)e.Length).ToArray()).to(model.Device));
        return Rows(text.Sentence);
    }

    /// <summary>The DAMSM global image features of images, as rows (images resized to the encoder's size when needed).</summary>
    public IEnumerable<float[]> GlobalImageFeatures(IReadOnlyList<RgbImage> images)
    {
        using var scope = StepScope.Open();
        using var noGrad = no_grad();
        int size = model.Damsm.Config.ImageSize;
        var batch = stack(images.Select(i => TensorImages.ToTensor(i.Width == size && i.Height == size ? i : ImageOps.Resize(i, size, size)))).to(model.Device);
        return Rows(model.Damsm.Image.forward(batch).Global);
    }

    private static float[][] Rows(Tensor matrix)
    {
        var cpu = matrix.cpu().contiguous();
        int columns = (int)cpu.shape[1];
        var values = cpu.data<float>().ToArray();
        return Enumerable.Range(0, (int)cpu.shape[0]).Select(r => values.AsSpan(r * columns, columns).ToArray()).ToArray();
    }

    /// <summary>R-precision with 100 candidates (fewer on a small split), or null when there are too few images of other classes.</summary>
    public RPrecisionResult? RPrecision(IReadOnlyList<float[]> images)
    {
        if (images.Count < 2 || classIds.Distinct().Count() < 2 && classIds[0] != 0)
            return null;
        using var scope = StepScope.Open();
        int columns = images[0].Length;
        var imageMatrix = tensor(images.SelectMany(r => r).ToArray(), [images.Count, columns]);
        var sentenceMatrix = tensor(sentenceFeatures.SelectMany(r => r).ToArray(), [sentenceFeatures.Count, columns]);
        return RetrievalMetrics.RPrecision(imageMatrix, sentenceMatrix, classIds, seed, candidates: Math.Min(100, images.Count), draws: 10);
    }
}
