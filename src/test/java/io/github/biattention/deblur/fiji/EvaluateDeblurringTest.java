package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import io.github.biattention.deblur.data.ChannelImage;
import io.github.biattention.deblur.evaluation.EvaluationReport;
import io.github.biattention.deblur.data.ImagePair;
import io.github.biattention.deblur.evaluation.PairEvaluation;
import io.github.biattention.deblur.data.PairFolders;
import io.github.biattention.deblur.imagej.ChannelImages;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.Ssim;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/** Pair evaluation on tiny files read with ImageJ, and the Evaluate Deblurring command. */
class EvaluateDeblurringTest {

    private static DeblurModel model;
    private static final DeblurSettings SETTINGS = DeblurSettings.builder().tileSize(64).overlap(8)
            .device(DeviceChoice.CPU).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void loadModel() throws Exception {
        model = ModelFiles.open(ModelFiles.DEFAULT_MODEL, DeviceChoice.CPU, message -> { });
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    /** {@code blur/} and {@code sharp/} with an RGB pair "a", a 16-bit pair "b" and an RGB pair "c" of other sizes. */
    private Path folders() {
        PairImages.rgb(dir.resolve("blur/a.png"), 24, 20, 1, 1.5);
        PairImages.rgb(dir.resolve("sharp/a.png"), 24, 20, 1, 0);
        PairImages.grey16(dir.resolve("blur/b.tif"), 24, 20, 2, 1.5);
        PairImages.grey16(dir.resolve("sharp/b.tif"), 24, 20, 2, 0);
        PairImages.rgb(dir.resolve("blur/c.png"), 24, 20, 3, 1.5);
        PairImages.rgb(dir.resolve("sharp/c.png"), 20, 20, 3, 0);
        return dir;
    }

    @Test
    void filesAreReadAsChannelsWithTheirTypesDataRange() throws IOException {
        ChannelImage rgb = ChannelImages.read(PairImages.rgb(dir.resolve("x.png"), 24, 20, 1, 0));
        assertEquals(3, rgb.channelCount());
        assertEquals(255, rgb.dataRange());
        assertEquals("24x20x3", rgb.size());
        ColorProcessor cp = (ColorProcessor) IJ.openImage(dir.resolve("x.png").toString()).getProcessor();
        assertEquals((cp.get(5, 7) >> 8) & 0xff, rgb.channels()[1][7 * 24 + 5]);
        ChannelImage grey = ChannelImages.read(PairImages.grey16(dir.resolve("y.tif"), 24, 20, 1, 0));
        assertEquals(1, grey.channelCount());
        assertEquals(65535, grey.dataRange());
        IOException missing = assertThrows(IOException.class, () -> ChannelImages.read(dir.resolve("nope.png")));
        assertTrue(missing.getMessage().contains("nope.png"), missing.getMessage());
        ImagePlus stack = IJ.createImage("s", "8-bit black", 8, 8, 2);
        assertThrows(IllegalArgumentException.class, () -> ChannelImages.of(stack));
    }

    @Test
    void blurredScoresInTheCsvAreThoseOfTheMetricsAndFailuresDoNotStopTheOthers() throws IOException {
        folders();
        List<ImagePair> pairs = new PairFolders(dir.resolve("blur"), dir.resolve("sharp")).list().pairs();
        List<String> started = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        PairEvaluation.Result result = PairEvaluation.run(pairs, ChannelImages.READER, model, SETTINGS,
                new PairEvaluation.Listener() {
                    @Override
                    public void started(int index, int total, ImagePair pair) {
                        started.add(pair.name());
                    }
                }, (done, total, message) -> progress.add(message), () -> false);
        assertEquals(List.of("a.png", "b.tif", "c.png"), started);
        assertEquals(2, result.rows().size());
        assertEquals(1, result.failures().size());
        PairEvaluation.Failure failure = result.failures().get(0);
        assertEquals("c.png", failure.pair.name());
        assertTrue(failure.message.contains("24x20x3") && failure.message.contains("20x20x3"), failure.message);
        assertTrue(progress.get(0).startsWith("Image 1/3: a.png"), progress.toString());

        Path csv = dir.resolve("out/scores.csv");
        EvaluationReport.writeCsv(csv, result.rows());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(EvaluationReport.CSV_HEADER, lines.get(0));
        assertEquals(3, lines.size());
        assertBlurredScores(lines.get(1), "a.png", rgbChannels("blur/a.png"), rgbChannels("sharp/a.png"), 255);
        assertBlurredScores(lines.get(2), "b.tif", greyChannels("blur/b.tif"), greyChannels("sharp/b.tif"), 65535);
    }

    private void assertBlurredScores(String line, String name, float[][] blurred, float[][] sharp, double range) {
        String[] cells = line.split(",");
        assertEquals(9, cells.length, line);
        assertEquals(name, cells[0]);
        assertEquals("24", cells[1]);
        assertEquals("20", cells[2]);
        assertEquals(String.valueOf(blurred.length), cells[3]);
        assertEquals(Psnr.compute(sharp, blurred, range), Double.parseDouble(cells[4]), 1e-6, line);
        assertEquals(Ssim.compute(sharp, blurred, 24, 20, range), Double.parseDouble(cells[5]), 1e-6, line);
        for (int i = 6; i < 9; i++) {
            assertTrue(Double.isFinite(Double.parseDouble(cells[i])), line);
        }
        double restoredSsim = Double.parseDouble(cells[7]);
        assertTrue(restoredSsim > 0 && restoredSsim <= 1, line);
    }

    /** R, G, B straight from ImageJ, independently of ChannelImages. */
    private float[][] rgbChannels(String file) {
        ColorProcessor cp = (ColorProcessor) IJ.openImage(dir.resolve(file).toString()).getProcessor();
        float[][] channels = new float[3][cp.getPixelCount()];
        for (int i = 0; i < cp.getPixelCount(); i++) {
            int p = cp.get(i);
            channels[0][i] = (p >> 16) & 0xff;
            channels[1][i] = (p >> 8) & 0xff;
            channels[2][i] = p & 0xff;
        }
        return channels;
    }

    private float[][] greyChannels(String file) {
        return new float[][] {(float[]) IJ.openImage(dir.resolve(file).toString()).getProcessor()
                .convertToFloatProcessor().getPixels()};
    }

    @Test
    void cancellingStopsBeforeTheNextImage() throws IOException {
        folders();
        List<ImagePair> pairs = new PairFolders(dir.resolve("blur"), dir.resolve("sharp")).list().pairs();
        int[] done = {0};
        assertThrows(java.util.concurrent.CancellationException.class, () -> PairEvaluation.run(pairs,
                ChannelImages.READER, model, SETTINGS, new PairEvaluation.Listener() {
                    @Override
                    public void done(PairEvaluation.Row row) {
                        done[0]++;
                    }
                }, ProgressListener.NONE, () -> done[0] >= 1));
        assertEquals(1, done[0]);
    }

    private static Map<String, Object> inputs(Path blurred, Path sharp, String layout, Path csv) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("blurred", blurred.toFile());
        inputs.put("sharp", sharp == null ? null : sharp.toFile());
        inputs.put("layout", layout);
        inputs.put("split", "test");
        inputs.put("gamma", false);
        inputs.put("model", "general");
        inputs.put("csv", csv == null ? null : csv.toFile());
        inputs.put("limit", 0);
        inputs.put("tile", 64);
        inputs.put("overlap", 8);
        inputs.put("low", 1.0);
        inputs.put("high", 99.8);
        inputs.put("device", "cpu");
        inputs.put("perplane", false);
        return inputs;
    }

