package io.github.biattention.deblur.cli;

import ai.djl.Device;
import io.github.biattention.deblur.benchmark.WidefieldBenchmark;
import io.github.biattention.deblur.data.MicroscopyScenes;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.UnseenSpecimens;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench-widefield}: models against Richardson-Lucy and Wiener with the true PSF on simulated widefield images. */
@Command(name = "bench-widefield", mixinStandardHelpOptions = true,
        description = {"Scores models (blind) against Richardson-Lucy and Wiener given the true PSF on simulated"
                + " widefield fluorescence images: random optics (Born & Wolf PSF, defocus, haze), Poisson and read"
                + " noise, camera offset; specimens of structures the widefield model never trained on.",
                "Also scores the optics-aware path MODEL + RL: Richardson-Lucy with the true PSF started from the"
                + " first model's estimate."})
final class BenchWidefieldCommand implements Callable<Integer> {

    @Option(names = "--models", split = ",", defaultValue = "widefield,general",
            description = "Models, bundled or user names or files; the first also gets the RL refinement"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--count", defaultValue = "24", description = "Scored cases (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", defaultValue = "256", description = "Image side (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "20261126", description = "Seed of the scored cases; tuning uses"
            + " seed + 1 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tuning", defaultValue = "4", description = "Cases for tuning RL, Wiener and the refinement"
            + " (default: ${DEFAULT-VALUE}).")
    int tuning;

    @Option(names = "--photons", split = ",", defaultValue = "50,2000", description = "Peak photon counts, min,max"
            + " (default: ${DEFAULT-VALUE}).")
    double[] photons;

    @Option(names = "--specimens", defaultValue = "unseen", description = "unseen (structures never trained on) or"
            + " training (the training generator, other seeds) (default: ${DEFAULT-VALUE}).")
    String specimens;

    @Option(names = "--output", description = "Also write the Markdown table to this file.")
    Path output;

    @Option(names = "--figure", description = "Also write a PNG of the first case of each photon bracket: sharp,"
            + " then every method (grey levels 0 to the specimen's maximum, PSNR under each panel).")
    Path figure;

    @Mixin
    TilingOptions tiling;

    @Override
    public Integer call() throws Exception {
        SharpSource source;
        switch (specimens) {
            case "unseen": source = new UnseenSpecimens(); break;
            case "training": source = new MicroscopyScenes(); break;
            default: throw new IllegalArgumentException("--specimens must be unseen or training, got " + specimens);
        }
        WidefieldBenchmark benchmark = new WidefieldBenchmark(source, count, size, seed, tuning, photons[0],
                photons[photons.length - 1]);
        Map<String, DeblurModel> loaded = new LinkedHashMap<>();
        try {
            for (String model : models) {
                DeblurModel m = ModelFiles.load(model, Device.cpu());
                // Table rows are keyed by name: two models of one name, or a model named like a method, get a suffix.
                String name = m.metadata().name;
                for (int n = 2; loaded.containsKey(name) || WidefieldBenchmark.METHODS.contains(name); n++) {
                    name = m.metadata().name + " (" + n + ")";
                }
                loaded.put(name, m);
            }
            WidefieldBenchmark.Result result = benchmark.run(loaded, tiling.settings().build(),
                    System.out::println);
            String table = result.table().markdown();
            System.out.println();
            System.out.print(table);
            if (output != null) {
                Files.write(output, table.getBytes(StandardCharsets.UTF_8));
            }
            if (figure != null) {
                BenchFigure.write(figure, result.examples.stream().map(e -> new BenchFigure.Row(e.label, e.width,
                        e.height, e.images, e.psnr, e.white)).collect(Collectors.toList()));
            }
        } finally {
            for (DeblurModel m : loaded.values()) {
                m.close();
            }
        }
        return 0;
    }
}
