package io.github.biattention.deblur.fiji;

import ij.ImagePlus;
import io.github.biattention.deblur.files.ImageFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Deblurring > Open Deblurring Sample: one of the bundled blurred images (and, if asked, its sharp
 * original), to try the deblur commands on at once. The widefield sample keeps its calibration (65 nm pixels), so
 * the optics-aware step needs only the objective: NA 1.4, 520 nm, oil.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Open Deblurring Sample", headless = true)
public final class OpenSampleCommand extends ContextCommand {

    static final String PHOTOGRAPH = "photograph (camera shake; model general)";
    static final String WIDEFIELD = "widefield fluorescence (NA 1.4 oil, 520 nm; model widefield)";

    @Parameter(label = "Sample", choices = {PHOTOGRAPH, WIDEFIELD}, persist = false)
    private String sample = PHOTOGRAPH;

    @Parameter(label = "Also open the sharp original", persist = false)
    private boolean sharp;

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus blurred;

    @Parameter(type = ItemIO.OUTPUT, required = false)
    private ImagePlus original;

    @Override
    public void run() {
        boolean widefield = WIDEFIELD.equals(sample);
        try {
            blurred = open(widefield ? "sample-widefield.tif" : "sample-blurred.png");
            original = sharp ? open(widefield ? "sample-widefield-sharp.tif" : "sample-sharp.png") : null;
        } catch (IOException e) {
            cancel("Cannot open the bundled sample: " + e.getMessage());
        }
    }

    /** A bundled sample, read by ImageJ from a temporary copy (it reads files, not class-path streams). */
    private static ImagePlus open(String name) throws IOException {
        String suffix = name.substring(name.lastIndexOf('.'));
        Path copy = Files.createTempFile("deblur-sample-", suffix);
        try (InputStream in = OpenSampleCommand.class.getResourceAsStream(
                "/io/github/biattention/deblur/samples/" + name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the plugin's jar");
            }
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            ImagePlus image = ImageFiles.read(copy);
            image.setTitle(name);
            return image;
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
