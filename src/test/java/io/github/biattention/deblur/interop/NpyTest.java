package io.github.biattention.deblur.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    /**
     * {@code numpy.savez(f, weight=float32 [[1.5, -2, 0.25], [3, 1e-8, -0.0]], __config__=uint8 b'{"x": 1}',
     * scalar=float32(7))} with NumPy 1.24 (entries carry ZIP64 extra fields).
     */
    private static final String NUMPY_NPZ =
            "UEsDBBQAAAAAAAAAIQDpPagimAAAAJgAAAAKABQAd2VpZ2h0Lm5weQEAEACYAAAAAAAAAJgAAAAAAAAAk05VTVBZAQB2AHsnZGVzY3In"
            + "OiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAAwAAAgD4AAEBAd8wrMgAAAIBQSwMEFAAAAAAAAAAhAKONt6iIAAAA"
            + "iAAAAA4AFABfX2NvbmZpZ19fLm5weQEAEACIAAAAAAAAAIgAAAAAAAAAk05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5f"
            + "b3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDgsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg"
            + "ICAgICAgICAgICAgIAp7IngiOiAxfVBLAwQUAAAAAAAAACEAKlvYCIQAAACEAAAACgAUAHNjYWxhci5ucHkBABAAhAAAAAAAAACEAAAA"
            + "AAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxmNCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgpLCB9ICAgICAgICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAADgQFBLAQIUAxQAAAAAAAAAIQDpPagi"
            + "mAAAAJgAAAAKAAAAAAAAAAAAAACAAQAAAAB3ZWlnaHQubnB5UEsBAhQDFAAAAAAAAAAhAKONt6iIAAAAiAAAAA4AAAAAAAAAAAAAAIAB"
            + "1AAAAF9fY29uZmlnX18ubnB5UEsBAhQDFAAAAAAAAAAhACpb2AiEAAAAhAAAAAoAAAAAAAAAAAAAAIABnAEAAHNjYWxhci5ucHlQSwUG"
            + "AAAAAAMAAwCsAAAAXAIAAAAA";

    /** {@code numpy.save(f, numpy.arange(6, dtype='>f4').reshape(2, 3))}: big-endian. */
    private static final String NUMPY_BIG_ENDIAN =
            "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAP4AAAEAAAABAQAAAQIAAAECgAAA=";

    @Test
    void headerIsVersion1AlignedTo64BytesAndDataIsLittleEndianFloat32() {
        float[] data = {1.5f, -2f, 0.25f, 3f, 1e-8f, -0f};
        byte[] file = Npy.toBytes(NpyArray.ofFloats(data, 2, 3));
        assertArrayEquals(Npy.MAGIC, Arrays.copyOf(file, 6));
        assertEquals(1, file[6]);
        assertEquals(0, file[7]);
        int headerLength = (file[8] & 0xFF) | (file[9] & 0xFF) << 8;
        int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64);
        String header = new String(file, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals("", header.substring(header.indexOf('}') + 1, header.length() - 1).strip());
        assertEquals(dataStart + 4 * data.length, file.length);
        ByteBuffer body = ByteBuffer.wrap(file, dataStart, 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            assertEquals(Float.floatToRawIntBits(f), body.getInt());
        }
    }

    @Test
    void shapesAreSpelledAsPythonTuples() {
        assertTrue(Npy.headerDict(NpyArray.ofFloats(new float[3], 3)).contains("'shape': (3,)"));
        assertTrue(Npy.headerDict(NpyArray.ofFloats(new float[1])).contains("'shape': ()"));
        assertTrue(Npy.headerDict(NpyArray.ofFloats(new float[16], 2, 1, 2, 4)).contains("'shape': (2, 1, 2, 4)"));
        assertTrue(Npy.headerDict(NpyArray.ofBytes(new byte[5])).contains("'descr': '|u1'"));
    }

    @Test
    void writtenArraysParseBackBitForBit() throws IOException {
        float[] data = {Float.NaN, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE, 1e30f, 0.1f};
        for (long[] shape : List.of(new long[] {6}, new long[] {1, 1, 2, 3}, new long[] {3, 2})) {
            NpyArray back = Npy.parse(Npy.toBytes(NpyArray.ofFloats(data, shape)), "test");
            assertArrayEquals(shape, back.shape());
            assertEquals(NpyArray.DType.FLOAT32, back.dtype());
            for (int i = 0; i < data.length; i++) {
                assertEquals(Float.floatToRawIntBits(data[i]), Float.floatToRawIntBits(back.floats()[i]));
            }
        }
        NpyArray scalar = Npy.parse(Npy.toBytes(NpyArray.ofFloats(new float[] {7}, new long[0])), "scalar");
        assertEquals(0, scalar.shape().length);
        assertEquals(7f, scalar.floats()[0]);
        byte[] json = "{\"a\": \"é\"}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(json, Npy.parse(Npy.toBytes(NpyArray.ofBytes(json)), "bytes").bytes());
    }

    @Test
    void readsWhatNumpyWrites(@TempDir Path dir) throws IOException {
        Path npz = dir.resolve("numpy.npz");
        Files.write(npz, Base64.getDecoder().decode(NUMPY_NPZ));
        Map<String, NpyArray> arrays = Npz.read(npz);
        assertEquals(List.of("weight", "__config__", "scalar"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new long[] {2, 3}, arrays.get("weight").shape());
        assertArrayEquals(new float[] {1.5f, -2f, 0.25f, 3f, 1e-8f, -0f}, arrays.get("weight").floats());
        assertEquals("{\"x\": 1}", new String(arrays.get("__config__").bytes(), StandardCharsets.UTF_8));
        assertArrayEquals(new float[] {7}, arrays.get("scalar").floats());

        NpyArray big = Npy.parse(Base64.getDecoder().decode(NUMPY_BIG_ENDIAN), "big");
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, big.floats());
    }

    @Test
    void npzRoundTripKeepsNamesOrderAndValues(@TempDir Path dir) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("b.weight", NpyArray.ofFloats(new float[] {1, 2, 3, 4}, 2, 2, 1, 1));
        arrays.put("a.bias", NpyArray.ofFloats(new float[] {-1}, 1));
        arrays.put("__config__", NpyArray.ofBytes(new byte[] {'{', '}'}));
        Path file = dir.resolve("w.npz");
        Npz.write(file, arrays);
        Map<String, NpyArray> back = Npz.read(file);
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
        assertArrayEquals(new float[] {1, 2, 3, 4}, back.get("b.weight").floats());
        assertArrayEquals(new long[] {2, 2, 1, 1}, back.get("b.weight").shape());
    }

    @Test
    void unsupportedContentIsRefusedWithTheReason(@TempDir Path dir) throws IOException {
        byte[] good = Npy.toBytes(NpyArray.ofFloats(new float[] {1, 2}, 2));
        String header = new String(good, 0, good.length - 8, StandardCharsets.ISO_8859_1);
        byte[] doubles = header.replace("<f4", "<f8").getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(IOException.class, () -> Npy.parse(concat(doubles, new byte[16]), "x"))
                .getMessage().contains("'<f8'"));
        byte[] fortran = header.replace("False", "True ").getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(IOException.class, () -> Npy.parse(concat(fortran, new byte[8]), "x"))
                .getMessage().contains("Fortran"));
        assertTrue(assertThrows(IOException.class, () -> Npy.parse(Arrays.copyOf(good, good.length - 1), "x"))
                .getMessage().contains("needs 8 bytes"));
        assertTrue(assertThrows(IOException.class, () -> Npy.parse(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "x"))
                .getMessage().contains("magic"));
        Path notZip = dir.resolve("bad.npz");
        Files.write(notZip, good);
        assertTrue(assertThrows(IOException.class, () -> Npz.read(notZip)).getMessage().contains("not an .npz"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
