package io.github.biattention.deblur.cli;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import io.github.biattention.deblur.files.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compare}: images side by side in one 8-bit PNG, all on the first image's intensity scale. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Writes images (first plane of each) side by side as one 8-bit PNG, all mapped to the first"
                + " image's intensity range so that they can be compared.")
final class CompareCommand implements Callable<Integer> {

    private static final int GAP = 4;

    @Parameters(arity = "1..*", description = "Images of equal size.")
    List<Path> images;

    @Option(names = "--output", required = true, description = "PNG file to write.")
    Path output;

    @Option(names = "--labels", split = ",", description = "A caption above each image, comma-separated, in the"
            + " images' order (e.g. blurred,deblurred,sharp).")
    List<String> labels;

    /** Height of the caption band. */
    private static final int CAPTION = 20;

    @Override
    public Integer call() throws IOException {
        List<ImageProcessor> planes = new ArrayList<>();
        for (Path p : images) {
            ImagePlus imp = ImageFiles.read(p);
            planes.add(imp.getProcessor().convertToFloat());
        }
        int w = planes.get(0).getWidth();
        int h = planes.get(0).getHeight();
        double min = planes.get(0).getStatistics().min;
        double max = planes.get(0).getStatistics().max;
        if (labels != null && labels.size() != planes.size()) {
            throw new IllegalArgumentException("--labels has " + labels.size() + " captions for " + planes.size()
                    + " images");
        }
        int top = labels == null ? 0 : CAPTION;
        ByteProcessor canvas = new ByteProcessor(planes.size() * (w + GAP) - GAP, h + top);
        canvas.setValue(255);
        canvas.fill();
        for (int i = 0; i < planes.size(); i++) {
            ImageProcessor plane = planes.get(i);
            if (plane.getWidth() != w || plane.getHeight() != h) {
                throw new IOException(images.get(i) + " is not " + w + "x" + h);
            }
            plane.setMinAndMax(min, max);
            canvas.insert(plane.convertToByte(true), i * (w + GAP), top);
            if (labels != null) {
                canvas.setColor(0);
                canvas.setAntialiasedText(true);
                canvas.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 14));
                canvas.drawString(labels.get(i).trim(), i * (w + GAP) + 4, CAPTION - 4);
            }
        }
        io.github.biattention.deblur.files.AtomicFiles.write(output, true, tmp -> {
            if (!new FileSaver(new ImagePlus("compare", canvas)).saveAsPng(tmp.toString())) {
                throw new IOException("Cannot write " + output);
            }
        });
        return 0;
    }
}
