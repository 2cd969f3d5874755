package io.github.biattention.deblur.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ShortProcessor;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.inference.RandomModels;
import io.github.biattention.deblur.inference.Region;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.network.NetworkConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDeblurringTest {

    @TempDir
    static Path dir;
    static DeblurModel model;

    static final DeblurSettings SETTINGS = DeblurSettings.builder().tileSize(64).overlap(16).build();

    @BeforeAll
    static void loadModel() throws Exception {
        Path file = dir.resolve("random.zip");
        // A model that changes the image a lot (gamma 0.5, full output scale), so that a seam would show.
        try (Model m = RandomModels.create(NetworkConfig.biAttention(1, 8, 1), 7, 0.5f, 1)) {
            RandomModels.save(m, "random", file);
        }
        model = ModelFiles.load(file.toString(), Device.cpu());
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    /** A 16-bit hyperstack of 2 channels x 2 slices with a calibration. */
    static ImagePlus hyperstack() {
        int w = 170;
        int h = 130;
        Random random = new Random(11);
        ImageStack stack = new ImageStack(w, h);
        for (int i = 0; i < 4; i++) {
            short[] pixels = new short[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 1000 + 800 * Math.sin(x / (5.0 + i)) * Math.cos(y / 7.0) + random.nextGaussian() * 40;
                    pixels[y * w + x] = (short) Math.max(0, Math.min(65535, v * (i + 1)));
                }
            }
            stack.addSlice("s" + i, new ShortProcessor(w, h, pixels, null));
        }
        ImagePlus image = new ImagePlus("cells.tif", stack);
        image.setDimensions(2, 2, 1);
        image.setOpenAsHyperStack(true);
        Calibration c = image.getCalibration();
        c.pixelWidth = 0.13;
        c.pixelHeight = 0.13;
        c.pixelDepth = 0.5;
        c.setUnit("um");
        return image;
    }

    @Test
    void blocksPutTogetherEqualTheWholeRunBitForBit() {
        ImagePlus input = hyperstack();
        for (boolean keepBitDepth : new boolean[] {false, true}) {
            ImagePlus whole = ImageDeblurring.deblur(input, model, SETTINGS, keepBitDepth, ProgressListener.NONE,
                    () -> false);
            BlockDeblurring.Plan plan = BlockDeblurring.plan(input, model, SETTINGS, 64);
            assertEquals(4, plan.planes());
            assertEquals(9, plan.blocks().size(), "3 x 3 blocks of at most 64 pixels");
            List<BlockDeblurring.Part> parts = new ArrayList<>();
            // In reverse order: the order the workers finish in must not matter.
            for (int p = plan.planes() - 1; p >= 0; p--) {
                for (Region block : plan.blocks()) {
                    parts.add(BlockDeblurring.deblurBlock(input, plan, p, block, model, SETTINGS, () -> false));
                }
            }
            ImagePlus assembled = BlockDeblurring.assemble(input, plan, parts, keepBitDepth);
            assertEquals(whole.getTitle(), assembled.getTitle());
            assertEquals(whole.getBitDepth(), assembled.getBitDepth());
            assertEquals(whole.getNChannels(), assembled.getNChannels());
            assertEquals(whole.getNSlices(), assembled.getNSlices());
            assertEquals(0.13, assembled.getCalibration().pixelWidth);
            assertEquals(whole.getCalibration().getUnit(), assembled.getCalibration().getUnit());
            for (int s = 1; s <= 4; s++) {
                Object want = whole.getStack().getPixels(s);
                Object got = assembled.getStack().getPixels(s);
                if (keepBitDepth) {
                    assertArrayEquals((short[]) want, (short[]) got, "slice " + s);
                } else {
                    assertArrayEquals((float[]) want, (float[]) got, "slice " + s);
                }
            }
            if (!keepBitDepth) {
                float[] in = (float[]) input.getStack().getProcessor(1).convertToFloat().getPixels();
                float[] out = (float[]) whole.getStack().getPixels(1);
                double diff = 0;
                for (int i = 0; i < in.length; i++) {
                    diff = Math.max(diff, Math.abs(in[i] - out[i]));
                }
                assertTrue(diff > 10, "the model changes the image (so a seam would show): " + diff);
            }
        }
    }

    @Test
    void aMissingOrRepeatedBlockAndTooSmallBlocksAreRefused() {
        ImagePlus input = hyperstack();
        BlockDeblurring.Plan plan = BlockDeblurring.plan(input, model, SETTINGS, 128);
        List<BlockDeblurring.Part> parts = new ArrayList<>();
        for (int p = 0; p < plan.planes(); p++) {
            for (Region block : plan.blocks()) {
                parts.add(new BlockDeblurring.Part(p, block, new float[block.width() * block.height()]));
            }
        }
        parts.remove(3);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> BlockDeblurring.assemble(input, plan, parts, false));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
        parts.add(parts.get(0));
        assertThrows(IllegalArgumentException.class, () -> BlockDeblurring.assemble(input, plan, parts, false));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> BlockDeblurring.plan(input, model, SETTINGS, 32));
        assertTrue(small.getMessage().contains("smaller than a tile"), small.getMessage());
    }
}
