package io.github.biattention.deblur.interop;

import java.util.Arrays;

/**
 * A C-ordered array as stored in a {@code .npy} file: float32 ({@code <f4}) or uint8 ({@code |u1}). Immutable in
 * intent: the arrays are not copied, so do not change them after construction.
 */
public final class NpyArray {

    /** The element types read and written. */
    public enum DType {
        FLOAT32("<f4", 4),
        UINT8("|u1", 1);

        private final String descr;
        private final int bytes;

        DType(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }

        /** NumPy's type string, as written in the header. */
        public String descr() {
            return descr;
        }

        public int bytes() {
            return bytes;
        }
    }

    private final DType dtype;
    private final long[] shape;
    private final float[] floats;
    private final byte[] bytes;

    private NpyArray(DType dtype, long[] shape, float[] floats, byte[] bytes) {
        long size = size(shape);
        long length = floats != null ? floats.length : bytes.length;
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " elements, data has " + length);
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.floats = floats;
        this.bytes = bytes;
    }

    public static NpyArray ofFloats(float[] data, long... shape) {
        return new NpyArray(DType.FLOAT32, shape, data, null);
    }

    /** A one-dimensional uint8 array. */
    public static NpyArray ofBytes(byte[] data) {
        return new NpyArray(DType.UINT8, new long[] {data.length}, null, data);
    }

    public static NpyArray ofBytes(byte[] data, long... shape) {
        return new NpyArray(DType.UINT8, shape, null, data);
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long size() {
        return size(shape);
    }

    /** The float32 elements in C order; fails for other types. */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("not a float32 array but " + dtype.descr());
        }
        return floats;
    }

    /** The uint8 elements in C order; fails for other types. */
    public byte[] bytes() {
        if (bytes == null) {
            throw new IllegalStateException("not a uint8 array but " + dtype.descr());
        }
        return bytes;
    }

    static long size(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            if (s != 0 && n > Long.MAX_VALUE / s) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more elements than"
                        + " any array can hold");
            }
            n *= s;
        }
        return n;
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + ", shape " + Arrays.toString(shape) + "]";
    }
}
