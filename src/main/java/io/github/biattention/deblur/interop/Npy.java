package io.github.biattention.deblur.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0 written; 1.0, 2.0 and 3.0 read): the magic string {@code \x93NUMPY}, two
 * version bytes, the header length (little-endian uint16 in 1.0, uint32 in 2.0/3.0), an ASCII header holding a Python
 * dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces and a final
 * newline so that the data starts at a multiple of 64 bytes, then the elements in C order.
 *
 * <p>Element types: float32 ({@code <f4}; {@code >f4} is also read) and uint8 ({@code |u1}). Fortran-ordered arrays
 * are refused.
 */
public final class Npy {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    static final int ALIGNMENT = 64;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** The header dict of {@code array}, as NumPy spells it (without padding). */
    static String headerDict(NpyArray array) {
        long[] shape = array.shape();
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        s.append(shape.length == 1 ? ",)" : ")");
        return "{'descr': '" + array.dtype().descr() + "', 'fortran_order': False, 'shape': " + s + ", }";
    }

    /** The complete file content. */
    public static byte[] toBytes(NpyArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(array, out);
        } catch (IOException e) {
            throw new IllegalStateException(e); // cannot happen with a byte array stream
        }
        return out.toByteArray();
    }

    /** Writes {@code array} in format 1.0. */
    public static void write(NpyArray array, OutputStream out) throws IOException {
        String dict = headerDict(array);
        int prefix = MAGIC.length + 2 + 2;
        int unpadded = prefix + dict.length() + 1; // + the final newline
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        int headerLength = dict.length() + padding + 1;
        if (headerLength > 0xFFFF) {
            throw new IOException("header too long for .npy version 1.0: " + headerLength + " bytes");
        }
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        out.write(headerLength & 0xFF);
        out.write(headerLength >>> 8);
        out.write(dict.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < padding; i++) {
            out.write(' ');
        }
        out.write('\n');
        if (array.dtype() == NpyArray.DType.UINT8) {
            out.write(array.bytes());
            return;
        }
        float[] data = array.floats();
        ByteBuffer buffer = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < data.length; start += 8192) {
            int n = Math.min(8192, data.length - start);
            buffer.clear();
            buffer.asFloatBuffer().put(data, start, n);
            out.write(buffer.array(), 0, 4 * n);
        }
    }

    /**
     * Parses a complete {@code .npy} file.
     *
     * @param what names the array in error messages
     * @throws IOException if the content is not a supported {@code .npy} array
     */
    public static NpyArray parse(byte[] file, String what) throws IOException {
        if (file.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new IOException(what + " is not a .npy array (no \\x93NUMPY magic)");
        }
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int major = file[6] & 0xFF;
        in.position(8);
        long headerLength;
        if (major == 1) {
            headerLength = in.getShort() & 0xFFFF;
        } else if (major == 2 || major == 3) {
            headerLength = in.getInt() & 0xFFFFFFFFL;
        } else {
            throw new IOException(what + " has .npy format version " + major + ", not 1, 2 or 3");
        }
        int dataStart = in.position() + (int) headerLength;
        if (headerLength > file.length || dataStart > file.length) {
            throw new IOException(what + " is truncated (header of " + headerLength + " bytes)");
        }
        String header = new String(file, in.position(), (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr", what);
        if ("True".equals(group(FORTRAN, header, "fortran_order", what))) {
            throw new IOException(what + " is stored in Fortran order; save it C-contiguous");
        }
        long[] shape = parseShape(group(SHAPE, header, "shape", what), what);
        long size;
        try {
            size = NpyArray.size(shape);
        } catch (IllegalArgumentException e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
        ByteOrder order;
        NpyArray.DType dtype;
        switch (descr) {
            case "<f4":
                dtype = NpyArray.DType.FLOAT32;
                order = ByteOrder.LITTLE_ENDIAN;
                break;
            case ">f4":
                dtype = NpyArray.DType.FLOAT32;
                order = ByteOrder.BIG_ENDIAN;
                break;
            case "|u1":
            case "<u1":
            case ">u1":
                dtype = NpyArray.DType.UINT8;
                order = ByteOrder.LITTLE_ENDIAN;
                break;
            default:
                throw new IOException(what + " has element type '" + descr + "'; only float32 ('<f4') and uint8"
                        + " ('|u1') are read (convert with .astype(numpy.float32))");
        }
        long bytes = size > Long.MAX_VALUE / dtype.bytes() ? Long.MAX_VALUE : size * dtype.bytes();
        if (file.length - dataStart != bytes) {
            throw new IOException(what + ": shape " + Arrays.toString(shape) + " of " + descr + " needs " + bytes
                    + " bytes of data, the file has " + (file.length - dataStart));
        }
        if (dtype == NpyArray.DType.UINT8) {
            return NpyArray.ofBytes(Arrays.copyOfRange(file, dataStart, file.length), shape);
        }
        float[] data = new float[(int) size];
        ByteBuffer.wrap(file, dataStart, (int) bytes).order(order).asFloatBuffer().get(data);
        return NpyArray.ofFloats(data, shape);
    }

    private static String group(Pattern pattern, String header, String key, String what) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(what + " has no '" + key + "' in its .npy header: " + header.strip());
        }
        return m.group(1);
    }

    private static long[] parseShape(String tuple, String what) throws IOException {
        String[] parts = tuple.split(",");
        long[] shape = new long[parts.length];
        int n = 0;
        for (String p : parts) {
            if (!p.isBlank()) {
                try {
                    shape[n++] = Long.parseLong(p.strip().replace("L", ""));
                } catch (NumberFormatException e) {
                    throw new IOException(what + " has an invalid shape (" + tuple + ")", e);
                }
            }
        }
        return Arrays.copyOf(shape, n);
    }
}
