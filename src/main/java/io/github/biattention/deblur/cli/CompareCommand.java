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
        ByteProcessor canvas = new ByteProcessor(planes.size() * (w + GAP) - GAP, h);
        canvas.setValue(255);
        canvas.fill();
        for (int i = 0; i < planes.size(); i++) {
            ImageProcessor plane = planes.get(i);
            if (plane.getWidth() != w || plane.getHeight() != h) {
                throw new IOException(images.get(i) + " is not " + w + "x" + h);
            }
            plane.setMinAndMax(min, max);
            canvas.insert(plane.convertToByte(true), i * (w + GAP), 0);
        }
        if (!new FileSaver(new ImagePlus("compare", canvas)).saveAsPng(output.toString())) {
            throw new IOException("Cannot write " + output);
        }
        return 0;
    }
}
