package io.github.biattention.deblur.classical;

/** The curvature term of total-variation regularisation, div(∇u / |∇u|), on a rectangle of a row-major buffer. */
final class TotalVariation {

    private TotalVariation() {}

    /**
     * Writes div(∇u / sqrt(|∇u|² + ε²)) for every pixel of the region into {@code out} (same indexing as {@code u});
     * pixels outside the region are left alone. The gradient uses forward differences, the divergence backward
     * differences (its adjoint), and the region's edges are Neumann (no flux out), so each value lies in [-4, 4].
     */
    static void divergenceOfUnitGradient(float[] u, int stride, int x0, int y0, int w, int h, double epsilon,
            float[] out) {
        float[] px = new float[w * h];
        float[] py = new float[w * h];
        double eps2 = epsilon * epsilon;
        for (int y = 0; y < h; y++) {
            int row = (y0 + y) * stride + x0;
            for (int x = 0; x < w; x++) {
                int i = row + x;
                double gx = x + 1 < w ? u[i + 1] - u[i] : 0;
                double gy = y + 1 < h ? u[i + stride] - u[i] : 0;
                double norm = Math.sqrt(gx * gx + gy * gy + eps2);
                px[y * w + x] = (float) (gx / norm);
                py[y * w + x] = (float) (gy / norm);
            }
        }
        for (int y = 0; y < h; y++) {
            int row = (y0 + y) * stride + x0;
            for (int x = 0; x < w; x++) {
                int j = y * w + x;
                float dx = px[j] - (x > 0 ? px[j - 1] : 0);
                float dy = py[j] - (y > 0 ? py[j - w] : 0);
                out[row + x] = dx + dy;
            }
        }
    }
}
