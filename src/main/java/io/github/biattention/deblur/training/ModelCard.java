package io.github.biattention.deblur.training;

import io.github.biattention.deblur.files.AtomicFiles;
import io.github.biattention.deblur.model.ModelMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown card of a trained model, in the shape of the bundled models' cards: architecture, data, training,
 * validation figures, and the validation history of the run so far.
 */
final class ModelCard {

    private ModelCard() {}

    /** Writes the card atomically (temporary file, then rename), like the model file it describes. */
    static void write(Path file, ModelMetadata model, TrainingSettings settings, List<ValidationReport> history)
            throws IOException {
        String text = markdown(model, settings, history);
        AtomicFiles.write(file, true, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    static String markdown(ModelMetadata model, TrainingSettings settings, List<ValidationReport> history) {
        ModelMetadata.Architecture a = model.architecture;
        ModelMetadata.Training t = model.training;
        StringBuilder md = new StringBuilder();
        md.append("# ").append(model.name).append("\n\n");
        md.append(model.description).append(". Trained with this plugin's trainer (Train Deblurring Model in Fiji,"
                + " or the `train` command).\n\n");
        md.append(String.format(Locale.ROOT, "- Architecture: bi-attention network, base width %d, %d residual"
                + " block(s) per level, unshuffle %d, recurrence %d, attention: %s.%n", a.width, a.blocksPerLevel,
                a.unshuffle, a.recurrence, attention(a)));
        md.append("- Training data: ").append(t.data).append(".\n");
        md.append(String.format(Locale.ROOT, "- Training: this model is step %d of %d, batch %d, %d px patches,"
                + " learning rate %s (warm-up, then cosine to %s), seed %d; %s of training, finished %s.%n",
                t.steps, settings.steps(), t.batchSize, t.patchSize, settings.learningRate(),
                settings.finalLearningRate(), t.seed, duration(t.seconds), t.finished));
        md.append("- Loss: ").append(settings.loss().description()).append(".\n");
        md.append(String.format(Locale.ROOT, "- Validation (%d fixed %d px pairs, drawn like the training data with"
                + " another seed): PSNR %.2f dB, SSIM %.4f (the blurred inputs: %.2f dB, %.4f; gain %+.2f dB).%n",
                settings.validationCount(), settings.validationPatchSize(), t.validationPsnr, t.validationSsim,
                t.blurredPsnr, t.blurredSsim, t.validationPsnr - t.blurredPsnr));
        md.append("\n| step | PSNR (dB) | SSIM |\n|---:|---:|---:|\n");
        for (ValidationReport r : history) {
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %.4f |%n", r.step, r.psnr, r.ssim));
        }
        md.append("\nIntensities are normalised per image (").append(model.normalization.lowPercentile)
                .append("% / ").append(model.normalization.highPercentile).append("% percentiles).\n");
        return md.toString();
    }

    private static String attention(ModelMetadata.Architecture a) {
        if (a.shallowAttention && a.reconstructionAttention) {
            return "both criss-cross modules";
        }
        return a.shallowAttention ? "shallow criss-cross module" : a.reconstructionAttention
                ? "reconstruction criss-cross module" : "none";
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
}
