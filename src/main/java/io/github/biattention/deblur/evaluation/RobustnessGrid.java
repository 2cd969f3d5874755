package io.github.biattention.deblur.evaluation;

import io.github.biattention.deblur.data.BlurKind;
import io.github.biattention.deblur.data.BlurStrength;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The cells of the robustness evaluation: every blur (none, then each kind at mild, moderate and strong) crossed with
 * every noise level (none, Gaussian σ 0.003, 0.01 and 0.03, Poisson-Gaussian at low light).
 */
public final class RobustnessGrid {

    /** One blur of the grid: a kind at a strength, or no blur. */
    public static final class Blur {
        public final BlurKind kind; // null for no blur
        public final BlurStrength strength;

        Blur(BlurKind kind, BlurStrength strength) {
            this.kind = kind;
            this.strength = strength;
        }

        public boolean none() {
            return strength == BlurStrength.NONE;
        }

        /** "none", or e.g. "motion mild". */
        public String label() {
            return none() ? NO_BLUR : kind.name().toLowerCase(Locale.ROOT) + " " + strength.label();
        }
    }

    /** One noise level of the grid; values on the image's [0, 1] scale. */
    public static final class NoiseLevel {
        public final String label;
        public final double photonsAtWhite; // +Infinity: no shot noise
        public final double readSigma;

        NoiseLevel(String label, double photonsAtWhite, double readSigma) {
            this.label = label;
            this.photonsAtWhite = photonsAtWhite;
            this.readSigma = readSigma;
        }

        public boolean none() {
            return Double.isInfinite(photonsAtWhite) && readSigma == 0;
        }
    }

    /** The label of the row without blur. */
    public static final String NO_BLUR = "none";

    /** Low light: 300 photons at white (shot noise of 4% at mid-grey) and read noise σ 0.005. */
    public static final NoiseLevel LOW_LIGHT = new NoiseLevel("low light", 300, 0.005);

    public static final List<Blur> BLURS;
    public static final List<NoiseLevel> NOISE = List.of(
            new NoiseLevel("none", Double.POSITIVE_INFINITY, 0),
            new NoiseLevel("σ 0.003", Double.POSITIVE_INFINITY, 0.003),
            new NoiseLevel("σ 0.01", Double.POSITIVE_INFINITY, 0.01),
            new NoiseLevel("σ 0.03", Double.POSITIVE_INFINITY, 0.03),
            LOW_LIGHT);

    static {
        List<Blur> blurs = new ArrayList<>();
        blurs.add(new Blur(null, BlurStrength.NONE));
        for (BlurKind kind : BlurKind.values()) {
            for (BlurStrength strength : BlurStrength.values()) {
                if (strength != BlurStrength.NONE) {
                    blurs.add(new Blur(kind, strength));
                }
            }
        }
        BLURS = Collections.unmodifiableList(blurs);
    }

    private RobustnessGrid() {
    }
}
