package io.github.biattention.deblur.cli;

import ai.djl.pytorch.jni.JniUtils;
import io.github.biattention.deblur.interop.Npy;
import io.github.biattention.deblur.interop.NpyArray;
import io.github.biattention.deblur.interop.RawForward;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.model.Devices;
import io.github.biattention.deblur.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forward} (hidden): the raw network on a .npy array, for parity checks with the PyTorch twin. */
@Command(name = "forward", hidden = true, mixinStandardHelpOptions = true,
        description = "Runs the raw network (no normalisation, no tiling) on a float32 .npy array taken as"
                + " normalised, writes the output as .npy and prints the median forward time.")
final class ForwardCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = ModelFiles.DEFAULT_MODEL,
            description = "Bundled model name or model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--input", required = true, description = "float32 .npy of shape (H,W), (C,H,W) or (B,C,H,W).")
    Path input;

    @Option(names = "--output", description = "Where to write the output .npy.")
    Path output;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or auto (default: ${DEFAULT-VALUE});"
            + " gpu falls back to the CPU with a message when none is usable.")
    String device;

    @Option(names = "--repeat", defaultValue = "1",
            description = "Timed passes after one warm-up pass (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        NpyArray x = Npy.parse(Files.readAllBytes(input), input.toString());
        Devices.Selection selection = Devices.resolve(DeviceChoice.parse(device));
        selection.message().ifPresent(System.err::println);
        try (DeblurModel loaded = ModelFiles.load(model, selection.device())) {
            RawForward.Result result = RawForward.run(loaded, x, repeat);
            if (output != null) {
                Files.write(output, Npy.toBytes(result.output()));
            }
            System.out.printf(Locale.ROOT, "device %s, input %s, threads %d, forward median %.2f ms over %d (all: %s)%n",
                    loaded.device(), Arrays.toString(x.shape()), JniUtils.getNumThreads(), result.medianMillis(), repeat,
                    Arrays.toString(Arrays.stream(result.millis()).map(t -> Math.round(t * 100) / 100.0).toArray()));
        }
        return 0;
    }
}
