package io.github.biattention.deblur.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.biattention.deblur.model.NativeEngine;
import io.github.biattention.deblur.network.GradientCheck;
import io.github.biattention.deblur.network.NetworkConfig;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gradient-check}: are training gradients right on this machine's engine? */
@Command(name = "gradient-check", mixinStandardHelpOptions = true,
        description = "Compares training gradients in float32 with float64 (which PyTorch computes without oneDNN):"
                + " a 3x3 convolution's input gradient for a few filter counts, DJL's Conv2d against the network's,"
                + " and every parameter of a random network. Errors near 1e-6 are rounding; a convolution above 1e-4 or"
                + " a network median above 0.05 (0.3 to 1, or NaN, when it was wrong) means wrong gradients.")
final class GradientCheckCommand implements Callable<Integer> {

    @Option(names = "--width", defaultValue = "32",
            description = "Network width (default: ${DEFAULT-VALUE}, that of the bundled models).")
    int width;

    @Option(names = "--size", defaultValue = "128",
            description = "Side of the network check's images, the training patch (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--threads", description = "PyTorch threads (default: all cores); results can differ by count.")
    Integer threads;

    @Override
    public Integer call() {
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        }
        NativeEngine.prepare();
        Engine.getInstance();
        System.out.printf(Locale.ROOT, "PyTorch threads: %d%n", JniUtils.getNumThreads());
        System.out.println("3x3 convolution over 16 channels, input gradient, relative L2 error against float64:");
        System.out.println("filters  DJL Conv2d  network's convolution");
        boolean right = true;
        for (int filters : new int[] {1, 3, 4, 8, 16, 32}) {
            double plain = GradientCheck.convolutionInputGradient(filters, false);
            double network = GradientCheck.convolutionInputGradient(filters, true);
            right &= network < 1e-4;
            System.out.printf(Locale.ROOT, "%7d  %10.1e  %10.1e%n", filters, plain, network);
        }
        for (int unshuffle : new int[] {1, 2}) {
            NetworkConfig config = new NetworkConfig(1, width, 1, 2, true, true, unshuffle);
            GradientCheck.Report report = GradientCheck.network(config, size, size);
            // Wrong gradients put the typical parameter off by 0.3 to 1; medians up to ~1e-2 are seen at some sizes
            // (width 32 at full resolution, or inputs of 64 px and less), against ~1e-6 at the training patch.
            right &= report.median() < 0.05;
            System.out.printf(Locale.ROOT, "%s, %dx%d: %d parameters, relative error median %.1e, worst %.1e (%s)%n",
                    config, size, size, report.errors().size(), report.median(), report.worst(),
                    report.worstName());
        }
        System.out.println(right ? "Training gradients are right." : "WRONG training gradients on this machine.");
        return right ? 0 : 1;
    }
}
