package io.github.biattention.deblur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The GOPRO data set (Nah et al. 2017) as distributed in {@code GOPRO_Large.zip}:
 * {@code GOPRO_Large/{train,test}/<sequence>/{blur,blur_gamma,sharp}/<frame>.png}. The root may be the folder
 * holding {@code GOPRO_Large} or {@code GOPRO_Large} itself. Pairs are named {@code sequence/frame}, e.g.
 * {@code GOPR0384_11_00/000001.png}; the test split has 1111 pairs in 11 sequences.
 *
 * <p>{@code blur} is the average of sharp frames in linear intensity (gamma-corrected before averaging), the usual
 * choice in deblurring papers; {@code blur_gamma} averages the gamma-encoded frames directly.
 */
public final class GoproLayout implements PairSource {

    /** The folder of the data set that {@link #base} looks for under the root. */
    public static final String FOLDER = "GOPRO_Large";

    private final Path root;
    private final Split split;
    private final boolean gamma;

    /**
     * @param root the folder holding {@code GOPRO_Large}, or {@code GOPRO_Large} itself (holding train and test)
     * @param gamma read {@code blur_gamma} instead of {@code blur}
     */
    public GoproLayout(Path root, Split split, boolean gamma) {
        this.root = Objects.requireNonNull(root, "root");
        this.split = Objects.requireNonNull(split, "split");
        this.gamma = gamma;
    }

    /** {@code root/GOPRO_Large} when it exists, else {@code root}. */
    static Path base(Path root) throws IOException {
        Optional<Path> nested = Files.isDirectory(root) ? Folders.child(root, FOLDER) : Optional.empty();
        return nested.orElse(root);
    }

    @Override
    public PairListing list() throws IOException {
        Folders.requireFolder(root, "GOPRO folder");
        Path base = base(root);
        String blurName = gamma ? "blur_gamma" : "blur";
        List<ImagePair> pairs = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (String part : split == Split.ALL ? List.of("train", "test") : List.of(split.label())) {
            Path dir = Folders.child(base, part).orElseThrow(() -> new IOException("No " + part + " folder in "
                    + base + " (GOPRO_Large holds train/ and test/); found: " + found(base)));
            List<Path> sequences = Folders.subfolders(dir);
            if (sequences.isEmpty()) {
                throw new IOException("No sequence folders in " + dir);
            }
            for (Path sequence : sequences) {
                String name = sequence.getFileName().toString();
                Path blurred = Folders.child(sequence, blurName).orElseThrow(() -> new IOException(
                        "GOPRO sequence " + name + " has no " + blurName + " folder (in " + sequence + ")"));
                Path sharp = Folders.child(sequence, "sharp").orElseThrow(() -> new IOException(
                        "GOPRO sequence " + name + " has no sharp folder (in " + sequence + ")"));
                Folders.match(blurred, sharp, name + "/", pairs, unmatched);
            }
        }
        return Folders.listing(pairs, unmatched, description());
    }

    private static String found(Path dir) {
        try {
            List<String> entries = Folders.entries(dir);
            return entries.isEmpty() ? "nothing" : PairListing.someNames(entries);
        } catch (IOException e) {
            return "(cannot list: " + e.getMessage() + ")";
        }
    }

    @Override
    public String description() {
        return "GOPRO " + split.label() + " (" + (gamma ? "blur_gamma" : "blur") + ") in " + root;
    }
}
