package io.github.biattention.deblur.fiji;

import ij.measure.ResultsTable;
import io.github.biattention.deblur.data.DatasetLayout;
import io.github.biattention.deblur.evaluation.EvaluationReport;
import io.github.biattention.deblur.data.ImagePair;
import io.github.biattention.deblur.evaluation.PairEvaluation;
import io.github.biattention.deblur.data.PairListing;
import io.github.biattention.deblur.data.PairSource;
import io.github.biattention.deblur.data.Split;
import io.github.biattention.deblur.imagej.ChannelImages;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Deblurring > Evaluate Deblurring: deblurs pairs of blurred and sharp images (two folders matched by
 * name, or a GOPRO or DVD data set) and scores blurred vs sharp and restored vs sharp per image with PSNR and SSIM
 * ({@link PairEvaluation}). Shows a results table (one row per image and a last row of means) unless headless,
 * returns a one-paragraph summary, and optionally writes the rows as CSV. A pair that fails is reported and the
 * others are still evaluated; cancelling stops between images or within one tile and keeps the rows so far.
 * Macro keys are the field names.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Evaluate Deblurring", headless = true)
public final class EvaluateDeblurringCommand extends AbstractDeblurCommand {

    @Parameter(label = "Blurred images (folder or data set root)", style = "directory",
            description = "Folder of blurred images (folders layout), or the root of a GOPRO or DVD data set")
    private File blurred;

    @Parameter(label = "Sharp images (folders layout)", style = "directory", required = false,
            description = "Folder of sharp images of the same names; not needed for gopro and dvd, nor when the"
                    + " blurred folder holds blur/ and sharp/")
    private File sharp;

    @Parameter(label = "Layout", choices = {"folders", "gopro", "dvd", "auto"},
            description = "folders: two folders matched by name; gopro: GOPRO_Large/{train,test}/<sequence>/"
                    + "{blur,sharp}; dvd: quantitative_datasets/<sequence>/{input,GT}; auto: detect")
    private String layout = "folders";

    @Parameter(label = "Split (gopro, dvd)", choices = {"test", "train", "all"})
    private String split = "test";

    @Parameter(label = "GOPRO blur_gamma instead of blur")
    private boolean gamma;

    @Parameter(label = "Model (bundled name or model file)")
    private String model = ModelFiles.DEFAULT_MODEL;

    @Parameter(label = "CSV file", style = "save", required = false,
            description = "Also write one line per image: " + EvaluationReport.CSV_HEADER)
    private File csv;

    @Parameter(label = "Only the first N pairs (0: all)", min = "0")
    private int limit;

    @Parameter(type = ItemIO.OUTPUT, label = "Summary")
    private String summary;

    private ResultsTable results;

    /** The per-image table (null before a run or when listing failed). */
    ResultsTable results() {
        return results;
    }

    @Override
    public void run() {
        List<PairEvaluation.Row> rows = new ArrayList<>();
        List<PairEvaluation.Failure> failures = new ArrayList<>();
        List<ImagePair> pairs = List.of();
        String description = "";
        try {
            DeblurSettings settings = settings();
            if (blurred == null) {
                throw new IOException("Choose the folder of blurred images or the data set root");
            }
            DatasetLayout chosen = DatasetLayout.parse(layout);
            // GOPRO and DVD find their sharp images; a remembered sharp folder must not turn auto into folders.
            File sharpFolder = chosen == DatasetLayout.GOPRO || chosen == DatasetLayout.DVD ? null : sharp;
            PairSource source = chosen.open(blurred.toPath(), sharpFolder == null ? null : sharpFolder.toPath(),
                    Split.parse(split), gamma);
            PairListing listing = source.list();
            if (!listing.unmatched().isEmpty()) {
                warn(listing.unmatchedWarning());
            }
            pairs = listing.limit(limit).pairs();
            description = source.description();
            info("Evaluating " + pairs.size() + (pairs.size() == 1 ? " pair: " : " pairs: ") + description);
            try (DeblurModel loaded = ModelFiles.open(model, settings.device(), this::warn)) {
                PairEvaluation.run(pairs, ChannelImages.READER, loaded, settings, new PairEvaluation.Listener() {
                    @Override
                    public void done(PairEvaluation.Row row) {
                        rows.add(row);
                        info(row.toString());
                    }

                    @Override
                    public void failed(PairEvaluation.Failure failure) {
                        failures.add(failure);
                        warn(failure.toString());
                    }
                }, progress(), this::isCanceled);
            }
            finish(rows, failures, pairs.size(), description, listing.unmatchedWarning(), false);
        } catch (ModelException | IOException | IllegalArgumentException e) {
            fail(e.getMessage());
        } catch (CancellationException e) {
            try {
                finish(rows, failures, pairs.size(), description, "", true);
            } catch (IOException io) {
                warn(io.getMessage());
            }
        } finally {
            clearProgress();
        }
    }

    /** Fills the table and summary, writes the CSV; fails the command only when no pair could be scored. */
    private void finish(List<PairEvaluation.Row> rows, List<PairEvaluation.Failure> failures, int total,
            String description, String unmatched, boolean cancelled) throws IOException {
        results = table(rows);
        if (csv != null && !rows.isEmpty()) {
            EvaluationReport.writeCsv(csv.toPath(), rows);
        }
        List<String> parts = new ArrayList<>();
        parts.add((cancelled ? "Cancelled after " + rows.size() + " of " + total + " images"
                : "Evaluated " + rows.size() + " of " + total + (total == 1 ? " image" : " images")) + " with model " + model + " ("
                + description + ")");
        parts.add(EvaluationReport.means(PairEvaluation.means(rows)));
        if (!failures.isEmpty()) {
            parts.add(EvaluationReport.failures(failures, total));
        }
        if (!unmatched.isEmpty()) {
            parts.add(unmatched);
        }
        if (csv != null && !rows.isEmpty()) {
            parts.add("CSV written to " + csv);
        }
        summary = String.join("\n", parts);
        if (showsWindows() && !rows.isEmpty()) {
            results.show("Deblurring Evaluation");
        }
        if (rows.isEmpty() && !cancelled) {
            fail(summary);
        } else {
            info(summary);
        }
    }

    /** One row per image, then a row of means labelled "mean". */
    private static ResultsTable table(List<PairEvaluation.Row> rows) {
        ResultsTable table = new ResultsTable();
        table.setPrecision(4);
        table.setNaNEmptyCells(true); // the means row has no size
        for (PairEvaluation.Row r : rows) {
            table.incrementCounter();
            table.addValue("name", r.name);
            table.addValue("width", r.width);
            table.addValue("height", r.height);
            table.addValue("channels", r.channels);
            table.addValue("blurred_psnr", r.blurredPsnr);
            table.addValue("blurred_ssim", r.blurredSsim);
            table.addValue("restored_psnr", r.restoredPsnr);
            table.addValue("restored_ssim", r.restoredSsim);
            table.addValue("seconds", r.seconds);
        }
        if (!rows.isEmpty()) {
            PairEvaluation.Means m = PairEvaluation.means(rows);
            table.incrementCounter();
            table.addValue("name", String.format(Locale.ROOT, "mean (%d)", m.count));
            table.addValue("blurred_psnr", m.blurredPsnr);
            table.addValue("blurred_ssim", m.blurredSsim);
            table.addValue("restored_psnr", m.restoredPsnr);
            table.addValue("restored_ssim", m.restoredSsim);
            table.addValue("seconds", m.seconds);
        }
        return table;
    }
}
