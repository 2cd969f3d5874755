package io.github.biattention.deblur.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A blurred image and its sharp ground truth, under the name the results report it by (for a data set,
 * {@code sequence/frame}, e.g. {@code GOPR0384_11_00/000001.png}). Immutable; the files are not checked here.
 */
public final class ImagePair {

    private final String name;
    private final Path blurred;
    private final Path sharp;

    /** @throws NullPointerException if an argument is null */
    public ImagePair(String name, Path blurred, Path sharp) {
        this.name = Objects.requireNonNull(name, "name");
        this.blurred = Objects.requireNonNull(blurred, "blurred");
        this.sharp = Objects.requireNonNull(sharp, "sharp");
    }

    public String name() {
        return name;
    }

    public Path blurred() {
        return blurred;
    }

    public Path sharp() {
        return sharp;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ImagePair)) {
            return false;
        }
        ImagePair other = (ImagePair) o;
        return name.equals(other.name) && blurred.equals(other.blurred) && sharp.equals(other.sharp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, blurred, sharp);
    }

    @Override
    public String toString() {
        return name + " (" + blurred + " vs " + sharp + ")";
    }
}
