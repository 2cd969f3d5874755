package io.github.biattention.deblur.files;

import java.io.IOException;
import java.nio.file.Path;

/** Hostile non-TIFF files of {@link ImageFilesTest}, for other packages' tests. */
public final class ImageFilesTestFiles {

    private ImageFilesTestFiles() {}

    public static Path png(Path file, int width, int height) throws IOException {
        return ImageFilesTest.png(file, width, height);
    }

    public static Path cmykJpeg(Path file) throws IOException {
        return ImageFilesTest.cmykJpeg(file);
    }
}
