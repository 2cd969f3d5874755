package io.github.biattention.deblur.model;

import io.github.biattention.deblur.network.NetworkConfig;

/**
 * The content of {@code model.json}. Plain fields so that Gson maps them one to one; treat instances as values.
 */
public final class ModelMetadata {

    /** The newest format this code reads and the one it writes. */
    public static final int FORMAT_VERSION = 1;

    public int formatVersion = FORMAT_VERSION;
    public String name;
    public String description;
    public Architecture architecture;
    public NormalizationDefaults normalization = new NormalizationDefaults();
    public Training training = new Training();

    /** The {@link NetworkConfig} in JSON form. */
    public static final class Architecture {
        public String network = "bi-attention";
        public int inputChannels;
        public int width;
        public int blocksPerLevel;
        public int recurrence;
        public boolean shallowAttention;
        public boolean reconstructionAttention;
        public int unshuffle;

        public static Architecture of(NetworkConfig c) {
            Architecture a = new Architecture();
            a.inputChannels = c.inputChannels();
            a.width = c.width();
            a.blocksPerLevel = c.blocksPerLevel();
            a.recurrence = c.recurrence();
            a.shallowAttention = c.shallowAttention();
            a.reconstructionAttention = c.reconstructionAttention();
            a.unshuffle = c.unshuffle();
            return a;
        }

        public NetworkConfig toConfig() {
            return new NetworkConfig(inputChannels, width, blocksPerLevel, recurrence, shallowAttention,
                    reconstructionAttention, unshuffle);
        }
    }

    /** Percentiles that map the input to the range the network was trained on. */
    public static final class NormalizationDefaults {
        public double lowPercentile = 1.0;
        public double highPercentile = 99.8;
    }

    /** Where the weights came from. */
    public static final class Training {
        public String data;
        public long steps;
        public double seconds;
        public long seed;
        public int batchSize;
        public int patchSize;
        public double validationPsnr;
        public double validationSsim;
        public double blurredPsnr;
        public double blurredSsim;
        public String finished;
    }
}
