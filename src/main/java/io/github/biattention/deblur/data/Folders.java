package io.github.biattention.deblur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** File-system helpers shared by the pair sources: image files, sub-folders, matching by base name. */
final class Folders {

    /** Extensions of image files (any case); everything else in a folder is ignored. */
    static final List<String> IMAGE_EXTENSIONS = List.of("png", "tif", "tiff", "jpg", "jpeg", "bmp", "gif");

    private Folders() {}

    /** @throws IOException when {@code dir} is missing or not a folder, naming {@code what} it should be */
    static void requireFolder(Path dir, String what) throws IOException {
        if (!Files.exists(dir)) {
            throw new IOException("The " + what + " " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("The " + what + " " + dir + " is not a folder");
        }
    }

    /** The visible sub-folders of {@code dir}, sorted by name. */
    static List<Path> subfolders(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Files.isDirectory(p) && !hidden(p)).sorted().collect(Collectors.toList());
        }
    }

    /** The sub-folder of {@code dir} with one of {@code names}, compared ignoring case; first name first. */
    static Optional<Path> child(Path dir, String... names) throws IOException {
        List<Path> folders = subfolders(dir);
        for (String name : names) {
            for (Path folder : folders) {
                if (folder.getFileName().toString().equalsIgnoreCase(name)) {
                    return Optional.of(folder);
                }
            }
        }
        return Optional.empty();
    }

    /** Names of the visible entries of {@code dir}, sorted, for "found: ..." in messages. */
    static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !hidden(p)).map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * The image files of {@code dir} (not recursive, hidden files ignored) by base name.
     *
     * @throws IOException when two images share a base name (e.g. a.png and a.tif), which would make pairing
     *     ambiguous
     */
    static Map<String, Path> imagesByBaseName(Path dir) throws IOException {
        Map<String, Path> images = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> Files.isRegularFile(p) && !hidden(p) && isImage(p)).sorted()
                    .collect(Collectors.toList());
        }
        for (Path file : files) {
            Path other = images.put(baseName(file), file);
            if (other != null) {
                throw new IOException("Two images with the base name '" + baseName(file) + "' in " + dir + ": "
                        + other.getFileName() + " and " + file.getFileName());
            }
        }
        return images;
    }

    /**
     * Pairs the images of two folders by base name (any image extension on either side), adding pairs named
     * {@code prefix + blurred file name} to {@code pairs} and the files without a partner, as
     * {@code prefix + folder name/file name}, to {@code unmatched}.
     */
    static void match(Path blurredDir, Path sharpDir, String prefix, List<ImagePair> pairs, List<String> unmatched)
            throws IOException {
        Map<String, Path> blurred = imagesByBaseName(blurredDir);
        Map<String, Path> sharp = imagesByBaseName(sharpDir);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Path> entry : blurred.entrySet()) {
            Path partner = sharp.get(entry.getKey());
            if (partner == null) {
                missing.add(prefix + blurredDir.getFileName() + "/" + entry.getValue().getFileName());
            } else {
                pairs.add(new ImagePair(prefix + entry.getValue().getFileName(), entry.getValue(), partner));
            }
        }
        for (Map.Entry<String, Path> entry : sharp.entrySet()) {
            if (!blurred.containsKey(entry.getKey())) {
                missing.add(prefix + sharpDir.getFileName() + "/" + entry.getValue().getFileName());
            }
        }
        unmatched.addAll(missing);
    }

    /** @throws IOException when nothing was paired, with a few of the unmatched names when there are some */
    static PairListing listing(List<ImagePair> pairs, List<String> unmatched, String where) throws IOException {
        if (pairs.isEmpty()) {
            throw new IOException(unmatched.isEmpty() ? "No images (" + String.join(", ", IMAGE_EXTENSIONS)
                    + ") in " + where : "No image pairs in " + where + ": no file has a partner of the same name,"
                    + " e.g. " + PairListing.someNames(unmatched));
        }
        return new PairListing(pairs, unmatched);
    }

    static boolean isImage(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static String baseName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