    @Test
    void theCommandFillsATableASummaryAndTheCsv() throws Exception {
        folders();
        Context context = new Context(CommandService.class);
        try {
            Path csv = dir.resolve("fiji.csv");
            Module module = Commands.run(context, EvaluateDeblurringCommand.class,
                    inputs(dir.resolve("blur"), dir.resolve("sharp"), "folders", csv));
            assertFalse(Commands.canceled(module), () -> Commands.reason(module));
            String summary = (String) module.getOutput("summary");
            assertTrue(summary.startsWith("Evaluated 2 of 3 images with model general"), summary);
            assertTrue(summary.contains("mean over 2 images") && summary.contains("1 of 3 pairs failed: c.png"),
                    summary);
            ResultsTable table = ((EvaluateDeblurringCommand) module).results();
            assertNotNull(table);
            assertEquals(3, table.size(), "two images and the means");
            assertEquals("a.png", table.getStringValue("name", 0));
            assertEquals("mean (2)", table.getStringValue("name", 2));
            double meanPsnr = (table.getValue("blurred_psnr", 0) + table.getValue("blurred_psnr", 1)) / 2;
            assertEquals(meanPsnr, table.getValue("blurred_psnr", 2), 1e-9);
            assertEquals(3, Files.readAllLines(csv).size());

            // A data set root, detected; a stale sharp folder is ignored by the gopro layout.
            Path gopro = dir.resolve("GOPRO_Large/test/GOPR0001_00_00");
            PairImages.rgb(gopro.resolve("blur/000001.png"), 24, 20, 4, 1.5);
            PairImages.rgb(gopro.resolve("sharp/000001.png"), 24, 20, 4, 0);
            Module auto = Commands.run(context, EvaluateDeblurringCommand.class,
                    inputs(dir.resolve("GOPRO_Large"), null, "auto", null));
            assertFalse(Commands.canceled(auto), () -> Commands.reason(auto));
            assertTrue(((String) auto.getOutput("summary")).contains("GOPRO test (blur)"));
            Module gamma = Commands.run(context, EvaluateDeblurringCommand.class,
                    inputs(dir.resolve("GOPRO_Large"), dir.resolve("sharp"), "gopro", null));
            assertFalse(Commands.canceled(gamma), () -> Commands.reason(gamma));

            Module missing = Commands.run(context, EvaluateDeblurringCommand.class,
                    inputs(dir.resolve("nope"), dir.resolve("sharp"), "folders", null));
            assertTrue(Commands.canceled(missing));
            assertTrue(Commands.reason(missing).contains("nope"), Commands.reason(missing));
        } finally {
            context.dispose();
        }
    }
}
