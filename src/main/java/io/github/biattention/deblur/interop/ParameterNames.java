package io.github.biattention.deblur.interop;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import io.github.biattention.deblur.network.BiAttentionNet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the network's parameters in DJL and in PyTorch.
 *
 * <p>DJL names a parameter by the path of child blocks to it, each child prefixed with its position among its
 * siblings ({@code 01}, {@code 02}, ...) and joined by {@code _}: {@code 04encoder1_02blocks_01ResidualBlock_01conv1_weight}.
 * PyTorch's {@code state_dict} joins module attribute names with dots, and numbers the modules of an
 * {@code nn.Sequential} from 0: {@code encoder1.blocks.0.conv1.weight}. The mapping walks the block tree and
 * translates every child through {@link #CHILDREN}, an explicit table of the Java child names and their attribute
 * names in {@code tools/pytorch/biattention.py}; the children of a {@link SequentialBlock} become their 0-based index.
 * A child missing from the table is an error, so a new block cannot be exported under a guessed name.
 *
 * <p>Examples: {@code 01shallow_weight} = {@code shallow.weight}, {@code 02shallowAttention_01query_weight} =
 * {@code shallow_attention.query.weight}, {@code 02shallowAttention_gamma} = {@code shallow_attention.gamma},
 * {@code 06fusion_02upDeep_01expand_weight} = {@code fusion.up_deep.expand.weight},
 * {@code 07bottleneck_01ResidualBlock_02conv2_bias} = {@code bottleneck.0.conv2.bias}. The position prefixes shift
 * when an attention module is switched off; the PyTorch names do not.
 *
 * <p>Shapes agree without transposition: convolution weights are (out, in, kh, kw) in both, biases (out), each
 * gamma (1).
 */
public final class ParameterNames {

    /** Java child-block name (without the position prefix) to PyTorch attribute name. */
    static final Map<String, String> CHILDREN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        // BiAttentionNet
        m.put("shallow", "shallow");
        m.put("shallowAttention", "shallow_attention");
        m.put("encoder1", "encoder1");
        m.put("encoder2", "encoder2");
        m.put("encoder3", "encoder3");
        m.put("fusion", "fusion");
        m.put("bottleneck", "bottleneck");
        m.put("decoder2", "decoder2");
        m.put("decoder1", "decoder1");
        m.put("reconstructionAttention", "reconstruction_attention");
        m.put("output", "output");
        // CrissCrossAttention
        m.put("query", "query");
        m.put("key", "key");
        m.put("value", "value");
        // EncoderStage
        m.put("down", "down");
        m.put("blocks", "blocks");
        // ResidualBlock
        m.put("conv1", "conv1");
        m.put("conv2", "conv2");
        // DecoderStage
        m.put("up", "up");
        // PixelShuffleUp
        m.put("expand", "expand");
        // FeatureFusion
        m.put("downShallow", "down_shallow");
        m.put("upDeep", "up_deep");
        m.put("fuse", "fuse");
        CHILDREN = Collections.unmodifiableMap(m);
    }

    /** Names of leaf parameters, the same in both: convolution weight and bias, attention gamma. */
    static final Set<String> LEAVES = Set.of("weight", "bias", "gamma");

    private static final Pattern POSITION = Pattern.compile("^(\\d+)(.+)$");

    /** One parameter under both names. */
    public static final class Entry {
        private final String djlName;
        private final String torchName;
        private final Parameter parameter;

        Entry(String djlName, String torchName, Parameter parameter) {
            this.djlName = djlName;
            this.torchName = torchName;
            this.parameter = parameter;
        }

        /** The key in {@code net.getParameters()}. */
        public String djlName() {
            return djlName;
        }

        /** The key in the PyTorch twin's {@code state_dict()}. */
        public String torchName() {
            return torchName;
        }

        public Parameter parameter() {
            return parameter;
        }

        @Override
        public String toString() {
            return djlName + " = " + torchName;
        }
    }

    private ParameterNames() {}

    /**
     * Every parameter of {@code net}, in DJL's order (which is also the order of the twin's {@code state_dict}).
     *
     * @throws IllegalStateException if a block or parameter has no PyTorch name, or two parameters get the same one
     */
    public static List<Entry> of(BiAttentionNet net) {
        List<Entry> entries = new ArrayList<>();
        walk(net, "", "", entries);
        Set<String> seen = new HashSet<>();
        for (Entry e : entries) {
            if (!seen.add(e.torchName)) {
                throw new IllegalStateException("two parameters map to " + e.torchName);
            }
        }
        return entries;
    }

    /** PyTorch name to DJL name, for every parameter of {@code net}. */
    public static Map<String, String> torchToDjl(BiAttentionNet net) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Entry e : of(net)) {
            map.put(e.torchName, e.djlName);
        }
        return map;
    }

    /** Mirrors {@code AbstractBaseBlock.getParameters()}: direct parameters first, then each child's. */
    private static void walk(Block block, String djlPrefix, String torchPrefix, List<Entry> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (!LEAVES.contains(p.getKey())) {
                throw new IllegalStateException("no PyTorch name for parameter " + djlPrefix + p.getKey());
            }
            out.add(new Entry(djlPrefix + p.getKey(), torchPrefix + p.getKey(), p.getValue()));
        }
        int index = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            String torch = block instanceof SequentialBlock
                    ? String.valueOf(index)
                    : attributeName(child.getKey(), djlPrefix);
            walk(child.getValue(), djlPrefix + child.getKey() + "_", torchPrefix + torch + ".", out);
            index++;
        }
    }

    private static String attributeName(String child, String djlPrefix) {
        Matcher m = POSITION.matcher(child);
        String name = m.matches() ? m.group(2) : child;
        String torch = CHILDREN.get(name);
        if (torch == null) {
            throw new IllegalStateException("no PyTorch name for block " + djlPrefix + child
                    + ": add it to ParameterNames.CHILDREN and to tools/pytorch/biattention.py");
        }
        return torch;
    }
}
