package io.github.biattention.deblur.evaluation;

import io.github.biattention.deblur.data.BlurKind;
import io.github.biattention.deblur.data.Degradation;
import io.github.biattention.deblur.data.DegradationSettings;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.TrainingPair;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.Ssim;
import io.github.biattention.deblur.model.DeblurModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Blind evaluation on synthetic degradations: crops of sharp images blurred with random motion, defocus and
 * Gaussian kernels plus mild Poisson-Gaussian noise, deblurred by the engine without the kernel, scored with PSNR
 * and SSIM (data range 1) against the sharp crops.
 */
public final class SyntheticEvaluation {

    /** The score of one image. */
    public static final class Row {
        public final int index;
        public final BlurKind kind;
        public final int kernelSize;
        public final double blurredPsnr;
        public final double blurredSsim;
        public final double restoredPsnr;
        public final double restoredSsim;
        public final double seconds;

        Row(int index, BlurKind kind, int kernelSize, double blurredPsnr, double blurredSsim, double restoredPsnr,
                double restoredSsim, double seconds) {
            this.index = index;
            this.kind = kind;
            this.kernelSize = kernelSize;
            this.blurredPsnr = blurredPsnr;
            this.blurredSsim = blurredSsim;
            this.restoredPsnr = restoredPsnr;
            this.restoredSsim = restoredSsim;
            this.seconds = seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%3d  %-8s %3d px  blurred %6.2f dB %.4f  restored %6.2f dB %.4f  %+.2f dB",
                    index, kind, kernelSize, blurredPsnr, blurredSsim, restoredPsnr, restoredSsim,
                    restoredPsnr - blurredPsnr);
        }
    }

    private SyntheticEvaluation() {}

    /**
     * Mild noise: 4000 to 20000 photons at white (shot noise of 0.7% to 1.6% of the white level there) plus read
     * noise up to 0.003; equal shares of the three blurs.
     */
    public static DegradationSettings mildSettings(int size) {
        return DegradationSettings.defaults().toBuilder()
                .patchSize(size)
                .blurWeight(BlurKind.MOTION, 1).blurWeight(BlurKind.DEFOCUS, 1).blurWeight(BlurKind.GAUSSIAN, 1)
                .photonsAtWhite(4000, 20000).noShotNoiseProbability(0).readSigma(0, 0.003)
                .build();
    }

    /** Degrades {@code count} crops of {@code source} with {@code seed} and scores the model on them. */
    public static List<Row> run(SharpSource source, DegradationSettings degradation, long seed, int count,
            DeblurModel model, DeblurSettings settings) {
        Degradation pipeline = new Degradation(source, degradation);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TrainingPair pair = pipeline.sample(seed, i);
            int w = pair.sharp().width();
            int h = pair.sharp().height();
            float[] sharp = pair.sharp().pixels();
            float[] blurred = pair.blurred().pixels();
            long start = System.nanoTime();
            float[] restored = DeblurEngine.deblurPlane(blurred, w, h, model, settings);
            double seconds = (System.nanoTime() - start) / 1e9;
            rows.add(new Row(i, pair.kind(), pair.kernel().size(),
                    Psnr.compute(sharp, blurred, 1), Ssim.compute(sharp, blurred, w, h, 1),
                    Psnr.compute(sharp, restored, 1), Ssim.compute(sharp, restored, w, h, 1), seconds));
        }
        return rows;
    }

    /** Means of blurred and restored PSNR and SSIM, in that order. */
    public static double[] means(List<Row> rows) {
        double[] m = new double[4];
        for (Row r : rows) {
            m[0] += r.blurredPsnr;
            m[1] += r.blurredSsim;
            m[2] += r.restoredPsnr;
            m[3] += r.restoredSsim;
        }
        for (int i = 0; i < 4; i++) {
            m[i] /= rows.size();
        }
        return m;
    }
}
