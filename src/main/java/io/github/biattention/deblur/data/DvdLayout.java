package io.github.biattention.deblur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The DVD data set (Su et al. 2017, "Deep Video Deblurring for Hand-held Cameras") as distributed in
 * {@code DeepVideoDeblurring_Dataset.zip}: {@code quantitative_datasets/<sequence>/{input,GT}/<frame>.jpg}. The root
 * may be the folder holding {@code quantitative_datasets} or that folder itself. Pairs are named
 * {@code sequence/frame}.
 *
 * <p>The data set has no split folders: the test split is the {@link #TEST_SEQUENCES ten videos} the authors held
 * out (and later papers evaluate on), the training split every other sequence.
 */
public final class DvdLayout implements PairSource {

    /** The folder of the data set that the root may hold. */
    public static final String FOLDER = "quantitative_datasets";

    /** The ten test videos of Su et al. */
    public static final Set<String> TEST_SEQUENCES = Set.of("720p_240fps_2", "IMG_0003", "IMG_0021", "IMG_0030",
            "IMG_0031", "IMG_0032", "IMG_0033", "IMG_0037", "IMG_0039", "IMG_0049");

    private final Path root;
    private final Split split;

    /** @param root the folder holding {@code quantitative_datasets}, or that folder itself */
    public DvdLayout(Path root, Split split) {
        this.root = Objects.requireNonNull(root, "root");
        this.split = Objects.requireNonNull(split, "split");
    }

    /** {@code root/quantitative_datasets} when it exists, else {@code root}. */
    static Path base(Path root) throws IOException {
        Optional<Path> nested = Files.isDirectory(root) ? Folders.child(root, FOLDER) : Optional.empty();
        return nested.orElse(root);
    }

    @Override
    public PairListing list() throws IOException {
        Folders.requireFolder(root, "DVD folder");
        Path base = base(root);
        List<Path> sequences = new ArrayList<>();
        for (Path sequence : Folders.subfolders(base)) {
            boolean test = TEST_SEQUENCES.contains(sequence.getFileName().toString());
            if (split == Split.ALL || test == (split == Split.TEST)) {
                sequences.add(sequence);
            }
        }
        if (sequences.isEmpty()) {
            throw new IOException("No " + (split == Split.ALL ? "" : split.label() + " ") + "sequences in " + base
                    + (split == Split.TEST ? " (the DVD test videos are " + new TreeSet<>(TEST_SEQUENCES) + ")" : ""));
        }
        List<ImagePair> pairs = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (Path sequence : sequences) {
            String name = sequence.getFileName().toString();
            Path blurred = Folders.child(sequence, "input").orElseThrow(() -> new IOException(
                    "DVD sequence " + name + " has no input folder (in " + sequence + ")"));
            Path sharp = Folders.child(sequence, "GT").orElseThrow(() -> new IOException(
                    "DVD sequence " + name + " has no GT folder (in " + sequence + ")"));
            Folders.match(blurred, sharp, name + "/", pairs, unmatched);
        }
        return Folders.listing(pairs, unmatched, description());
    }

    @Override
    public String description() {
        return "DVD " + split.label() + " in " + root;
    }
}
