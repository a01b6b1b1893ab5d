namespace TextInpaint.Inference;

/// <summary>What `textinpaint demo` does.</summary>
/// <param name="Model">Model folder (trained on SynthBirds).</param>
/// <param name="Output">Folder for sheet.png, index.html and the images it shows.</param>
/// <param name="Birds">Birds rendered, inpainted and judged.</param>
/// <param name="Shown">Birds shown on the sheet and the page.</param>
/// <param name="Seed">
/// Seed of the rendered birds. The default differs from the seed of `textinpaint synth`, so the
/// birds (poses, colours, backgrounds) are new to a model trained on that data set.
/// </param>
/// <param name="Device">Where the model runs: cpu, or cuda with a CUDA build of TorchSharp.</param>
/// <param name="Size">Side of the rendered birds (a multiple of 16): by default 256, the page's sample birds' size; each fill goes
/// through the window a fill cuts, whatever the model's own size.</param>
/// <param name="Overwrite">Write into <paramref name="Output"/> even when it holds files an earlier demo did not
/// write (see <see cref="OutputFolder"/>).</param>
public sealed record DemoOptions(string Model, string Output = "demo", int Birds = 200, int Shown = 12, int Seed = 20_201_012, string Device = "cpu",
    bool Overwrite = false, int Size = 256);
