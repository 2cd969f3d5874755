package io.github.biattention.deblur.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.biattention.deblur.files.TiffOutput;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeblurringTest {

    private static final FileDeblurring.Listener IGNORE = new FileDeblurring.Listener() {
        @Override
        public void done(FileDeblurring.Job job, ImagePlus input, double seconds) {}

        @Override
        public void failed(FileDeblurring.Job job, String message) {}
    };

    @Test
    void cancelStopsWithinOneTileAndLeavesNoPartialFile(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (String name : List.of("a.tif", "b.tif")) {
            new FileSaver(new ImagePlus(name, new FloatProcessor(300, 300))).saveAsTiff(in.resolve(name).toString());
        }
        Path out = dir.resolve("out");
        List<FileDeblurring.Job> jobs = FileDeblurring.plan(in, out, false, "--overwrite");
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger tilesDone = new AtomicInteger();
        ProgressListener progress = (done, total, message) -> tilesDone.set(done);
        DeblurSettings settings = DeblurSettings.builder().tileSize(128).overlap(16).build();
        try (DeblurModel model = ModelFiles.load("general", Device.cpu())) {
            // Cancelled during the first image: after its second tile.
            assertThrows(CancellationException.class, () -> FileDeblurring.run(jobs, model, settings, false,
                    IGNORE, progress, () -> polls.incrementAndGet() > 3));
        }
        assertTrue(tilesDone.get() <= 2, "stopped within one tile, after " + tilesDone.get() + " tiles");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.collect(Collectors.toList()), "no output and no partial file");
        }
    }

    @Test
    void anOutputThatAppearsDuringTheWorkIsNeverReplaced(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out.tif");
        List<FileDeblurring.Job> jobs = FileDeblurring.plan(writeInput(dir), target, false, "--overwrite");
        assertTrue(!Files.exists(target), "planning leaves nothing behind");
        // Another run writes the same output while this one is writing its temporary file.
        TiffOutput.Streams rival = tmp -> {
            Files.writeString(target, "the other run's result");
            return Files.newOutputStream(tmp);
        };
        ImagePlus image = new ImagePlus("r", new FloatProcessor(5, 4));
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> TiffOutput.write(image, jobs.get(0).output, rival, false));
        assertTrue(e.getMessage().contains("appeared while this image was deblurred"), e.getMessage());
        assertEquals("the other run's result", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        }
    }

    private static Path writeInput(Path dir) {
        Path in = dir.resolve("in.tif");
        new FileSaver(new ImagePlus("in", new FloatProcessor(6, 5))).saveAsTiff(in.toString());
        return in;
    }
}
