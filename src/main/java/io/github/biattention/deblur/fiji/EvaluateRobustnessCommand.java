package io.github.biattention.deblur.fiji;

import ij.measure.ResultsTable;
import io.github.biattention.deblur.data.FolderImages;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation;
import io.github.biattention.deblur.evaluation.RobustnessGrid;
import io.github.biattention.deblur.evaluation.RobustnessReport;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Deblurring > Evaluate Deblurring Robustness: does a model help on every image and never harm? Crops of a
 * folder of sharp images (or procedural images) go through every cell of blur strength x noise
 * ({@link RobustnessEvaluation}); the results table has one row per model and cell (mean gain, worst image, input
 * PSNR), the summary one line per model (no-harm PSNR, gain on moderate blur, cells below zero), and the output
 * folder, if given, gets ROBUSTNESS.md and robustness.csv. Cancel stops between images. Macro keys are the field
 * names.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Evaluate Deblurring Robustness", headless = true)
public final class EvaluateRobustnessCommand extends AbstractDeblurCommand {

    @Parameter(label = "Sharp images (folder; empty: procedural)", style = "directory", required = false,
            description = "Images the model was never trained on")
    private File folder;

    @Parameter(label = "Family name", description = "Names the images in the report")
    private String family = "images";

    @Parameter(label = "Models (comma-separated names or files)")
    private String models = ModelFiles.DEFAULT_MODEL;

    @Parameter(label = "Crops", min = "1", max = "1000")
    private int count = 12;

    @Parameter(label = "Crop size", min = "16", max = "4096")
    private int size = 256;

    @Parameter(label = "Seed")
    private long seed = 20261205;

    @Parameter(label = "Score the reference (Wiener, true kernel)",
            description = "Also scores Wiener deconvolution given each image's true kernel and its best"
                    + " noise-to-signal ratio: a ceiling no user gets, which shows what each cell allows")
    private boolean reference;

    @Parameter(label = "Output folder (Markdown and CSV)", style = "directory", required = false)
    private File output;

    @Parameter(type = ItemIO.OUTPUT, label = "Summary")
    private String summary;

    private ResultsTable results;

    /** One row per model and cell (null before a run). */
    ResultsTable results() {
        return results;
    }

    @Override
    public void run() {
        List<DeblurModel> loaded = new ArrayList<>();
        try {
            DeblurSettings settings = settings();
            List<String> names = Arrays.stream(models.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toList());
            if (names.isEmpty()) {
                throw new IllegalArgumentException("Name at least one model (general, widefield or a model file)");
            }
            SharpSource source = folder == null ? new ProceduralImages() : new FolderImages(folder.toPath(), 1);
            List<RobustnessEvaluation.Method> methods = new ArrayList<>();
            for (String name : names) {
                DeblurModel model = ModelFiles.open(name, settings.device(), this::warn);
                loaded.add(model);
                methods.add(RobustnessEvaluation.Method.deblurring(model, settings));
            }
            RobustnessReport report = new RobustnessReport(new RobustnessEvaluation(source, family, count, size,
                    seed, reference).run(names, methods, progress(), this::isCanceled));
            results = table(report);
            summary = report.summaries().strip();
            if (output != null) {
                report.write(output.toPath(), count + " crops of " + size
                        + " px (" + RobustnessEvaluation.CROP_CHOICE + "), seed " + seed + ".\n\n");
                summary += "\nWritten to " + output;
            }
            if (showsWindows()) {
                results.show("Deblurring Robustness");
            }
            info(summary);
        } catch (ModelException | IOException | IllegalArgumentException e) {
            fail(e.getMessage());
        } catch (CancellationException e) {
            cancel("Cancelled: no report written");
        } finally {
            loaded.forEach(DeblurModel::close);
            clearProgress();
        }
    }

    private static ResultsTable table(RobustnessReport report) {
        ResultsTable table = new ResultsTable();
        table.setPrecision(3);
        for (String family : report.families()) {
            for (String method : report.methods()) {
                for (RobustnessReport.Cell cell : report.cells(family, method)) {
                    table.incrementCounter();
                    table.addValue("family", family);
                    table.addValue("model", method);
                    table.addValue("blur", cell.blur);
                    table.addValue("noise", cell.noise);
                    table.addValue("input_psnr", cell.inputPsnr);
                    table.addValue("mean_gain", cell.meanGain);
                    table.addValue("worst_gain", cell.worstGain);
                }
                RobustnessReport.Summary s = report.summary(family, method);
                table.incrementCounter();
                table.addValue("family", family);
                table.addValue("model", method);
                table.addValue("blur", "no harm (output vs sharp input)");
                table.addValue("noise", RobustnessGrid.NOISE.get(0).label);
                table.addValue("input_psnr", Double.POSITIVE_INFINITY);
                table.addValue("mean_gain", s.noHarmPsnr);
                table.addValue("worst_gain", s.noHarmWorstPsnr);
            }
        }
        return table;
    }
}
