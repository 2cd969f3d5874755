package io.github.biattention.deblur.training;

import io.github.biattention.deblur.data.Degradation;
import io.github.biattention.deblur.data.DegradationSettings;
import io.github.biattention.deblur.data.FolderImages;
import io.github.biattention.deblur.data.InFocusSource;
import io.github.biattention.deblur.data.MicroscopyScenes;
import io.github.biattention.deblur.data.MixedSource;
import io.github.biattention.deblur.data.PairCrops;
import io.github.biattention.deblur.data.PairSampler;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.TexturedSource;
import io.github.biattention.deblur.data.TrainingPair;
import io.github.biattention.deblur.data.DatasetLayout;
import io.github.biattention.deblur.data.ImagePair;
import io.github.biattention.deblur.data.PairSource;
import io.github.biattention.deblur.data.Split;
import io.github.biattention.deblur.microscopy.WidefieldDegradation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What a run trains on: a {@link PairSampler} of training patches, one that draws the fixed validation set, and a
 * sentence for the model card. {@link #of} takes any sampler; the factories make the three kinds the front ends
 * offer ({@link Kind}). Immutable; the samplers are made per call from the patch size.
 */
public final class TrainingData {
    /** Share of the crops taken from a user's folder when one is given (the rest generated). */
    public static final double DEFAULT_FOLDER_SHARE = 0.5;
    /** Share of the crops taken from the folder in {@link #photographs} (the rest procedural). */
    public static final double PHOTOGRAPH_FOLDER_SHARE = 0.7;
    private static final double TEXTURED_SHARE = 0.5;
    /** Share of in-focus, nearly sharp widefield images in {@link #widefield}. */
    public static final double WIDEFIELD_IN_FOCUS_SHARE = 0.25;
    private static final int TEXTURED_CANDIDATES = 3;


    /** The choices of the CLI's {@code --data} and the Fiji command's "Data". */
    public enum Kind {
        /** Sharp photographs (a folder and procedural images) with camera shake, defocus and Gaussian blur. */
        PHOTOGRAPH,
        /** Fluorescence specimens (a folder and procedural scenes) through random widefield optics. */
        WIDEFIELD,
        /** Real blurred/sharp pairs. */
        PAIRS;

        /** @throws IllegalArgumentException for anything but photograph, widefield, pairs (any case) */
        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.label().equalsIgnoreCase(name == null ? "" : name.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("Unknown training data '" + name + "': use photograph, widefield or"
                    + " pairs");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every 4th pair of a folder of pairs is kept for validation, when there are at least this many. */
    static final int HOLD_OUT_FROM = 4;

    private static final String PROCEDURAL = "procedural sharp images (dead leaves, fluorescence-like blobs and"
            + " filaments, edges)";
    private static final String SCENES = "procedural fluorescence scenes (filaments, puncta, membranes, nuclei,"
            + " cytoplasm)";

    private final IntFunction<PairSampler> training;
    private final IntFunction<PairSampler> validation;
    private final String description;

    private TrainingData(IntFunction<PairSampler> training, IntFunction<PairSampler> validation,
            String description) {
        this.training = training;
        this.validation = validation;
        this.description = description;
    }

    /**
     * Any sampler: {@code samplers} makes one for a patch size; the validation set is drawn from it with another
     * seed.
     */
    public static TrainingData of(IntFunction<PairSampler> samplers, String description) {
        return new TrainingData(samplers, samplers, description);
    }

    /**
     * The data the front ends offer.
     *
     * @param folder sharp images for photograph and widefield (null: procedural only); for pairs the blurred images,
     *     or a folder holding blur/ and sharp/ (or a GOPRO or DVD data set, its train split)
     * @param sharp for pairs, the sharp images matched to {@code folder}'s by name; ignored otherwise
     * @throws IOException when the pairs cannot be listed or read
     * @throws IllegalArgumentException for pairs without a folder
     */
    public static TrainingData choose(Kind kind, Path folder, Path sharp, double minPhotons, double maxPhotons)
            throws IOException {
        switch (kind) {
            case WIDEFIELD:
                return widefield(folder, minPhotons, maxPhotons);
            case PAIRS:
                if (folder == null) {
                    throw new IllegalArgumentException("Training on pairs needs the folder of blurred images (or"
                            + " one holding blur/ and sharp/)");
                }
                return pairs(DatasetLayout.AUTO.open(folder, sharp, Split.TRAIN, false));
            default:
                return photographs(folder, minPhotons, maxPhotons);
        }
    }

    /**
     * {@link Degradation} of procedural images, {@value #PHOTOGRAPH_FOLDER_SHARE} of them replaced by crops of
     * {@code folder}'s images (in-focus crops only, {@link InFocusSource}; detailed ones favoured,
     * {@link TexturedSource}) when one is given, in the
     * {@link DegradationSettings#photographMix()}: sharp and mildly blurred pairs among the rest, noise from none to
     * moderate. The folder is read now.
     *
     * @param folder sharp images, or null
     * @param minPhotons shot noise: photons at white, drawn log-uniformly between these when there is shot noise
     */
    public static TrainingData photographs(Path folder, double minPhotons, double maxPhotons) {
        return photographs(folder, DegradationSettings.photographMix().toBuilder()
                .photonsAtWhite(minPhotons, maxPhotons).build());
    }

    /** As {@link #photographs(Path, double, double)}, in the given mix of blur and noise. */
    public static TrainingData photographs(Path folder, DegradationSettings mix) {
        double minPhotons = mix.minPhotons();
        double maxPhotons = mix.maxPhotons();
        SharpSource source = folder == null ? new ProceduralImages()
                : mix(new TexturedSource(new InFocusSource(new FolderImages(folder)), TEXTURED_SHARE,
                        TEXTURED_CANDIDATES),
                        PHOTOGRAPH_FOLDER_SHARE, new ProceduralImages()); // read once, for training and validation
        IntFunction<PairSampler> samplers = patch -> new Degradation(source, mix.toBuilder().patchSize(patch).build());
        return of(samplers, (folder == null ? "" : folderShare(folder, PHOTOGRAPH_FOLDER_SHARE)
                + " (in-focus crops only; half of them the most detailed of 3), " + percent(1 - PHOTOGRAPH_FOLDER_SHARE) + " ")
                + PROCEDURAL
                + "; blur: " + percent(mix.sharpProbability()) + " none, " + percent(mix.mildProbability())
                + " mild, the rest random camera-shake trajectories (<= 31 px), defocus disks and Gaussians;"
                + " noise: " + percent(mix.noNoiseProbability()) + " none, the rest Poisson-Gaussian ("
                + Math.round(minPhotons) + "-" + Math.round(maxPhotons) + " photons at white, "
                + percent(mix.noShotNoiseProbability()) + " without shot noise; read noise sigma "
                + mix.minReadSigma() + "-" + mix.maxReadSigma() + " log-uniform)");
    }

    /**
     * {@link WidefieldDegradation} of procedural fluorescence scenes ({@link MicroscopyScenes}), half of them replaced
     * by crops of {@code folder}'s images when one is given (their grey levels taken as photon flux, 1 = the peak).
     *
     * @param minPhotons peak photon count, drawn log-uniformly between these; at least 1
     */
    public static TrainingData widefield(Path folder, double minPhotons, double maxPhotons) {
        return widefield(folder, minPhotons, maxPhotons, WIDEFIELD_IN_FOCUS_SHARE);
    }

    /** As {@link #widefield(Path, double, double)} with {@code inFocusShare} of in-focus setups. */
    public static TrainingData widefield(Path folder, double minPhotons, double maxPhotons, double inFocusShare) {
        if (!(inFocusShare >= 0 && inFocusShare <= 1)) {
            throw new IllegalArgumentException("the in-focus share must be between 0 and 1, not " + inFocusShare);
        }
        SharpSource source = specimenSource(folder);
        IntFunction<PairSampler> samplers = patch -> new WidefieldDegradation(source, patch, minPhotons, maxPhotons,
                inFocusShare);
        return of(samplers, (folder == null ? "" : folderShare(folder)) + SCENES
                + "; blur: PSFs of random widefield optics (NA, wavelength, immersion, pixel size, defocus, haze), "
                + percent(inFocusShare) + " of them in-focus setups with small PSFs (0.85-1.7 px per"
                + " Airy FWHM, little or no haze);"
                + " camera: Poisson noise at " + Math.round(minPhotons) + "-" + Math.round(maxPhotons)
                + " photons at the peak, 1-3 e- read noise, offset");
    }

    /**
     * Random aligned crops of real pairs ({@link PairCrops}), all read now. With at least {@value #HOLD_OUT_FROM}
     * pairs every 4th one (in listing order) is held out for validation; with fewer, validation uses other crops of
     * the same pairs.
     *
     * @throws IOException when the pairs cannot be listed or an image cannot be read or differs from its partner
     */
    public static TrainingData pairs(PairSource source) throws IOException {
        List<ImagePair> listed = source.list().pairs();
        List<PairCrops.Images> train = new ArrayList<>();
        List<PairCrops.Images> held = new ArrayList<>();
        boolean holdOut = listed.size() >= HOLD_OUT_FROM;
        for (int i = 0; i < listed.size(); i++) {
            PairCrops.Images images = PairCrops.Images.read(listed.get(i).blurred(), listed.get(i).sharp());
            (holdOut && i % HOLD_OUT_FROM == HOLD_OUT_FROM - 1 ? held : train).add(images);
        }
        List<PairCrops.Images> validation = holdOut ? held : train;
        return new TrainingData(patch -> new PairCrops(train, patch), patch -> new PairCrops(validation, patch),
                "random aligned crops (with flips and 90-degree rotations) of " + train.size() + " real pairs, "
                        + source.description() + "; validation on "
                        + (holdOut ? held.size() + " held-out pair" + (held.size() == 1 ? "" : "s")
                                : "other crops of the same pairs"));
    }

    /** The sharp images of {@link #photographs}: procedural, or half procedural and half {@code folder}'s (read now). */
    public static SharpSource photographSource(Path folder) {
        return photographSource(folder, DEFAULT_FOLDER_SHARE);
    }

    /** {@link #photographSource(Path)} with {@code share} of the crops (0 to 1) from {@code folder}. */
    public static SharpSource photographSource(Path folder, double share) {
        return folder == null ? new ProceduralImages() : mix(new FolderImages(folder), share, new ProceduralImages());
    }

    /** The specimens of {@link #widefield}: generated scenes, or half scenes and half {@code folder}'s (read now). */
    public static SharpSource specimenSource(Path folder) {
        return specimenSource(folder, DEFAULT_FOLDER_SHARE);
    }

    /** {@link #specimenSource(Path)} with {@code share} of the crops (0 to 1) from {@code folder}. */
    public static SharpSource specimenSource(Path folder, double share) {
        return folder == null ? new MicroscopyScenes() : mix(new FolderImages(folder), share, new MicroscopyScenes());
    }

    private static SharpSource mix(SharpSource folder, double share, SharpSource procedural) {
        return MixedSource.builder().add(folder, share).add(procedural, 1 - share).build();
    }

    private static String folderShare(Path folder) {
        return folderShare(folder, DEFAULT_FOLDER_SHARE) + ", " + (100 - Math.round(100 * DEFAULT_FOLDER_SHARE))
                + "% ";
    }

    private static String folderShare(Path folder, double share) {
        return percent(share) + " images from " + folder.getFileName() + " (" + FolderImages.listImages(folder).size()
                + " files)";
    }

    private static String percent(double share) {
        return Math.round(100 * share) + "%";
    }

    /** The sampler of training patches. */
    PairSampler training(int patchSize) {
        return training.apply(patchSize);
    }

    /** {@code count} fixed validation pairs of the stream {@code seed}. */
    List<TrainingPair> validationSet(long seed, int count, int patchSize) {
        return validation.apply(patchSize).fixedSet(seed, count);
    }

    /** The data, in words, for the model card. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return Objects.toString(description);
    }
}
