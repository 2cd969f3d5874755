package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.data.FolderImages;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.UnseenSpecimens;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation;
import io.github.biattention.deblur.evaluation.RobustnessReport;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.microscopy.WidefieldRobustness;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code robustness}: the mean gain and the worst image of every cell of blur strength x noise, and the no-harm row,
 * for one or more models on one or more image families (see {@link RobustnessEvaluation}).
 */
@Command(name = "robustness", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Does a model help on every image and never harm? Crops of each image family go through"
                + " every cell of a grid (no blur; motion, defocus and Gaussian blur at mild, moderate and strong"
                + " strength) x (no noise; Gaussian sigma 0.003, 0.01, 0.03; Poisson-Gaussian at low light), and each"
                + " model's PSNR gain is reported per cell as the mean and the worst image, with the no-harm row"
                + " (sharp input: output against input). Markdown and CSV."})
final class RobustnessCommand implements Callable<Integer> {
    private static final String WIDEFIELD_FAMILY = "unseen specimens";

    @Option(names = "--family", paramLabel = "NAME=DIR", description = "An image family: a name and a folder of"
            + " sharp images never trained on (repeatable; default: procedural images).")
    List<String> families = new ArrayList<>();

    @Option(names = "--models", defaultValue = ModelFiles.DEFAULT_MODEL, split = ",", description = "Bundled model"
            + " names or model files, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--widefield", description = "The widefield grid instead: unseen-structure specimens through"
            + " optics from nearly sharp (in-focus PSF of ~1 px) to strongly defocused with haze, x 50-20000 photons"
            + " at the peak; Richardson-Lucy with the true PSF scored beside the models.")
    boolean widefield;

    @Option(names = "--reference", description = "Photograph grid: also score Wiener deconvolution given each"
            + " image's true kernel and its best noise-to-signal ratio (a ceiling no user gets: what a cell allows).")
    boolean reference;

    @Option(names = "--count", description = "Crops per family (default: 12; widefield: 8).")
    Integer count;

    @Option(names = "--size", description = "Crop side in pixels (default: 256; widefield: 128).")
    Integer size;

    @Option(names = "--seed", defaultValue = "20261205", description = "Seed of crops, kernels and noise (default:"
            + " ${DEFAULT-VALUE}; training uses other seeds).")
    long seed;

    @Option(names = "--output", description = "Folder for ROBUSTNESS.md and robustness.csv (default: print only).")
    Path output;

    @Mixin
    TilingOptions tiling;

    @Override
    public Integer call() throws Exception {
        int count = this.count != null ? this.count : widefield ? 8 : 12;
        int size = this.size != null ? this.size : widefield ? 128 : 256;
        if (widefield && !families.isEmpty()) {
            throw new IllegalArgumentException("--widefield scores its own specimens: leave out --family");
        }
        List<String> names = new ArrayList<>();
        List<SharpSource> sources = new ArrayList<>();
        for (String family : widefield ? List.<String>of() : families.isEmpty() ? List.of("procedural=") : families) {
            int eq = family.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--family takes NAME=DIR, got '" + family + "'");
            }
            String dir = family.substring(eq + 1);
            names.add(family.substring(0, eq));
            // Read now, so a bad folder fails before any model is loaded; no random downscaling (factor 1).
            sources.add(dir.isEmpty() ? new ProceduralImages() : new FolderImages(Paths.get(dir), 1));
        }
        DeblurSettings settings = tiling.settings().device(DeviceChoice.AUTO).build();
        List<DeblurModel> loaded = new ArrayList<>();
        List<RobustnessEvaluation.Score> scores = new ArrayList<>();
        try {
            List<RobustnessEvaluation.Method> methods = new ArrayList<>();
            for (String model : models) {
                DeblurModel m = ModelFiles.open(model, DeviceChoice.AUTO,
                        message -> System.err.println("Warning: " + message));
                loaded.add(m);
                methods.add(RobustnessEvaluation.Method.deblurring(m, settings));
            }
            if (widefield) {
                WidefieldRobustness evaluation = new WidefieldRobustness(new UnseenSpecimens(), count, size, seed);
                long start = System.nanoTime();
                scores.addAll(evaluation.run(WIDEFIELD_FAMILY, models, methods, everyTenth(),
                        () -> Thread.currentThread().isInterrupted()));
                System.err.printf(Locale.ROOT, "%s: %d runs in %.0f s%n", WIDEFIELD_FAMILY,
                        evaluation.runsPerMethod() * (methods.size() + 1), (System.nanoTime() - start) / 1e9);
            }
            for (int f = 0; f < names.size(); f++) {
                RobustnessEvaluation evaluation = new RobustnessEvaluation(sources.get(f), names.get(f), count, size,
                        seed, reference);
                long start = System.nanoTime();
                scores.addAll(evaluation.run(models, methods, everyTenth(), () -> Thread.currentThread()
                        .isInterrupted()));
                System.err.printf(Locale.ROOT, "%s: %d runs in %.0f s%n", names.get(f),
                        evaluation.runsPerMethod() * (methods.size() + (reference ? 1 : 0)),
                        (System.nanoTime() - start) / 1e9);
            }
        } finally {
            loaded.forEach(DeblurModel::close);
        }
        RobustnessReport report = new RobustnessReport(scores);
        System.out.println(report.markdown());
        System.out.print(report.summaries());
        if (output != null) {
            report.write(output, count + " crops of " + size + " px per family" + (widefield ? " (widefield grid)"
                    : " (" + RobustnessEvaluation.CROP_CHOICE + ")")
                    + ", seed " + seed + ", models " + String.join(", ", models) + ".\n\n");
            System.out.println("Written: " + output.resolve(RobustnessReport.MARKDOWN_FILE) + ", "
                    + output.resolve(RobustnessReport.CSV_FILE));
        }
        return 0;
    }

    /** Progress on stderr every tenth of the way. */
    private static ProgressListener everyTenth() {
        return (done, total, message) -> {
            if (done * 10L / total != (done - 1) * 10L / total) {
                System.err.printf(Locale.ROOT, "%d/%d  %s%n", done, total, message);
            }
        };
    }
}
