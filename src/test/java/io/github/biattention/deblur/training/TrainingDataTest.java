package io.github.biattention.deblur.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.Degradation;
import io.github.biattention.deblur.data.DegradationSettings;
import io.github.biattention.deblur.data.PairSampler;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.TrainingPair;
import io.github.biattention.deblur.data.PairFolders;
import io.github.biattention.deblur.fiji.PairImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

    /** Resumed runs (tools/train-general.sh) depend on it: the default data is the photograph mix's degradation. */
    @Test
    void defaultDataDrawsTheSamePairsAsTheDegradationBefore() {
        TrainingSettings settings = TrainingSettings.builder().optPhotons(200, 5000)
                .setCheckpointDir(Path.of("ck")).setOutput(Path.of("m.zip")).build();
        Degradation before = new Degradation(new ProceduralImages(), DegradationSettings.photographMix().toBuilder()
                .photonsAtWhite(200, 5000).build().toBuilder().patchSize(48).build());
        PairSampler now = settings.data().training(48);
        for (long i = 0; i < 4; i++) {
            assertArrayEquals(before.sample(3, i).blurred().pixels(), now.sample(3, i).blurred().pixels());
            assertArrayEquals(before.sample(3, i).sharp().pixels(), now.sample(3, i).sharp().pixels());
        }
        assertTrue(settings.data().description().startsWith("procedural sharp images"));
    }

    @Test
    void everyFourthPairIsHeldOutForValidation(@TempDir Path dir) throws Exception {
        PairImages.procedural(dir.resolve("sharp"), dir.resolve("blur"), 4, 40, 1, 1, 300);
        TrainingData data = TrainingData.pairs(new PairFolders(dir.resolve("blur"), dir.resolve("sharp")));
        assertTrue(data.description().contains("3 real pairs") && data.description().contains("1 held-out"),
                data.description());
        List<TrainingPair> validation = data.validationSet(9, 3, 32);
        assertEquals(3, validation.size());
        assertEquals(32, validation.get(0).sharp().width());
        // Found by the folder holding blur/ and sharp/ too.
        TrainingData.choose(TrainingData.Kind.PAIRS, dir, null, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> TrainingData.Kind.parse("movie"));
    }
}
