package io.github.biattention.deblur.cli;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import io.github.biattention.deblur.benchmark.QualityBenchmark;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The crops figure of {@code bench}: one row per blur kind (the first image of each), one column per method in the
 * order sharp, blurred, RL, Wiener, then the models; 8-bit grey, [0, 1] mapped to 0..255 and clipped, so every panel
 * has the same scale. Method names head the columns, the kind starts each row and every restored panel has its PSNR
 * underneath; if text cannot be drawn (no fonts on a bare headless system) the panels are written without it, in the
 * same order. Images larger than {@value #MAX_PANEL} pixels are shown by their centre crop.
 */
final class BenchFigure {

    static final int MAX_PANEL = 256;
    private static final int GAP = 4;
    private static final int TEXT_HEIGHT = 16;
    private static final int KIND_WIDTH = 64;

    private BenchFigure() {}

    /** One row of panels: a label, the images by column (the first one unscored) and the scores under them. */
    static final class Row {
        final String label;
        final int width;
        final int height;
        final Map<String, float[]> images;
        final Map<String, Double> psnr;
        /** Grey value shown white. */
        final double white;

        Row(String label, int width, int height, Map<String, float[]> images, Map<String, Double> psnr, double white) {
            this.label = label;
            this.width = width;
            this.height = height;
            this.images = images;
            this.psnr = psnr;
            this.white = white;
        }

        static Row of(QualityBenchmark.Example e) {
            return new Row(QualityBenchmark.kindName(e.kind()), e.width(), e.height(), e.images(), e.psnr(), 1);
        }
    }

    /** Draws the figure; throws nothing for missing fonts (see the class comment). */
    static ByteProcessor render(List<Row> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no example to draw");
        }
        List<String> columns = new ArrayList<>(examples.get(0).images.keySet());
        int panel = Math.min(MAX_PANEL, Math.min(examples.get(0).width, examples.get(0).height));
        int rowHeight = panel + TEXT_HEIGHT + GAP;
        ByteProcessor canvas = new ByteProcessor(KIND_WIDTH + columns.size() * (panel + GAP),
                TEXT_HEIGHT + GAP + examples.size() * rowHeight);
        canvas.setValue(255);
        canvas.fill();
        for (int r = 0; r < examples.size(); r++) {
            Row e = examples.get(r);
            int top = TEXT_HEIGHT + GAP + r * rowHeight;
            for (int c = 0; c < columns.size(); c++) {
                canvas.insert(panel(e.images.get(columns.get(c)), e.width, e.height, panel, e.white),
                        KIND_WIDTH + c * (panel + GAP), top);
            }
        }
        try {
            label(canvas, examples, columns, panel, rowHeight);
        } catch (RuntimeException | LinkageError e) {
            // Text needs AWT fonts; without them the figure is still useful, its order is documented.
        }
        return canvas;
    }

    /** Writes {@link #render} as a PNG. */
    static void write(Path png, List<Row> examples) throws IOException {
        if (!new FileSaver(new ImagePlus("bench", render(examples))).saveAsPng(png.toString())) {
            throw new IOException("Cannot write " + png);
        }
    }

    private static void label(ByteProcessor canvas, List<Row> examples, List<String> columns,
            int panel, int rowHeight) {
        canvas.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        canvas.setAntialiasedText(true);
        canvas.setValue(0);
        for (int c = 0; c < columns.size(); c++) {
            centred(canvas, columns.get(c), KIND_WIDTH + c * (panel + GAP), panel, TEXT_HEIGHT - 3);
        }
        for (int r = 0; r < examples.size(); r++) {
            Row e = examples.get(r);
            int top = TEXT_HEIGHT + GAP + r * rowHeight;
            canvas.drawString(e.label, 2, top + panel / 2 + 6);
            for (int c = 1; c < columns.size(); c++) { // column 0 is the sharp image: no score
                Double psnr = e.psnr.get(columns.get(c));
                if (psnr != null) {
                    centred(canvas, String.format(Locale.ROOT, "%.2f dB", psnr), KIND_WIDTH + c * (panel + GAP),
                            panel, top + panel + TEXT_HEIGHT - 3);
                }
            }
        }
    }

    private static void centred(ByteProcessor canvas, String text, int left, int width, int baseline) {
        int x = left + Math.max(0, (width - canvas.getStringWidth(text)) / 2);
        canvas.drawString(text, x, baseline);
    }

    /** The centre {@code side x side} of an image, [0, white] to 0..255, clipped. */
    private static ByteProcessor panel(float[] pixels, int width, int height, int side, double white) {
        int x0 = (width - side) / 2;
        int y0 = (height - side) / 2;
        byte[] out = new byte[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float v = pixels[(y0 + y) * width + x0 + x];
                int grey = Float.isNaN(v) ? 0 : (int) Math.round(255 * Math.max(0, Math.min(1, v / white)));
                out[y * side + x] = (byte) grey;
            }
        }
        return new ByteProcessor(side, side, out);
    }
}
