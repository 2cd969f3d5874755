package io.github.biattention.deblur.classical;

/** The Bessel function of the first kind of order 0. */
final class Bessel {

    private Bessel() {}

    /**
     * J0(x) from the polynomial approximations of Abramowitz &amp; Stegun 9.4.1 (|x| ≤ 3, error &lt; 5e-8) and
     * 9.4.3 (|x| &gt; 3, modulus and phase, error &lt; 1.6e-8 and 7e-8 rad), absolute error below 1e-7.
     */
    static double j0(double x) {
        double ax = Math.abs(x);
        if (ax <= 3) {
            double t = (x / 3) * (x / 3);
            return 1 + t * (-2.2499997 + t * (1.2656208 + t * (-0.3163866 + t * (0.0444479
                    + t * (-0.0039444 + t * 0.0002100)))));
        }
        double t = 3 / ax;
        double f0 = 0.79788456 + t * (-0.00000077 + t * (-0.00552740 + t * (-0.00009512 + t * (0.00137237
                + t * (-0.00072805 + t * 0.00014476)))));
        double theta0 = ax - 0.78539816 + t * (-0.04166397 + t * (-0.00003954 + t * (0.00262573
                + t * (-0.00054125 + t * (-0.00029333 + t * 0.00013558)))));
        return f0 * Math.cos(theta0) / Math.sqrt(ax);
    }
}
