namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// A SynthBirds species with a 1-based class id: its shape (beak length, wing pattern, eye ring
/// or not, size) and its typical colours, after which it is named.
/// </summary>
public sealed record BirdSpecies(int ClassId, string Name, BirdAttributes Attributes)
{
    /// <summary>
    /// The look of one bird of this species: the species' shape with colours drawn for this bird
    /// under the species' rules (the wing differs from the body, and so on).
    /// <para>
    /// A departure from CUB, where a species fixes the colours too: with 200 colour combinations,
    /// the visible half of a bird names its species and with it the hidden colours, so a model
    /// could fill the hole without reading the caption and could not follow a caption that
    /// changes a colour. Drawn per bird, a hidden colour can be known only from the text.
    /// </para>
    /// </summary>
    public BirdAttributes DrawIndividual(Random random) => BirdSpeciesCatalog.DrawColors(random, Attributes);
}
