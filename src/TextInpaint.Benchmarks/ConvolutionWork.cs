using System.Diagnostics;
using TextInpaint.Models;
using TextInpaint.Runtime;
using static TorchSharp.torch;

namespace TextInpaint.Benchmarks;

/// <summary>
/// Counts the floating-point operations of the convolutions a piece of work runs, and measures
/// the machine's rate for a large matrix product, the practical ceiling to compare against.
/// </summary>
public static class ConvolutionWork
{
    /// <summary>
    /// Multiply-adds (2 operations each) of every convolution through <see cref="Convolution.Apply"/> in one run of
    /// <paramref name="work"/>: the forward pass, and under autograd the input gradient (where the
    /// input needs one) and the weight gradient (where the weight does), each as many as the
    /// forward. Matrix products outside convolutions (linear layers, attention, the LSTM) are not counted.
    /// </summary>
    public static double GigaOperations(Action work)
    {
        double operations = 0;
        var previous = Convolution.Observer;
        Convolution.Observer = (s, input, weight) =>
        {
            long batch = input.shape[0], height = input.shape[2], width = input.shape[3];
            // Every output pixel of a convolution (every input pixel of a transposed one) meets
            // Cin x Cout x k x k weights.
            double pixels = s.Transposed ? height * width : s.OutputSide(height) * s.OutputSide(width);
            double forward = 2.0 * batch * pixels * s.InChannels * s.OutChannels * s.Kernel * s.Kernel;
            bool training = is_grad_enabled();
            int passes = 1 + (training && input.requires_grad ? 1 : 0) + (training && weight.requires_grad ? 1 : 0);
            operations += forward * passes;
        };
        try
        {
            using var scope = StepScope.Open();
            work();
        }
        finally
        {
            Convolution.Observer = previous;
        }
        return operations / 1e9;
    }

    /// <summary>GFLOP/s of a 1024x1024 float matrix product on torch's current threads: the median of 20 after 3 untimed.</summary>
    public static double MatrixProductRate()
    {
        using var scope = NewDisposeScope();
        var a = randn(1024, 1024, generator: new Generator(1));
        var b = randn(1024, 1024, generator: new Generator(2));
        var seconds = new List<double>();
        for (int i = 0; i < 23; i++)
        {
            var clock = Stopwatch.StartNew();
            using var product = a.matmul(b);
            if (i >= 3) seconds.Add(clock.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        return 2.0 * 1024 * 1024 * 1024 / seconds[seconds.Count / 2] / 1e9;
    }
}
