package io.github.biattention.deblur.data;

/** The 8 flips and 90° rotations of a square plane (the dihedral group of the square). */
final class Dihedral {
    private Dihedral() {
    }

    /**
     * @param transform in [0, 8): bit 0 flips x, bit 1 flips y, bit 2 transposes (applied first)
     */
    static Plane apply(float[] src, int size, int transform) {
        boolean flipX = (transform & 1) != 0;
        boolean flipY = (transform & 2) != 0;
        boolean transpose = (transform & 4) != 0;
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sx = flipX ? size - 1 - x : x;
                int sy = flipY ? size - 1 - y : y;
                out[y * size + x] = transpose ? src[sx * size + sy] : src[sy * size + sx];
            }
        }
        return new Plane(size, size, out);
    }
}
