package io.github.biattention.deblur.data;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes sample training pairs as one 8-bit PNG for a person to look at: one row per pair with
 * sharp | blurred+noisy | kernel (enlarged, scaled to its maximum).
 *
 * <p>Usage: {@code PreviewDegradation OUT.png [COUNT=8] [SEED=1] [IMAGE_FOLDER]}; without a folder
 * the procedural images are used.
 */
public final class PreviewDegradation {
    private static final int GAP = 4;

    private PreviewDegradation() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: PreviewDegradation OUT.png [COUNT=8] [SEED=1] [IMAGE_FOLDER]");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path out = Paths.get(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        SharpSource source = args.length > 3 ? new FolderImages(Paths.get(args[3])) : new ProceduralImages();
        Degradation degradation = new Degradation(source, DegradationSettings.defaults());
        int p = degradation.settings().patchSize();
        int width = 3 * p + 2 * GAP;
        int height = count * p + Math.max(0, count - 1) * GAP;
        ByteProcessor canvas = new ByteProcessor(width, height);
        canvas.setValue(128);
        canvas.fill();
        for (int i = 0; i < count; i++) {
            TrainingPair pair = degradation.sample(seed, i);
            int y = i * (p + GAP);
            paste(canvas, pair.sharp(), 0, y, 1);
            paste(canvas, pair.blurred(), p + GAP, y, 1);
            paste(canvas, enlarged(pair.kernel(), p), 2 * (p + GAP), y, pair.kernel().toPlane().max());
            System.out.println("pair " + i + ": " + pair.kind() + " kernel " + pair.kernel().size() + "x"
                    + pair.kernel().size());
        }
        if (!new FileSaver(new ImagePlus("preview", canvas)).saveAsPng(out.toString())) {
            System.err.println("could not write " + out);
            System.exit(1);
        }
        System.out.println("wrote " + out);
    }

    /** Nearest-neighbour enlargement of the kernel to about {@code side} pixels, centred. */
    private static Plane enlarged(Kernel k, int side) {
        int zoom = Math.max(1, side / k.size());
        float[] out = new float[side * side];
        int off = (side - zoom * k.size()) / 2;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int kx = (x - off) / zoom;
                int ky = (y - off) / zoom;
                if (x >= off && y >= off && kx < k.size() && ky < k.size()) {
                    out[y * side + x] = k.get(kx, ky);
                }
            }
        }
        return new Plane(side, side, out);
    }

    private static void paste(ByteProcessor canvas, Plane plane, int x0, int y0, float white) {
        for (int y = 0; y < plane.height(); y++) {
            for (int x = 0; x < plane.width(); x++) {
                canvas.set(x0 + x, y0 + y, Math.round(255 * Draw.clamp01(plane.get(x, y) / white)));
            }
        }
    }
}
