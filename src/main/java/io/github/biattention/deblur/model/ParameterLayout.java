package io.github.biattention.deblur.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;
import io.github.biattention.deblur.network.BiAttentionNet;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The bytes of a parameter file that are not weights: names, tensor headers, shapes and lengths, exactly as an
 * architecture fixes them. A model file's parameters are compared with this layout before DJL decodes them, because
 * DJL allocates whatever a tensor header claims (2^29 dimensions, gigabytes of data) before it checks anything.
 *
 * <p>The layout is found by writing the architecture's parameters three times: filled with two values that differ in
 * every byte (where these differ, the file holds weights), and initialised for two input sizes (DJL also records each
 * block's input shape; where these differ, the file holds a batch or spatial size, a big-endian long that is free
 * as a whole). Every other byte, the ranks and channel counts of every shape among them, must equal the layout's.
 */
final class ParameterLayout {

    /** Two floats whose four bytes all differ (0x3F9E0651 and 0xC0F1A2B3). */
    private static final float FIRST = Float.intBitsToFloat(0x3F9E0651);
    private static final float SECOND = Float.intBitsToFloat(0xC0F1A2B3);

    /** Input sizes whose batch and spatial sizes, at every level of the network, differ in their lowest byte. */
    private static final int SMALL = 16;
    private static final int LARGE = 48;

    private final byte[] expected;
    private final boolean[] free;

    private ParameterLayout(byte[] expected, boolean[] free) {
        this.expected = expected;
        this.free = free;
    }

    /**
     * @return null when {@code parameters} has the layout of {@code config}; otherwise what differs, in words. The
     *     length is compared after one writing, before the layout's other two are made.
     */
    static String mismatch(NetworkConfig config, byte[] parameters) {
        byte[] first = write(config, FIRST, 1, SMALL);
        if (parameters.length != first.length) {
            return lengthMismatch(parameters.length, first.length);
        }
        return of(config, first).mismatch(parameters);
    }

    private static String lengthMismatch(int got, int needed) {
        return String.format(Locale.ROOT, "%d bytes of parameters, the architecture needs %d", got, needed);
    }

    private static ParameterLayout of(NetworkConfig config, byte[] first) {
        byte[] second = write(config, SECOND, 1, SMALL);
        byte[] larger = write(config, FIRST, 3, LARGE);
        if (second.length != first.length || larger.length != first.length) {
            throw new IllegalStateException("the parameter layout of " + config + " depends on the values");
        }
        boolean[] free = new boolean[first.length];
        for (int i = 0; i < first.length; i++) {
            free[i] |= first[i] != second[i];
            if (first[i] != larger[i]) {
                for (int j = Math.max(0, i - 7); j <= i; j++) {
                    free[j] = true;
                }
            }
        }
        return new ParameterLayout(first, free);
    }

    /**
     * @return null when {@code parameters} has this layout; otherwise what differs, in words
     */
    String mismatch(byte[] parameters) {
        if (parameters.length != expected.length) {
            return lengthMismatch(parameters.length, expected.length);
        }
        for (int i = 0; i < parameters.length; i++) {
            if (!free[i] && parameters[i] != expected[i]) {
                return "a tensor header differs from the architecture's at byte " + i;
            }
        }
        return null;
    }

    private static byte[] write(NetworkConfig config, float value, int batch, int side) {
        BiAttentionNet net = BiAttentionNet.of(config);
        // Every parameter starts as the value: no random numbers drawn, nothing overwritten (this runs three times
        // per model loaded, and random initialisation of 2.3 M weights was most of a load's 0.9 s).
        for (Parameter.Type type : Parameter.Type.values()) {
            net.setInitializer(new ConstantInitializer(value), type);
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            net.initialize(manager, DataType.FLOAT32, new Shape(batch, config.inputChannels(), side, side));
            long weights = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                weights += p.getValue().getArray().size();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                    weights * Float.BYTES + 64 * 1024));
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                net.saveParameters(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
