namespace TextInpaint.Training;

/// <summary>What a person watches of a GAN run at its checkpoints: validation figures and sample sheets on fixed test images.</summary>
internal interface IRunWatch
{
    /// <summary>The validation figures by name, or null for a run without validation images.</summary>
    Dictionary<string, double>? Validate();

    /// <summary>Draws the sample sheet of step <paramref name="step"/> to <paramref name="path"/> (nothing without validation images).</summary>
    void SampleSheet(string path, long step);
}
