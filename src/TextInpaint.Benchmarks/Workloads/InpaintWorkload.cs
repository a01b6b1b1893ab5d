using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;
using TextInpaint.Inference;

namespace TextInpaint.Benchmarks.Workloads;

/// <summary>One call of <see cref="Inpainter.Inpaint"/> on a 640x480 picture with a 160x120 hole and a caption.</summary>
public sealed class InpaintWorkload : IBenchmarkWorkload
{
    private readonly Inpainter inpainter;
    private readonly RgbImage image;
    private readonly Mask mask = Mask.Box(640, 480, 240, 180, 160, 120);

    public InpaintWorkload(string folder)
    {
        inpainter = Inpainter.Load(folder);
        var bird = SynthBirdsGenerator.Generate(seed: 7, 0, 64).Rendered.Image;
        image = ImageOps.Resize(bird, 640, 480);
    }

    public void Run() => inpainter.Inpaint(image, mask, "this bird has a red crown and grey wings");

    public void Dispose() => inpainter.Dispose();
}
