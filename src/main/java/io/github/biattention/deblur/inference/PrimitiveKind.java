package io.github.biattention.deblur.inference;

import net.imglib2.img.basictypeaccess.DataAccess;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The pixel types whose ImgLib2 storage is one primitive array element per
 * pixel, with bulk conversion of a run of elements to {@code float}/{@code double}.
 *
 * <p>Conversions happen once per run (a row or a chunk), so the per-pixel loop
 * is a tight monomorphic loop over a primitive array rather than a virtual
 * {@code RealType} call per pixel.
 */
enum PrimitiveKind {
    BYTE, UNSIGNED_BYTE, SHORT, UNSIGNED_SHORT, INT, UNSIGNED_INT, FLOAT, DOUBLE;

    /**
     * The kind for a pixel type and its storage array, or {@code null} when the
     * pair is not one plain element per pixel. The type class must match
     * exactly: subclasses (or packed types such as 12-bit) may lay data out
     * differently.
     */
    static PrimitiveKind of(final Object type, final Object array) {
        if (type == null || array == null) return null;
        final Class<?> c = type.getClass();
        if (array instanceof byte[]) {
            if (c == UnsignedByteType.class) return UNSIGNED_BYTE;
            if (c == ByteType.class) return BYTE;
        } else if (array instanceof short[]) {
            if (c == UnsignedShortType.class) return UNSIGNED_SHORT;
            if (c == ShortType.class) return SHORT;
        } else if (array instanceof int[]) {
            if (c == UnsignedIntType.class) return UNSIGNED_INT;
            if (c == IntType.class) return INT;
        } else if (array instanceof float[]) {
            if (c == FloatType.class) return FLOAT;
        } else if (array instanceof double[]) {
            if (c == DoubleType.class) return DOUBLE;
        }
        return null;
    }

    /** The primitive storage array behind an access, or {@code null} if it has none. */
    static Object storageOf(final DataAccess access) {
        return access instanceof ArrayDataAccess ? ((ArrayDataAccess<?>) access).getCurrentStorageArray() : null;
    }

    /** Converts {@code array[from .. from+len)} into {@code dst[dstPos .. dstPos+len)}. */
    void toFloat(final Object array, final int from, final float[] dst, final int dstPos, final int len) {
        switch (this) {
            case BYTE: {
                final byte[] a = (byte[]) array;
                for (int i = 0; i < len; i++) dst[dstPos + i] = a[from + i];
                break;
            }
            case UNSIGNED_BYTE: {
                final byte[] a = (byte[]) array;
                for (int i = 0; i < len; i++) dst[dstPos + i] = a[from + i] & 0xff;
                break;
            }
            case SHORT: {
                final short[] a = (short[]) array;
                for (int i = 0; i < len; i++) dst[dstPos + i] = a[from + i];
                break;
            }
            case UNSIGNED_SHORT: {
                final short[] a = (short[]) array;
                for (int i = 0; i < len; i++) dst[dstPos + i] = a[from + i] & 0xffff;
                break;
            }
            case INT: {
                final int[] a = (int[]) array;
                for (int i = 0; i < len; i++) dst[dstPos + i] = a[from + i];
                break;
            }
            case UNSIGNED_INT: {
                final int[] a = (int[]) array;
                for (int i = 0; i < len; i++) dst[dstPos + i] = a[from + i] & 0xffffffffL;
                break;
            }
            case FLOAT:
                System.arraycopy(array, from, dst, dstPos, len);
                break;
            case DOUBLE: {
                final double[] a = (double[]) array;
                for (int i = 0; i < len; i++) dst[dstPos + i] = (float) a[from + i];
                break;
            }
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Converts {@code array[from .. from+len)} into {@code dst[0 .. len)} as
     * doubles (exact for every kind, unlike float for 32-bit integers).
     */
    void toDouble(final Object array, final int from, final double[] dst, final int len) {
        switch (this) {
            case BYTE: {
                final byte[] a = (byte[]) array;
                for (int i = 0; i < len; i++) dst[i] = a[from + i];
                break;
            }
            case UNSIGNED_BYTE: {
                final byte[] a = (byte[]) array;
                for (int i = 0; i < len; i++) dst[i] = a[from + i] & 0xff;
                break;
            }
            case SHORT: {
                final short[] a = (short[]) array;
                for (int i = 0; i < len; i++) dst[i] = a[from + i];
                break;
            }
            case UNSIGNED_SHORT: {
                final short[] a = (short[]) array;
                for (int i = 0; i < len; i++) dst[i] = a[from + i] & 0xffff;
                break;
            }
            case INT: {
                final int[] a = (int[]) array;
                for (int i = 0; i < len; i++) dst[i] = a[from + i];
                break;
            }
            case UNSIGNED_INT: {
                final int[] a = (int[]) array;
                for (int i = 0; i < len; i++) dst[i] = a[from + i] & 0xffffffffL;
                break;
            }
            case FLOAT: {
                final float[] a = (float[]) array;
                for (int i = 0; i < len; i++) dst[i] = a[from + i];
                break;
            }
            case DOUBLE:
                System.arraycopy(array, from, dst, 0, len);
                break;
            default:
                throw new AssertionError(this);
        }
    }
}
