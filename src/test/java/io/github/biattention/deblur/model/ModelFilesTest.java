package io.github.biattention.deblur.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.biattention.deblur.network.BiAttentionNet;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    private static final NetworkConfig CONFIG = NetworkConfig.biAttention(1, 8, 1);

    /** Writes a model with random weights (and non-zero gammas) and returns its output on a fixed input. */
    private static float[] writeModel(Path file, NetworkConfig config) throws IOException {
        try (Model model = Model.newInstance("m")) {
            BiAttentionNet net = BiAttentionNet.of(config);
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, config.inputChannels(), 32, 32));
            net.getParameters().forEach(p -> {
                if (p.getKey().endsWith("gamma")) {
                    p.getValue().getArray().set(new float[] {0.5f});
                }
            });
            ModelMetadata metadata = new ModelMetadata();
            metadata.name = "test";
            metadata.architecture = ModelMetadata.Architecture.of(config);
            ModelFiles.save(file, metadata, net);
            return run(net, model.getNDManager());
        }
    }

    private static float[] run(BiAttentionNet net, NDManager parent) {
        try (NDManager m = parent.newSubManager()) {
            Random random = new Random(3);
            float[] x = new float[40 * 24];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextFloat();
            }
            NDArray in = m.create(x, new Shape(1, 1, 40, 24));
            return net.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow().toFloatArray();
        }
    }

    @Test
    void roundTripKeepsTheOutputAndTheMetadata(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.zip");
        float[] before = writeModel(file, CONFIG);
        try (DeblurModel loaded = ModelFiles.load(file.toString(), Device.cpu())) {
            assertEquals(CONFIG, loaded.network().config());
            assertEquals("test", loaded.metadata().name);
            assertArrayEquals(before, run(loaded.network(), loaded.djlModel().getNDManager()), 1e-6f);
        }
    }

    private static String loadError(String nameOrPath) {
        ModelException e = assertThrows(ModelException.class, () -> ModelFiles.load(nameOrPath, Device.cpu()));
        return e.getMessage();
    }

    @Test
    void unknownNameAndMissingFileSayWhat(@TempDir Path dir) {
        assertTrue(loadError("nosuchmodel").contains("Unknown model 'nosuchmodel'"));
        String missing = dir.resolve("absent.zip").toString();
        assertTrue(loadError(missing).contains(missing) && loadError(missing).contains("does not exist"));
    }

    @Test
    void brokenFilesFailWithTheFileAndTheProblem(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.zip");
        writeModel(good, CONFIG);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        String m = loadError(truncated.toString());
        assertTrue(m.contains(truncated.toString()), m);

        Path text = dir.resolve("text.zip");
        Files.writeString(text, "this is not a zip");
        assertTrue(loadError(text.toString()).contains("not a model file"), loadError(text.toString()));

        Path noJson = dir.resolve("nojson.zip");
        writeZip(noJson, "parameters.bin", new byte[] {1, 2, 3});
        assertTrue(loadError(noJson.toString()).contains("no model.json"));

        Path newer = dir.resolve("newer.zip");
        rewriteJson(good, newer, json -> json.replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        assertTrue(loadError(newer.toString()).contains("newer than this plugin reads"));

        Path mismatch = dir.resolve("mismatch.zip");
        rewriteJson(good, mismatch, json -> json.replace("\"width\": 8", "\"width\": 16"));
        String mm = loadError(mismatch.toString());
        assertTrue(mm.contains("do not match the architecture"), mm);

        Path flipped = dir.resolve("flipped.zip");
        byte[] corrupt = bytes.clone();
        for (int i = 200; i < corrupt.length; i += 997) {
            corrupt[i] ^= 0x5A;
        }
        Files.write(flipped, corrupt);
        String f = loadError(flipped.toString());
        assertTrue(f.contains(flipped.toString()), f);
    }

    @Test
    void tensorHeadersAndInflatedEntriesAreCheckedBeforeAnythingIsAllocated(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.zip");
        writeModel(good, CONFIG);
        byte[][] parts = entries(good);
        // The first weight's shape, (8, 4, 3, 3) after the pixel unshuffle, as DJL writes it: an int rank, then
        // longs; claim 2^29 dimensions instead of 4.
        java.nio.ByteBuffer shape = java.nio.ByteBuffer.allocate(36).putInt(4).putLong(8).putLong(4).putLong(3)
                .putLong(3);
        int at = indexOf(parts[1], shape.array());
        assertTrue(at > 0, "the shape header of the first weight");
        byte[] params = parts[1].clone();
        java.nio.ByteBuffer.wrap(params).putInt(at, 1 << 29);
        Path header = dir.resolve("header.zip");
        writeZip(header, new String[] {ModelFiles.METADATA, ModelFiles.PARAMETERS}, parts[0], params);
        String m = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> loadError(header.toString()));
        assertTrue(m.contains(header.toString()) && m.contains("tensor header differs"), m);

        // An extra entry that inflates past every limit (1 GiB of zeros, a few MB compressed).
        Path bomb = dir.resolve("bomb.zip");
        try (OutputStream out = Files.newOutputStream(bomb); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(1);
            zip.putNextEntry(new ZipEntry(ModelFiles.METADATA));
            zip.write(parts[0]);
            zip.putNextEntry(new ZipEntry("padding.bin"));
            byte[] zeros = new byte[1 << 24];
            for (long written = 0; written <= ModelFiles.MAX_PARAMETER_BYTES + ModelFiles.MAX_METADATA_BYTES;
                    written += zeros.length) {
                zip.write(zeros);
            }
            zip.putNextEntry(new ZipEntry(ModelFiles.PARAMETERS));
            zip.write(parts[1]);
            zip.closeEntry();
        }
        String b = loadError(bomb.toString());
        assertTrue(b.contains("padding.bin") && b.contains("inflates to more than"), b);
    }

    /** model.json and parameters.bin of a model file. */
    private static byte[][] entries(Path file) throws IOException {
        byte[][] parts = new byte[2][];
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                parts[e.getName().equals(ModelFiles.METADATA) ? 0 : 1] = zip.readAllBytes();
            }
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void writeZip(Path file, String[] names, byte[]... contents) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < names.length; i++) {
                zip.putNextEntry(new ZipEntry(names[i]));
                zip.write(contents[i]);
                zip.closeEntry();
            }
        }
    }

    private static void writeZip(Path file, String entry, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
    }

    private static void rewriteJson(Path from, Path to, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        String json = null;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(from))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(ModelFiles.METADATA)) {
                    json = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                } else {
                    params.write(zip.readAllBytes());
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(to); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(ModelFiles.METADATA));
            zip.write(edit.apply(json).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(ModelFiles.PARAMETERS));
            params.writeTo(zip);
            zip.closeEntry();
        }
    }
}
