package io.github.biattention.deblur.inference;

import io.github.biattention.deblur.model.DeblurModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the engine's tests: the usual random-weights model ({@link TestImages#loadRandomModel}) loaded once
 * per test class, with PyTorch on one intra-op thread ({@link TestImages#useOneThread}); afterwards the model is
 * closed, its file deleted and the thread count restored. Register it as a static field:
 * {@code @RegisterExtension static final OneThreadRandomModel MODEL = new OneThreadRandomModel();}
 */
final class OneThreadRandomModel implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private DeblurModel model;
    private int threads;

    /** The loaded model (between the class's first and last test). */
    DeblurModel get() {
        return model;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        threads = TestImages.useOneThread();
        dir = Files.createTempDirectory("random-model");
        model = TestImages.loadRandomModel(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        model.close();
        TestImages.restoreThreads(threads);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
