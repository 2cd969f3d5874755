package io.github.biattention.deblur.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The pairs a {@link PairSource} found, with the files it skipped because the other folder has no image of the same
 * base name. Immutable.
 */
public final class PairListing {

    /** How many unmatched names a message lists before "...". */
    static final int NAMES_SHOWN = 5;

    private final List<ImagePair> pairs;
    private final List<String> unmatched;

    /**
     * @param pairs the pairs, in order
     * @param unmatched the skipped files, as paths relative to the listed folder or data set (e.g.
     *     {@code GOPR0384_11_00/blur/000009.png})
     */
    public PairListing(List<ImagePair> pairs, List<String> unmatched) {
        this.pairs = Collections.unmodifiableList(new ArrayList<>(pairs));
        this.unmatched = Collections.unmodifiableList(new ArrayList<>(unmatched));
    }

    public List<ImagePair> pairs() {
        return pairs;
    }

    /** Files without a partner, relative paths; empty when every file was paired. */
    public List<String> unmatched() {
        return unmatched;
    }

    /** The first {@code limit} pairs (all of them for {@code limit <= 0} or beyond the count), same unmatched files. */
    public PairListing limit(int limit) {
        return limit <= 0 || limit >= pairs.size() ? this : new PairListing(pairs.subList(0, limit), unmatched);
    }

    /**
     * A one-line warning about the unmatched files naming the first few, e.g. "2 files without a partner were
     * skipped: blur/c.png, sharp/d.tif"; empty when there are none.
     */
    public String unmatchedWarning() {
        if (unmatched.isEmpty()) {
            return "";
        }
        return unmatched.size() + (unmatched.size() == 1 ? " file" : " files") + " without a partner "
                + (unmatched.size() == 1 ? "was" : "were") + " skipped: " + someNames(unmatched);
    }

    /** Up to {@link #NAMES_SHOWN} names joined by commas, then "..." with the count of the others. */
    static String someNames(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        return names.size() > NAMES_SHOWN ? shown + ", ... (" + (names.size() - NAMES_SHOWN) + " more)" : shown;
    }
}
