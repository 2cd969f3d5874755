package io.github.biattention.deblur.data;

/**
 * Order statistics without a full sort: {@link #kth} finds the value of rank k in linear expected time and leaves
 * the array partitioned around it, which is all a percentile or a top share needs.
 */
final class Selection {

    private Selection() {
    }

    /**
     * The value that {@code Arrays.sort(values)} would put at index {@code k}. Reorders {@code values} so that every
     * element before {@code k} is at most that value and every element after it at least that value.
     */
    static float kth(float[] values, int k) {
        if (k < 0 || k >= values.length) {
            throw new IllegalArgumentException("rank " + k + " outside 0.." + (values.length - 1));
        }
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            // Median of three as pivot: sorted or constant runs (flat image areas) stay linear.
            int mid = (lo + hi) >>> 1;
            float pivot = median(values[lo], values[mid], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = values[i];
                    values[i++] = values[j];
                    values[j--] = t;
                }
            }
            // Now values[lo..j] <= pivot <= values[i..hi], and values between j and i equal the pivot.
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static float median(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
