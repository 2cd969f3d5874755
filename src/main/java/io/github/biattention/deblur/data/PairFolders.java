package io.github.biattention.deblur.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pairs from two folders: each blurred image with the sharp image of the same base name (the extensions may differ,
 * e.g. {@code a.png} and {@code a.tif}). Sub-folders are not searched. A pair is named by the blurred file's name.
 */
public final class PairFolders implements PairSource {

    private final Path blurred;
    private final Path sharp;

    /** @throws NullPointerException if a folder is null (whether they exist is checked by {@link #list()}) */
    public PairFolders(Path blurred, Path sharp) {
        this.blurred = Objects.requireNonNull(blurred, "blurred");
        this.sharp = Objects.requireNonNull(sharp, "sharp");
    }

    @Override
    public PairListing list() throws IOException {
        Folders.requireFolder(blurred, "folder of blurred images");
        Folders.requireFolder(sharp, "folder of sharp images");
        List<ImagePair> pairs = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        Folders.match(blurred, sharp, "", pairs, unmatched);
        return Folders.listing(pairs, unmatched, blurred + " and " + sharp);
    }

    @Override
    public String description() {
        return "pairs of " + blurred + " and " + sharp;
    }
}
