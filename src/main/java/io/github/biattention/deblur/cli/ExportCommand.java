package io.github.biattention.deblur.cli;

import ai.djl.Device;
import io.github.biattention.deblur.interop.WeightExport;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: a model's weights as .npz with PyTorch names. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a model's weights as NumPy .npz under the PyTorch twin's state_dict names"
                + " (tools/pytorch/biattention.py), with the model's JSON in the entry '__config__'.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = ModelFiles.DEFAULT_MODEL,
            description = "Bundled model name or model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--output", required = true, description = "The .npz file to write.")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(output) && !overwrite) {
            throw new IllegalArgumentException(output + " exists (use --overwrite to replace it)");
        }
        try (DeblurModel loaded = ModelFiles.load(model, Device.cpu())) {
            int count = WeightExport.export(loaded, output);
            System.out.println("Wrote " + count + " parameter arrays of '" + loaded.metadata().name + "' ("
                    + loaded.network().config() + ") to " + output);
        }
        return 0;
    }
}
