package io.github.biattention.deblur.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.DatasetLayout;
import io.github.biattention.deblur.data.DvdLayout;
import io.github.biattention.deblur.data.GoproLayout;
import io.github.biattention.deblur.data.ImagePair;
import io.github.biattention.deblur.data.PairFolders;
import io.github.biattention.deblur.data.PairListing;
import io.github.biattention.deblur.data.PairSource;
import io.github.biattention.deblur.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing pairs from folders and fake GOPRO and DVD trees (empty files: nothing is read here). */
class PairSourcesTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]);
    }

    private static List<String> names(PairListing listing) {
        return listing.pairs().stream().map(ImagePair::name).collect(Collectors.toList());
    }

    @Test
    void foldersArePairedByBaseNameWhateverTheExtension() throws IOException {
        touch("b/a.png");
        touch("b/b.tif");
        touch("b/c.png");
        touch("b/notes.txt");
        touch("s/a.tif");
        touch("s/b.tif");
        touch("s/d.jpg");
        PairListing listing = new PairFolders(dir.resolve("b"), dir.resolve("s")).list();
        assertEquals(List.of("a.png", "b.tif"), names(listing));
        assertEquals(dir.resolve("s/a.tif"), listing.pairs().get(0).sharp());
        assertEquals(List.of("b/c.png", "s/d.jpg"), listing.unmatched());
        assertEquals("2 files without a partner were skipped: b/c.png, s/d.jpg", listing.unmatchedWarning());
        assertEquals(List.of("a.png"), names(listing.limit(1)));
        assertEquals(2, listing.limit(0).pairs().size());
    }

    @Test
    void foldersWithoutPairsMissingOrAmbiguousFailClearly() throws IOException {
        touch("b/x.png");
        touch("s/y.png");
        IOException none = assertThrows(IOException.class,
                () -> new PairFolders(dir.resolve("b"), dir.resolve("s")).list());
        assertTrue(none.getMessage().contains("no file has a partner") && none.getMessage().contains("b/x.png"),
                none.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> new PairFolders(dir.resolve("b"), dir.resolve("nope")).list());
        assertTrue(missing.getMessage().contains("folder of sharp images") && missing.getMessage().contains("nope"),
                missing.getMessage());
        Files.createDirectories(dir.resolve("e1"));
        Files.createDirectories(dir.resolve("e2"));
        IOException empty = assertThrows(IOException.class,
                () -> new PairFolders(dir.resolve("e1"), dir.resolve("e2")).list());
        assertTrue(empty.getMessage().startsWith("No images"), empty.getMessage());
        touch("b/x.tif");
        IOException twice = assertThrows(IOException.class,
                () -> new PairFolders(dir.resolve("b"), dir.resolve("s")).list());
        assertTrue(twice.getMessage().contains("'x'"), twice.getMessage());
    }

    /** GOPRO_Large with two sequences in each split, three frames each, blur, blur_gamma and sharp. */
    private Path goproTree() throws IOException {
        for (String split : List.of("train", "test")) {
            for (String sequence : split.equals("test") ? List.of("GOPR0384_11_00", "GOPR0410_11_00")
                    : List.of("GOPR0372_07_00", "GOPR0374_11_00")) {
                for (int frame = 1; frame <= 3; frame++) {
                    String name = String.format("%06d.png", frame);
                    for (String kind : List.of("blur", "blur_gamma", "sharp")) {
                        touch("data/GOPRO_Large/" + split + "/" + sequence + "/" + kind + "/" + name);
                    }
                }
            }
        }
        return dir.resolve("data");
    }

    @Test
    void goproPairsTheChosenSplitAndBlur() throws IOException {
        Path root = goproTree();
        PairListing test = new GoproLayout(root, Split.TEST, false).list();
        assertEquals(List.of("GOPR0384_11_00/000001.png", "GOPR0384_11_00/000002.png", "GOPR0384_11_00/000003.png",
                "GOPR0410_11_00/000001.png", "GOPR0410_11_00/000002.png", "GOPR0410_11_00/000003.png"), names(test));
        ImagePair first = test.pairs().get(0);
        Path sequence = root.resolve("GOPRO_Large/test/GOPR0384_11_00");
        assertEquals(sequence.resolve("blur/000001.png"), first.blurred());
        assertEquals(sequence.resolve("sharp/000001.png"), first.sharp());
        assertTrue(test.unmatched().isEmpty());

        PairListing gamma = new GoproLayout(root.resolve("GOPRO_Large"), Split.TEST, true).list();
        assertEquals(names(test), names(gamma), "GOPRO_Large itself is a root too");
        assertEquals(sequence.resolve("blur_gamma/000001.png"), gamma.pairs().get(0).blurred());

        PairListing train = new GoproLayout(root, Split.TRAIN, false).list();
        assertEquals(6, train.pairs().size());
        assertTrue(names(train).stream().allMatch(n -> n.startsWith("GOPR0372_07_00/")
                || n.startsWith("GOPR0374_11_00/")), names(train).toString());
        assertEquals(12, new GoproLayout(root, Split.ALL, false).list().pairs().size());
    }

    @Test
    void goproReportsMissingFoldersAndUnpairedFrames() throws IOException {
        Path root = goproTree();
        touch("data/GOPRO_Large/test/GOPR0410_11_00/blur/000004.png");
        PairListing listing = new GoproLayout(root, Split.TEST, false).list();
        assertEquals(List.of("GOPR0410_11_00/blur/000004.png"), listing.unmatched());

        Files.createDirectories(root.resolve("GOPRO_Large/test/GOPR9999_00_00/sharp"));
        IOException noBlur = assertThrows(IOException.class, () -> new GoproLayout(root, Split.TEST, true).list());
        assertTrue(noBlur.getMessage().contains("GOPR9999_00_00 has no blur_gamma folder"), noBlur.getMessage());

        Files.createDirectories(dir.resolve("other/train"));
        IOException noTest = assertThrows(IOException.class,
                () -> new GoproLayout(dir.resolve("other"), Split.TEST, false).list());
        assertTrue(noTest.getMessage().contains("No test folder") && noTest.getMessage().contains("found: train"),
                noTest.getMessage());
    }

    /** quantitative_datasets with a test video (IMG_0003), a training video and a JPEG frame pair each. */
    private Path dvdTree() throws IOException {
        for (String sequence : List.of("IMG_0003", "IMG_0100")) {
            for (String frame : List.of("00000.jpg", "00001.jpg")) {
                touch("dvd/quantitative_datasets/" + sequence + "/input/" + frame);
                touch("dvd/quantitative_datasets/" + sequence + "/GT/" + frame);
            }
        }
        return dir.resolve("dvd");
    }

    @Test
    void dvdPairsInputWithGtAndSplitsByTheTestVideos() throws IOException {
        Path root = dvdTree();
        PairListing test = new DvdLayout(root, Split.TEST).list();
        assertEquals(List.of("IMG_0003/00000.jpg", "IMG_0003/00001.jpg"), names(test));
        assertEquals(root.resolve("quantitative_datasets/IMG_0003/GT/00000.jpg"), test.pairs().get(0).sharp());
        assertEquals(List.of("IMG_0100/00000.jpg", "IMG_0100/00001.jpg"),
                names(new DvdLayout(root.resolve("quantitative_datasets"), Split.TRAIN).list()));
        assertEquals(4, new DvdLayout(root, Split.ALL).list().pairs().size());

        Files.createDirectories(root.resolve("quantitative_datasets/IMG_0021/input"));
        IOException noGt = assertThrows(IOException.class, () -> new DvdLayout(root, Split.TEST).list());
        assertTrue(noGt.getMessage().contains("IMG_0021 has no GT folder"), noGt.getMessage());
    }

    @Test
    void layoutsAreDetectedFromTheRoot() throws IOException {
        Path gopro = goproTree();
        assertEquals(DatasetLayout.GOPRO, DatasetLayout.detect(gopro));
        assertEquals(DatasetLayout.GOPRO, DatasetLayout.detect(gopro.resolve("GOPRO_Large")));
        Path dvd = dvdTree();
        assertEquals(DatasetLayout.DVD, DatasetLayout.detect(dvd));
        assertEquals(DatasetLayout.DVD, DatasetLayout.detect(dvd.resolve("quantitative_datasets")));
        touch("plain/blur/a.png");
        touch("plain/sharp/a.png");
        assertEquals(DatasetLayout.FOLDERS, DatasetLayout.detect(dir.resolve("plain")));

        PairSource auto = DatasetLayout.AUTO.open(gopro, null, Split.TEST, true);
        assertTrue(auto instanceof GoproLayout && auto.description().contains("blur_gamma"), auto.description());
        assertEquals(List.of("a.png"), names(DatasetLayout.AUTO.open(dir.resolve("plain"), null, Split.TEST, false)
                .list()));
        assertEquals(DatasetLayout.GOPRO, DatasetLayout.parse(" GoPro "));
        assertThrows(IllegalArgumentException.class, () -> DatasetLayout.parse("kitti"));
        assertThrows(IllegalArgumentException.class, () -> Split.parse("val"));

        touch("unknown/readme.txt");
        IOException unknown = assertThrows(IOException.class, () -> DatasetLayout.detect(dir.resolve("unknown")));
        assertTrue(unknown.getMessage().contains("Cannot tell the layout") && unknown.getMessage()
                .contains("readme.txt"), unknown.getMessage());
    }
}
