package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.data.FolderImages;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.DatasetLayout;
import io.github.biattention.deblur.evaluation.EvaluationReport;
import io.github.biattention.deblur.evaluation.PairEvaluation;
import io.github.biattention.deblur.data.PairListing;
import io.github.biattention.deblur.data.PairSource;
import io.github.biattention.deblur.data.Split;
import io.github.biattention.deblur.evaluation.SyntheticEvaluation;
import io.github.biattention.deblur.imagej.ChannelImages;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: PSNR/SSIM of a model, either blind on synthetic blur of sharp images, or on pairs of real blurred
 * and sharp images (two folders, GOPRO, DVD).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scores a model with PSNR/SSIM of blurred and restored images against sharp ones.",
            "Synthetic (default): blurs crops of sharp images (motion, defocus, Gaussian; mild noise) and deblurs them"
                + " blind.",
            "Pairs (--pairs, --gopro, --dvd or --dataset): deblurs real blurred images at full resolution (colour"
                + " channels separately) and scores them on RGB against their sharp images with the data range of"
                + " the file type (255 for 8-bit and RGB, 65535 for 16-bit), restored images clipped and rounded as"
                + " saved; prints a row per image and the means."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--sharp", description = "Synthetic: folder of sharp images (default: procedural images).")
    Path sharp;

    @Option(names = "--count", defaultValue = "30", description = "Synthetic: number of images"
            + " (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", defaultValue = "384", description = "Synthetic: crop size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "20261126", description = "Synthetic: degradation seed (default: "
            + "${DEFAULT-VALUE}; training uses other seeds).")
    long seed;

    @Option(names = "--pairs", arity = "2", paramLabel = "DIR", description = "Pairs: a folder of blurred images"
            + " and a folder of sharp images, matched by base name (any image extension).")
    List<Path> pairs;

    @Option(names = "--gopro", paramLabel = "ROOT", description = "Pairs: the GOPRO data set (GOPRO_Large, or the"
            + " folder holding it): <split>/<sequence>/{blur,sharp}.")
    Path gopro;

    @Option(names = "--dvd", paramLabel = "ROOT", description = "Pairs: the DVD data set (quantitative_datasets, or"
            + " the folder holding it): <sequence>/{input,GT}.")
    Path dvd;

    @Option(names = "--dataset", paramLabel = "ROOT", description = "Pairs: a GOPRO or DVD root, or a folder holding"
            + " blur/ and sharp/, recognised by its layout.")
    Path dataset;

    @Option(names = "--split", defaultValue = "test", description = "Pairs, GOPRO and DVD: test, train or all"
            + " (default: ${DEFAULT-VALUE}; DVD's test split is the 10 videos held out by its authors).")
    String split;

    @Option(names = "--gamma", description = "Pairs, GOPRO: blur_gamma instead of blur.")
    boolean gamma;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Pairs: only the first N pairs,"
            + " for quick runs (default: all).")
    int limit;

    @Option(names = "--model", defaultValue = ModelFiles.DEFAULT_MODEL,
            description = "Bundled model name or model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    TilingOptions tiling;

    @Option(names = "--csv", description = "Also write the rows as CSV.")
    Path csv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DeblurSettings settings = tiling.settings().device(DeviceChoice.AUTO)
                .build();
        List<String> sources = matched("--pairs", "--gopro", "--dvd", "--dataset");
        if (sources.isEmpty()) {
            requireNone("for --pairs, --gopro, --dvd or --dataset", "--split", "--gamma", "--limit");
            return synthetic(settings);
        }
        if (sources.size() > 1) {
            throw new IllegalArgumentException("Choose one of " + String.join(", ", sources));
        }
        requireNone("for the synthetic evaluation, not with " + sources.get(0), "--sharp", "--count", "--size",
                "--seed");
        if (gamma && gopro == null && dataset == null) {
            throw new IllegalArgumentException("--gamma is for GOPRO (--gopro or --dataset)");
        }
        return evaluatePairs(source(), settings);
    }

    private PairSource source() throws IOException {
        Split chosen = Split.parse(split);
        if (pairs != null) {
            if (pairs.size() != 2) { // picocli collects a repeated --pairs into one list
                throw new IllegalArgumentException("--pairs takes one folder of blurred and one of sharp images");
            }
            return DatasetLayout.FOLDERS.open(pairs.get(0), pairs.get(1), chosen, gamma);
        }
        if (gopro != null) {
            return DatasetLayout.GOPRO.open(gopro, null, chosen, gamma);
        }
        if (dvd != null) {
            return DatasetLayout.DVD.open(dvd, null, chosen, gamma);
        }
        return DatasetLayout.AUTO.open(dataset, null, chosen, gamma);
    }

    private int evaluatePairs(PairSource source, DeblurSettings settings) throws Exception {
        // List (and fail on a bad layout) before loading the model.
        PairListing listing = source.list();
        if (!listing.unmatched().isEmpty()) {
            System.err.println("Warning: " + listing.unmatchedWarning());
        }
        PairListing chosen = listing.limit(limit);
        int n = chosen.pairs().size();
        System.out.println("Evaluating " + n + (n < listing.pairs().size() ? " of " + listing.pairs().size() : "")
                + (n == 1 ? " pair: " : " pairs: ") + source.description() + ", model " + model);
        int width = EvaluationReport.nameWidth(chosen.pairs());
        List<PairEvaluation.Row> rows = new ArrayList<>();
        List<PairEvaluation.Failure> failures = new ArrayList<>();
        boolean interrupted = false;
        // Open until the CSV is written: on Ctrl-C the shutdown hook waits for it, so the partial results survive.
        try (Interruption interruption = new Interruption()) {
            try (DeblurModel loaded = ModelFiles.open(model, DeviceChoice.AUTO,
                    message -> System.err.println("Warning: " + message))) {
                System.out.println(EvaluationReport.header(width));
                PairEvaluation.run(chosen.pairs(), ChannelImages.READER, loaded, settings,
                        new PairEvaluation.Listener() {
                            @Override
                            public void done(PairEvaluation.Row row) {
                                rows.add(row);
                                System.out.println(EvaluationReport.row(row, width));
                            }

                            @Override
                            public void failed(PairEvaluation.Failure failure) {
                                failures.add(failure);
                                System.err.println("Error: " + failure);
                            }
                        }, ProgressListener.NONE, interruption.requested());
            } catch (CancellationException e) {
                interrupted = true;
                System.err.println("Interrupted after " + (rows.size() + failures.size()) + " of " + n + " pairs");
            }
            System.out.println(EvaluationReport.means(PairEvaluation.means(rows)));
            if (!failures.isEmpty()) {
                System.err.println(EvaluationReport.failures(failures, n));
            }
            if (csv != null) {
                EvaluationReport.writeCsv(csv, rows);
                System.out.println("CSV written to " + csv);
            }
        }
        return interrupted ? 130 : failures.isEmpty() ? 0 : 1;
    }

    private int synthetic(DeblurSettings settings) throws Exception {
        SharpSource source = sharp == null ? new ProceduralImages() : new FolderImages(sharp, 1);
        List<SyntheticEvaluation.Row> rows;
        try (DeblurModel loaded = ModelFiles.open(model, DeviceChoice.AUTO, System.err::println)) {
            rows = SyntheticEvaluation.run(source, SyntheticEvaluation.mildSettings(size), seed, count, loaded,
                    settings);
        }
        rows.forEach(System.out::println);
        double[] m = SyntheticEvaluation.means(rows);
        System.out.printf(Locale.ROOT, "mean over %d images: blurred %.2f dB / %.4f, restored %.2f dB / %.4f,"
                + " gain %+.2f dB / %+.4f%n", rows.size(), m[0], m[1], m[2], m[3], m[2] - m[0], m[3] - m[1]);
        if (csv != null) {
            writeSyntheticCsv(rows);
        }
        return 0;
    }

    private void writeSyntheticCsv(List<SyntheticEvaluation.Row> rows) throws IOException {
        String body = rows.stream().map(r -> String.format(Locale.ROOT, "%d,%s,%d,%.4f,%.5f,%.4f,%.5f,%.3f",
                r.index, r.kind, r.kernelSize, r.blurredPsnr, r.blurredSsim, r.restoredPsnr, r.restoredSsim,
                r.seconds)).collect(Collectors.joining("\n"));
        Files.writeString(csv, "index,blur,kernel,blurred_psnr,blurred_ssim,restored_psnr,restored_ssim,seconds\n"
                + body + "\n");
    }

    /** The options among {@code names} given on the command line. */
    private List<String> matched(String... names) {
        ParseResult parsed = spec.commandLine().getParseResult();
        return Stream.of(names).filter(parsed::hasMatchedOption).collect(Collectors.toCollection(ArrayList::new));
    }

    /** @throws IllegalArgumentException when one of {@code names} was given: it belongs to the other mode */
    private void requireNone(String why, String... names) {
        List<String> given = matched(names);
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + (given.size() == 1 ? " is " : " are ")
                    + "only " + why);
        }
    }
}
