package io.github.biattention.deblur.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.biattention.deblur.network.BiAttentionNet;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParameterNamesTest {

    /** The bundled general architecture (general-state-dict.txt was printed by the twin for it). */
    private static final NetworkConfig GENERAL = NetworkConfig.biAttention(1, 32, 1);

    private static List<String> namesAndShapes(NetworkConfig config) {
        try (NDManager manager = NDManager.newBaseManager()) {
            BiAttentionNet net = initialised(config, manager);
            return ParameterNames.of(net).stream()
                    .map(e -> e.torchName() + " " + Arrays.toString(e.parameter().getArray().getShape().getShape()))
                    .collect(Collectors.toList());
        }
    }

    private static BiAttentionNet initialised(NetworkConfig config, NDManager manager) {
        BiAttentionNet net = BiAttentionNet.of(config);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, config.inputChannels(), 32, 32));
        return net;
    }

    /** The list {@code python3 tools/pytorch/biattention.py} prints: names, shapes and order of the twin. */
    @Test
    void generalArchitectureHasTheTwinsStateDictNamesShapesAndOrder() throws IOException {
        List<String> twin = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("general-state-dict.txt")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    twin.add(line.strip());
                }
            }
        }
        assertEquals(58, twin.size());
        assertEquals(twin, namesAndShapes(GENERAL));
    }

    @Test
    void examplesOfTheMapping() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, String> map = ParameterNames.torchToDjl(initialised(GENERAL, manager));
            assertEquals("01shallow_weight", map.get("shallow.weight"));
            assertEquals("02shallowAttention_gamma", map.get("shallow_attention.gamma"));
            assertEquals("02shallowAttention_01query_weight", map.get("shallow_attention.query.weight"));
            assertEquals("03encoder1_01down_weight", map.get("encoder1.down.weight"));
            assertEquals("03encoder1_02blocks_01ResidualBlock_01conv1_weight",
                    map.get("encoder1.blocks.0.conv1.weight"));
            assertEquals("06fusion_01downShallow_bias", map.get("fusion.down_shallow.bias"));
            assertEquals("06fusion_02upDeep_01expand_weight", map.get("fusion.up_deep.expand.weight"));
            assertEquals("07bottleneck_01ResidualBlock_02conv2_bias", map.get("bottleneck.0.conv2.bias"));
            assertEquals("08decoder2_01up_01expand_weight", map.get("decoder2.up.expand.weight"));
            assertEquals("10reconstructionAttention_gamma", map.get("reconstruction_attention.gamma"));
            assertEquals("11output_bias", map.get("output.bias"));
        }
    }

    /** Every DJL parameter, in DJL's order, gets exactly one PyTorch name, for every kind of architecture. */
    @Test
    void everyParameterIsMappedExactlyOnce() {
        List<NetworkConfig> configs = List.of(GENERAL, NetworkConfig.biAttention(3, 8, 0),
                NetworkConfig.biAttention(1, 8, 2), GENERAL.withAttention(false, true),
                GENERAL.withAttention(true, false), GENERAL.withAttention(false, false),
                new NetworkConfig(1, 8, 1, 1, true, true, 1));
        for (NetworkConfig config : configs) {
            try (NDManager manager = NDManager.newBaseManager()) {
                BiAttentionNet net = initialised(config, manager);
                List<ParameterNames.Entry> entries = ParameterNames.of(net);
                List<String> djl = entries.stream().map(ParameterNames.Entry::djlName).collect(Collectors.toList());
                assertEquals(net.getParameters().keys(), djl, config.toString());
                Set<String> torch = new HashSet<>();
                for (ParameterNames.Entry e : entries) {
                    assertTrue(torch.add(e.torchName()), "mapped twice: " + e);
                    assertTrue(e.torchName().matches("[a-z_0-9]+(\\.[a-z_0-9]+)*\\.(weight|bias|gamma)"), e.toString());
                    assertEquals(net.getParameters().get(e.djlName()), e.parameter());
                }
                int blocks = config.blocksPerLevel();
                int attention = (config.shallowAttention() ? 1 : 0) + (config.reconstructionAttention() ? 1 : 0);
                // convolutions: shallow, output, 3 downs, 3 fusion, 2 decoder ups, 2 per residual block (3 encoder
                // stages, bottleneck, 2 decoder stages), 3 per attention module; plus one gamma per module
                int convolutions = 2 + 3 + 3 + 2 + 2 * 6 * blocks + 3 * attention;
                assertEquals(2 * convolutions + attention, entries.size(), config.toString());
            }
        }
    }

    /** Switching an attention module off shifts DJL's position prefixes but leaves the PyTorch names alone. */
    @Test
    void pytorchNamesDoNotDependOnWhichModulesArePresent() {
        Set<String> full = names(GENERAL);
        Set<String> ablated = names(GENERAL.withAttention(false, true));
        Set<String> expected = new HashSet<>(full);
        expected.removeIf(n -> n.startsWith("shallow_attention."));
        assertEquals(expected, ablated);
    }

    private static Set<String> names(NetworkConfig config) {
        return namesAndShapes(config).stream().map(s -> s.substring(0, s.indexOf(' '))).collect(Collectors.toSet());
    }
}
