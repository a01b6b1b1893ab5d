using TextInpaint.Baselines;
using TextInpaint.Imaging;
using TextInpaint.Models;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;

namespace TextInpaint.Evaluation;

/// <summary>
/// The methods an evaluation can run, in table order:
/// <list type="bullet">
/// <item><c>mmfl</c>: the image's own caption (its first);</item>
/// <item><c>mmfl-shuffled</c>: the caption of another test image of another class;</item>
/// <item><c>mmfl-empty</c>: no words at all;</item>
/// <item><c>mmfl-edited</c> (SynthBirds): the own caption with one colour of a part in the hole changed;</item>
/// <item>each compared model (<see cref="InpaintingEvalOptions.Compare"/>) with the own caption;</item>
/// <item><c>telea</c>, <c>navier-stokes</c>, <c>fsr</c> (OpenCV's) and <c>patchmatch</c>: the classical methods
/// (<see cref="ClassicalInpainters"/>), which read no text, on the whole image.</item>
/// </list>
/// </summary>
public static class EvalMethods
{
    public const string TrueCaption = "mmfl", Shuffled = "mmfl-shuffled", Empty = "mmfl-empty", Edited = "mmfl-edited";

    /// <summary>The methods of the main model and the classical ones, in table order.</summary>
    public static IReadOnlyList<string> All { get; } = [TrueCaption, Shuffled, Empty, Edited, .. ClassicalInpainters.All.Select(c => c.Name)];

    /// <summary>The methods <see cref="InpaintingEvalOptions.Methods"/> names (all when it names none), refusing an unknown one.</summary>
    public static IReadOnlyList<string> Selected(InpaintingEvalOptions options)
    {
        if (options.Methods is not { Count: > 0 } chosen)
            return All;
        foreach (var method in chosen.Where(m => !All.Contains(m)))
            throw new UserInputException($"--methods {method}: unknown; the methods are {string.Join(", ", All)} (other trained models go in "
                + $"--compare NAME=FOLDER).");
        return All.Where(chosen.Contains).ToArray();
    }

    /// <summary>The chosen methods of the main model, then the compared models, then the classical methods.</summary>
    public static IReadOnlyList<EvalMethod> Create(IReadOnlyList<string> methods, IWindowModel model,
        IReadOnlyList<(ComparedModel Spec, IWindowModel Model)> compared)
    {
        var encoder = new CaptionEncoder(model.Mmfl.Damsm.Vocabulary);
        var created = new List<EvalMethod>();
        foreach (var method in methods.Where(m => m is TrueCaption or Shuffled or Empty or Edited))
            created.Add(new(method, Describe(method), cases => Inpaint(model, encoder, cases, CaptionSelector(method))));
        foreach (var (spec, other) in compared)
            created.Add(new(spec.Name,
                $"{(other.Mmfl.Config.UsesText ? "true caption" : "no text")}, {spec.Folder}, training step {ModelFolder.TrainingStep(spec.Folder)}",
                cases => Inpaint(other, encoder, cases, c => c.Caption)));
        foreach (var classical in ClassicalInpainters.All.Where(c => methods.Contains(c.Name)))
            created.Add(new(classical.Name, classical.Description, cases => new MethodOutputs(InpaintClassically(classical, cases))));
        return created;
    }

    private static string Describe(string method) => method switch
    {
        TrueCaption => "MMFL, true caption",
        Shuffled => "MMFL, another image's caption",
        Empty => "MMFL, empty caption",
        Edited => "MMFL, one colour of the caption changed",
        _ => method,
    };

    private static Func<EvalCase, string> CaptionSelector(string method) => method switch
    {
        Shuffled => c => c.ShuffledCaption,
        Empty => _ => "",
        Edited => c => c.Edit?.Caption.Text ?? c.Caption,
        _ => c => c.Caption,
    };

    /// <summary>
    /// Inpaints a batch with zero noise as a fill does (<see cref="ModelWindow"/>): each case's window
    /// around its hole at the model's window size, the model's result resized back into the hole and blended with the hole's
    /// smooth fill where the two agree (<see cref="SmoothFillBlend"/>); known pixels are the input's, byte for byte. The demand
    /// is that of each word the model read.
    /// </summary>
    private static MethodOutputs Inpaint(IWindowModel model, CaptionEncoder encoder, IReadOnlyList<EvalCase> cases, Func<EvalCase, string> captionOf)
    {
        using var scope = StepScope.Open();
        var windows = cases.Select(c => ModelWindow.Around(c.Mask, model.WindowSize)
            ?? throw new InvalidOperationException($"test case {c.Index} has no hole.")).ToArray();
        var captions = cases.Select(c => encoder.Encode(captionOf(c))).ToArray();
        var pictures = model.Mmfl.Generator.ReadsShownMatch ? cases.Select(c => ModelWindow.Picture(c.Image, c.Mask, model.Mmfl.WindowSize)).ToArray() : null;
        var fill = model.Fill(cases.Select((c, i) => windows[i].Input(c.Image, c.Mask)).ToArray(),
            cases.Select((c, i) => windows[i].Hole(c.Mask)).ToArray(), captions, pictures: pictures);
        var images = cases.Select((c, i) => SmoothFillBlend.PasteFill(windows[i], c.Image, c.Mask, TensorImages.ToImage(fill.Images[i])))
            .ToArray();
        var demand = fill.Mmfl.WordDemand.cpu().to(TorchSharp.torch.ScalarType.Float64);
        return new MethodOutputs(images, captions.Select((caption, i) => demand[i].data<double>().Take(caption.Length).ToArray()).ToArray());
    }

    /// <summary>A classical method on each image of a batch (in parallel; each image is independent). The hole is grey in its input.</summary>
    private static RgbImage[] InpaintClassically(IImageInpainter method, IReadOnlyList<EvalCase> cases)
    {
        var results = new RgbImage[cases.Count];
        Parallel.For(0, cases.Count, i => results[i] = method.Inpaint(MaskOps.GreyOut(cases[i].Image, cases[i].Mask), cases[i].Mask));
        return results;
    }
}
