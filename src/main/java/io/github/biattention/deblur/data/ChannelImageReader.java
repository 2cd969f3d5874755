package io.github.biattention.deblur.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads image files for an evaluation; the front ends implement it (with ImageJ, which this package must not use).
 */
@FunctionalInterface
public interface ChannelImageReader {

    /**
     * @return the file's single plane as grey or RGB channels with their data range
     * @throws IOException when the file cannot be read or is not a single grey or colour plane of a type with a
     *     known data range (naming the file and the reason)
     */
    ChannelImage read(Path file) throws IOException;
}
