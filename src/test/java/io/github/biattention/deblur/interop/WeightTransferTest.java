package io.github.biattention.deblur.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.ModelMetadata;
import io.github.biattention.deblur.network.BiAttentionNet;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightTransferTest {

    private static final NetworkConfig CONFIG = NetworkConfig.biAttention(1, 8, 1);

    /** A model file with random weights and non-zero gammas, so that every parameter matters. */
    private static Path randomModel(Path dir) throws IOException {
        Path file = dir.resolve("random.zip");
        try (Model model = Model.newInstance("m")) {
            BiAttentionNet net = BiAttentionNet.of(CONFIG);
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 32, 32));
            net.getParameters().forEach(p -> {
                if (p.getKey().endsWith("gamma")) {
                    p.getValue().getArray().set(new float[] {0.5f});
                } else if (p.getKey().endsWith("bias")) { // DJL starts biases at 0: make them matter too
                    Random random = new Random(p.getKey().hashCode());
                    float[] bias = new float[(int) p.getValue().getArray().size()];
                    for (int i = 0; i < bias.length; i++) {
                        bias[i] = (random.nextFloat() - 0.5f) / 10;
                    }
                    p.getValue().getArray().set(bias);
                }
            });
            ModelMetadata metadata = new ModelMetadata();
            metadata.name = "random";
            metadata.description = "for the round trip";
            metadata.architecture = ModelMetadata.Architecture.of(CONFIG);
            metadata.training.steps = 123;
            metadata.training.validationPsnr = 27.5;
            ModelFiles.save(file, metadata, net);
        }
        return file;
    }

    private static NpyArray input(int height, int width) {
        Random random = new Random(5);
        float[] x = new float[height * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        return NpyArray.ofFloats(x, 1, 1, height, width);
    }

    @Test
    void exportThenImportGivesBitIdenticalParametersAndOutput(@TempDir Path dir) throws Exception {
        Path original = randomModel(dir);
        Path npz = dir.resolve("w.npz");
        Path imported = dir.resolve("imported.zip");
        try (DeblurModel model = ModelFiles.load(original.toString(), Device.cpu())) {
            assertEquals(58, WeightExport.export(model, npz));
        }
        ModelMetadata written = WeightImport.importWeights(npz, null, null, null, imported);
        assertEquals("random", written.name);
        try (DeblurModel a = ModelFiles.load(original.toString(), Device.cpu());
                DeblurModel b = ModelFiles.load(imported.toString(), Device.cpu())) {
            assertEquals(a.network().config(), b.network().config());
            assertEquals("for the round trip", b.metadata().description);
            assertEquals(123, b.metadata().training.steps);
            assertEquals(27.5, b.metadata().training.validationPsnr);
            ParameterList pa = a.network().getParameters();
            ParameterList pb = b.network().getParameters();
            assertEquals(pa.size(), pb.size());
            for (int i = 0; i < pa.size(); i++) {
                assertEquals(pa.get(i).getKey(), pb.get(i).getKey());
                assertEquals(pa.get(i).getValue().getArray().getShape(), pb.get(i).getValue().getArray().getShape());
                assertArrayEquals(bits(pa.get(i).getValue().getArray().toFloatArray()),
                        bits(pb.get(i).getValue().getArray().toFloatArray()), pa.get(i).getKey());
            }
            NpyArray x = input(40, 56);
            float[] ya = RawForward.run(a, x, 1).output().floats();
            float[] yb = RawForward.run(b, x, 1).output().floats();
            assertArrayEquals(bits(ya), bits(yb));
            assertFalse(java.util.Arrays.equals(x.floats(), ya), "the network changes the input");
        }
    }

    @Test
    void exportedArchiveHoldsTheModelJsonAndOnlyPytorchNames(@TempDir Path dir) throws Exception {
        Path npz = dir.resolve("general.npz");
        long width;
        try (DeblurModel general = ModelFiles.load("general", Device.cpu())) {
            assertEquals(58, WeightExport.export(general, npz));
            width = general.network().config().width();
        }
        Map<String, NpyArray> arrays = Npz.read(npz);
        assertEquals(59, arrays.size());
        String json = new String(arrays.get(WeightExport.CONFIG_ENTRY).bytes(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"name\": \"general\"") && json.contains("\"unshuffle\": 2"), json);
        assertArrayEquals(new long[] {width, 4, 3, 3}, arrays.get("shallow.weight").shape());
        assertArrayEquals(new long[] {1}, arrays.get("reconstruction_attention.gamma").shape());
        assertTrue(arrays.keySet().stream().noneMatch(k -> k.matches(".*\\d\\d[a-zA-Z].*")), arrays.keySet()::toString);
    }

    @Test
    void nameTrainingAndArchitectureCanComeFromOutside(@TempDir Path dir) throws Exception {
        Path npz = dir.resolve("w.npz");
        try (DeblurModel model = ModelFiles.load(randomModel(dir).toString(), Device.cpu())) {
            WeightExport.export(model, npz);
        }
        Path training = dir.resolve("training.json");
        Files.writeString(training, "{\"training\": {\"steps\": 50000, \"seconds\": 3600.5, \"validationPsnr\": 29.1,"
                + " \"validationSsim\": 0.8, \"data\": \"PyTorch twin on a GPU\", \"unknownField\": 1}}");
        Path out = dir.resolve("gpu.zip");
        WeightImport.importWeights(npz, null, training, "gpu-trained", out);
        try (DeblurModel m = ModelFiles.load(out.toString(), Device.cpu())) {
            assertEquals("gpu-trained", m.metadata().name);
            assertEquals(50000, m.metadata().training.steps);
            assertEquals(3600.5, m.metadata().training.seconds);
            assertEquals(0.8, m.metadata().training.validationSsim);
            assertEquals("PyTorch twin on a GPU", m.metadata().training.data);
        }
        // Without __config__, the architecture comes from a JSON file.
        Map<String, NpyArray> arrays = new LinkedHashMap<>(Npz.read(npz));
        arrays.remove(WeightExport.CONFIG_ENTRY);
        Path bare = dir.resolve("bare.npz");
        Npz.write(bare, arrays);
        Path noArchitecture = dir.resolve("x.zip");
        String message = assertThrows(ModelException.class,
                () -> WeightImport.importWeights(bare, null, null, null, noArchitecture)).getMessage();
        assertTrue(message.contains("__config__"), message);
        Path config = dir.resolve("model.json");
        ModelMetadata m = new ModelMetadata();
        m.architecture = ModelMetadata.Architecture.of(CONFIG);
        Files.writeString(config, ModelFiles.toJson(m));
        Path fromConfig = dir.resolve("from-config.zip");
        assertEquals("bare", WeightImport.importWeights(bare, config, null, null, fromConfig).name);
        try (DeblurModel loaded = ModelFiles.load(fromConfig.toString(), Device.cpu())) {
            assertEquals(CONFIG, loaded.network().config());
        }
    }

    @Test
    void mismatchedArchivesAreRefusedNamingEveryProblem(@TempDir Path dir) throws Exception {
        Path npz = dir.resolve("w.npz");
        try (DeblurModel model = ModelFiles.load(randomModel(dir).toString(), Device.cpu())) {
            WeightExport.export(model, npz);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>(Npz.read(npz));
        arrays.remove("encoder2.blocks.0.conv1.bias");
        arrays.put("encoder2.blocks.1.conv1.bias", NpyArray.ofFloats(new float[32], 32));
        arrays.put("output.weight", NpyArray.ofFloats(new float[4 * 8 * 9], 8, 4, 3, 3));
        arrays.put("shallow.bias", NpyArray.ofBytes(new byte[8]));
        Path bad = dir.resolve("bad.npz");
        Npz.write(bad, arrays);
        Path out = dir.resolve("out.zip");
        String message = assertThrows(ModelException.class,
                () -> WeightImport.importWeights(bad, null, null, null, out)).getMessage();
        assertTrue(message.contains("missing: encoder2.blocks.0.conv1.bias [32]"), message);
        assertTrue(message.contains("unexpected: encoder2.blocks.1.conv1.bias"), message);
        assertTrue(message.contains("output.weight has shape [8, 4, 3, 3], expected [4, 8, 3, 3]"), message);
        assertTrue(message.contains("shallow.bias is |u1, not float32"), message);
        assertFalse(Files.exists(out));

        Path notNpz = dir.resolve("not.npz");
        Files.writeString(notNpz, "hello");
        assertTrue(assertThrows(ModelException.class, () -> WeightImport.importWeights(notNpz, null, null, null, out))
                .getMessage().contains("Cannot read the weights"));
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
