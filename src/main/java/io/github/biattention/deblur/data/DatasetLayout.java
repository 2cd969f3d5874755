package io.github.biattention.deblur.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a folder of pairs is organised, and the factory of the matching {@link PairSource}: two folders matched by
 * name, GOPRO, DVD, or {@link #AUTO} to {@link #detect} one of these from a root folder.
 */
public enum DatasetLayout {
    /** Two folders, blurred and sharp, matched by base name ({@link PairFolders}). */
    FOLDERS,
    /** {@code GOPRO_Large/{train,test}/<sequence>/{blur,blur_gamma,sharp}} ({@link GoproLayout}). */
    GOPRO,
    /** {@code quantitative_datasets/<sequence>/{input,GT}} ({@link DvdLayout}). */
    DVD,
    /** Whichever of the others the root folder looks like. */
    AUTO;

    /** Sub-folder names recognised as blurred and sharp halves of a root for {@link #FOLDERS}, in order. */
    static final String[] BLURRED_NAMES = {"blur", "blurred", "input"};
    static final String[] SHARP_NAMES = {"sharp", "gt", "target"};

    /**
     * @param name "folders", "gopro", "dvd" or "auto", any case
     * @throws IllegalArgumentException for anything else, listing the choices
     */
    public static DatasetLayout parse(String name) {
        for (DatasetLayout layout : values()) {
            if (layout.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return layout;
            }
        }
        throw new IllegalArgumentException("Unknown layout '" + name + "': use folders, gopro, dvd or auto");
    }

    /** "folders", "gopro", "dvd" or "auto". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Recognises a root folder, looking in this order for: {@code GOPRO_Large/}, {@code quantitative_datasets/},
     * {@code train/} or {@code test/} holding sequences with {@code sharp/} (GOPRO_Large itself), sequences with
     * {@code input/} and {@code GT/} (quantitative_datasets itself), and a blurred folder ({@code blur},
     * {@code blurred} or {@code input}) beside a sharp one ({@code sharp}, {@code GT} or {@code target}).
     *
     * @return {@link #GOPRO}, {@link #DVD} or {@link #FOLDERS}, never {@link #AUTO}
     * @throws IOException when the root is missing or none of these fits (naming what was looked for and found)
     */
    public static DatasetLayout detect(Path root) throws IOException {
        Folders.requireFolder(root, "data set folder");
        if (Folders.child(root, GoproLayout.FOLDER).isPresent()) {
            return GOPRO;
        }
        if (Folders.child(root, DvdLayout.FOLDER).isPresent()) {
            return DVD;
        }
        for (String part : List.of("test", "train")) {
            Optional<Path> split = Folders.child(root, part);
            if (split.isPresent() && hasSequenceWith(split.get(), "sharp")) {
                return GOPRO;
            }
        }
        if (hasSequenceWith(root, "input") && hasSequenceWith(root, "GT")) {
            return DVD;
        }
        if (Folders.child(root, BLURRED_NAMES).isPresent() && Folders.child(root, SHARP_NAMES).isPresent()) {
            return FOLDERS;
        }
        List<String> entries = Folders.entries(root);
        throw new IOException("Cannot tell the layout of " + root + ": expected GOPRO_Large/ or"
                + " train|test/<sequence>/{blur,sharp} (GOPRO), quantitative_datasets/<sequence>/{input,GT} (DVD), or"
                + " blur/ and sharp/ folders; found " + (entries.isEmpty() ? "nothing" : PairListing.someNames(entries)));
    }

    private static boolean hasSequenceWith(Path dir, String folder) throws IOException {
        for (Path sequence : Folders.subfolders(dir)) {
            if (Folders.child(sequence, folder).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pair source for this layout.
     *
     * @param root the blurred folder for {@link #FOLDERS} with a {@code sharp} folder, else the data set root (for
     *     {@link #FOLDERS} without {@code sharp}: the folder holding blur/ and sharp/)
     * @param sharp the sharp folder for {@link #FOLDERS} (and {@link #AUTO}, which then means two folders), or null;
     *     ignored by GOPRO and DVD, which find the sharp images themselves
     * @param split GOPRO or DVD split (not used for folders)
     * @param gamma GOPRO's blur_gamma instead of blur (not used otherwise)
     * @throws IOException when {@link #AUTO} cannot detect the layout, or a root without {@code sharp} has no
     *     blurred and sharp sub-folders
     */
    public PairSource open(Path root, Path sharp, Split split, boolean gamma) throws IOException {
        DatasetLayout layout = this == AUTO && sharp != null ? FOLDERS : this;
        switch (layout == AUTO ? detect(root) : layout) {
            case GOPRO:
                return new GoproLayout(root, split, gamma);
            case DVD:
                return new DvdLayout(root, split);
            default:
                if (sharp != null) {
                    return new PairFolders(root, sharp);
                }
                Folders.requireFolder(root, "data set folder");
                Optional<Path> blurred = Folders.child(root, BLURRED_NAMES);
                Optional<Path> truth = Folders.child(root, SHARP_NAMES);
                if (blurred.isEmpty() || truth.isEmpty()) {
                    throw new IOException("Give a folder of sharp images, or a folder holding blur/ and sharp/;"
                            + " " + root + " has no " + (blurred.isEmpty() ? "blur" : "sharp") + " folder");
                }
                return new PairFolders(blurred.get(), truth.get());
        }
    }
}
