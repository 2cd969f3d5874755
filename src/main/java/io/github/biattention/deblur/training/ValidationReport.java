package io.github.biattention.deblur.training;

/** Mean PSNR/SSIM on the fixed validation set, of the network's output and of the blurred input. */
public final class ValidationReport {

    public final int step;
    public final double psnr;
    public final double ssim;
    public final double blurredPsnr;
    public final double blurredSsim;

    ValidationReport(int step, double psnr, double ssim, double blurredPsnr, double blurredSsim) {
        this.step = step;
        this.psnr = psnr;
        this.ssim = ssim;
        this.blurredPsnr = blurredPsnr;
        this.blurredSsim = blurredSsim;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "step %d: PSNR %.2f dB (blurred %.2f, %+.2f), SSIM %.4f (blurred %.4f)",
                step, psnr, blurredPsnr, psnr - blurredPsnr, ssim, blurredSsim);
    }
}
