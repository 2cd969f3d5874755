package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.interop.WeightImport;
import io.github.biattention.deblur.model.ModelMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code import}: PyTorch-named .npz weights into a model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turns .npz weights with the PyTorch twin's state_dict names (from 'export' or from"
                + " tools/pytorch/biattention.py save_npz) into a model file of the plugin.")
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--weights", required = true, description = "The .npz file to read.")
    Path weights;

    @Option(names = "--output", required = true, description = "The model file (.zip) to write.")
    Path output;

    @Option(names = "--name", description = "Model name (default: the one in the weights' __config__).")
    String name;

    @Option(names = "--config", description = "JSON with the architecture, in the form of a model.json (default:"
            + " the weights' __config__ entry).")
    Path config;

    @Option(names = "--training", description = "JSON with the training provenance (steps, seconds, validationPsnr,"
            + " validationSsim, data, ...), alone or as the 'training' member of an object.")
    Path training;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(output) && !overwrite) {
            throw new IllegalArgumentException(output + " exists (use --overwrite to replace it)");
        }
        ModelMetadata metadata = WeightImport.importWeights(weights, config, training, name, output);
        System.out.println("Wrote model '" + metadata.name + "' (" + metadata.architecture.toConfig() + ") to "
                + output);
        return 0;
    }
}
