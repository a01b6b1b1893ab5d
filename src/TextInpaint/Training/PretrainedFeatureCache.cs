using TextInpaint.Data.Batching;
using TextInpaint.Models.Damsm;
using static TorchSharp.torch;

namespace TextInpaint.Training;

/// <summary>
/// The frozen network's features of each sample a DAMSM run trains or validates on, read once: the
/// network of a <see cref="ResNet18ImageEncoder"/> never changes, so a sample's features depend only
/// on its image, which without a random crop is the entry's image or its mirror image. The first
/// pass over the data reads them; later steps train the projections and the text encoder on the
/// kept features, which are what the network would read again. The features live in memory (about
/// 300 KB per image and side at an input of 224, 150 KB at 160; nothing is written to disk) until the
/// cache is disposed.
/// </summary>
public sealed class PretrainedFeatureCache(ResNet18ImageEncoder encoder) : IDisposable
{
    private readonly Dictionary<(int Index, bool Flipped), (Tensor RegionMap, Tensor LastMap)> entries = [];

    /// <summary>Samples whose features are kept.</summary>
    public int Count => entries.Count;

    /// <summary>
    /// The network's features of <paramref name="samples"/>, whose images are <paramref name="images"/> [B, 3, S, S]; those not yet
    /// kept are read (without gradients) and kept. The batch's tensors belong to the caller's dispose scope.
    /// </summary>
    public PretrainedImageFeatures Read(IReadOnlyList<CaptionedImageSample> samples, Tensor images)
    {
        var missing = Enumerable.Range(0, samples.Count).Where(i => !entries.ContainsKey(Key(samples[i]))).ToArray();
        if (missing.Length > 0)
        {
            using var noGrad = no_grad();
            using var rows = tensor(missing.Select(i => (long)i).ToArray(), device: images.device);
            var read = encoder.Read(images.index_select(0, rows));
            for (int k = 0; k < missing.Length; k++)
            {
                var key = Key(samples[missing[k]]);
                if (entries.ContainsKey(key)) continue; // the same sample twice in one batch
                entries[key] = (read.RegionMap[k].clone().DetachFromDisposeScope(), read.LastMap[k].clone().DetachFromDisposeScope());
            }
        }
        var kept = samples.Select(s => entries[Key(s)]).ToArray();
        return new PretrainedImageFeatures(stack(kept.Select(e => e.RegionMap)), stack(kept.Select(e => e.LastMap)));
    }

    public void Dispose()
    {
        foreach (var (regionMap, lastMap) in entries.Values)
        {
            regionMap.Dispose();
            lastMap.Dispose();
        }
        entries.Clear();
    }

    private static (int, bool) Key(CaptionedImageSample sample) => (sample.Index, sample.Flipped);
}
