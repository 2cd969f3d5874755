package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.model.ModelMetadata;
import org.junit.jupiter.api.Test;

class DeblurSettingsTest {

    @Test
    void defaults() {
        DeblurSettings s = DeblurSettings.defaults();
        assertEquals(256, s.tileSize());
        assertEquals(32, s.overlap());
        assertFalse(s.lowPercentile().isPresent());
        assertFalse(s.highPercentile().isPresent());
        assertEquals(DeviceChoice.AUTO, s.device());
        assertFalse(s.perPlaneNormalization());
        assertEquals(s, DeblurSettings.builder().build());
    }

    @Test
    void percentilesComeFromTheModelUnlessSet() {
        ModelMetadata metadata = new ModelMetadata();
        metadata.normalization.lowPercentile = 2;
        metadata.normalization.highPercentile = 99;
        assertArrayEquals(new double[] {2, 99}, DeblurSettings.defaults().percentilesFor(metadata));
        DeblurSettings low = DeblurSettings.builder().lowPercentile(0.5).build();
        assertArrayEquals(new double[] {0.5, 99}, low.percentilesFor(metadata));
        DeblurSettings both = low.toBuilder().highPercentile(99.9).build();
        assertArrayEquals(new double[] {0.5, 99.9}, both.percentilesFor(metadata));
        assertArrayEquals(new double[] {2, 99}, both.toBuilder().modelPercentiles().build().percentilesFor(metadata));
        // Only one set, and it does not fit the model's other one.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeblurSettings.builder().lowPercentile(99.5).build().percentilesFor(metadata));
        assertTrue(e.getMessage().contains("model's defaults"), e.getMessage());
    }

    @Test
    void toBuilderKeepsEverything() {
        DeblurSettings s = DeblurSettings.builder().tileSize(128).overlap(16).lowPercentile(3).highPercentile(97)
                .device(DeviceChoice.GPU).perPlaneNormalization(true).build();
        assertEquals(s, s.toBuilder().build());
        assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
        assertNotEquals(s, s.toBuilder().overlap(17).build());
        assertTrue(s.toString().contains("tileSize=128"), s.toString());
    }

    @Test
    void buildRejectsInvalidValuesWithClearMessages() {
        assertMessage("Tile size must be between 16 and 4096 pixels, got 8",
                DeblurSettings.builder().tileSize(8));
        assertMessage("Tile size must be between 16 and 4096 pixels, got 5000",
                DeblurSettings.builder().tileSize(5000));
        assertMessage("Tile overlap must be >= 0 pixels, got -1", DeblurSettings.builder().overlap(-1));
        assertMessage("Tile overlap must be less than half the tile size (64), got 32",
                DeblurSettings.builder().tileSize(64).overlap(32));
        assertMessage("Low percentile must be between 0 and 100, got -1.0",
                DeblurSettings.builder().lowPercentile(-1));
        assertMessage("High percentile must be between 0 and 100, got NaN",
                DeblurSettings.builder().highPercentile(Double.NaN));
        assertMessage("Percentiles must satisfy 0 <= low < high <= 100, got low 50.0 and high 50.0",
                DeblurSettings.builder().lowPercentile(50).highPercentile(50));
        assertThrows(NullPointerException.class, () -> DeblurSettings.builder().device(null));
    }

    private static void assertMessage(String expected, DeblurSettings.Builder builder) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, builder::build).getMessage());
    }
}
