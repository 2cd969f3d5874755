package io.github.biattention.deblur.imagej;

import ij.ImagePlus;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.Normalization;
import io.github.biattention.deblur.inference.Region;
import io.github.biattention.deblur.model.DeblurModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * {@link ImageDeblurring#deblur} in parts that separate workers compute: a {@link Plan} (each plane's normalisation,
 * fitted once over the image as the whole run fits it, and the blocks each plane is cut into), any block on its own,
 * and the image put together from its blocks. The result equals {@link ImageDeblurring#deblur}'s bit for bit, since
 * every block takes the tiles of the whole plane's tiling that reach into it (its halo) and blends them with the
 * whole plane's weights ({@link DeblurEngine#deblurRegion}).
 */
public final class BlockDeblurring {

    private BlockDeblurring() {}

    /** Where the parts of one image lie; small and serializable, so that it can be sent to workers. */
    public static final class Plan implements Serializable {
        private static final long serialVersionUID = 1L;

        private final long[] dims;
        // {low, high} per plane, or null for a plane without any finite pixel.
        private final double[][] normalizations;
        // A plain ArrayList: serializers that rebuild lists by adding to them (Kryo) cannot fill unmodifiable ones.
        private final ArrayList<Region> blocks;

        private Plan(long[] dims, double[][] normalizations, ArrayList<Region> blocks) {
            this.dims = dims;
            this.normalizations = normalizations;
            this.blocks = blocks;
        }

        /** The planes, in the engine's order ({@link DeblurEngine#planeAt}). */
        public int planes() {
            return normalizations.length;
        }

        /** The blocks of every plane, row by row; together they cover the plane once. */
        public List<Region> blocks() {
            return Collections.unmodifiableList(blocks);
        }

        Optional<Normalization> normalization(int plane) {
            double[] n = normalizations[plane];
            return n == null ? Optional.empty() : Optional.of(new Normalization(n[0], n[1]));
        }
    }

    /** One computed block of one plane. */
    public static final class Part implements Serializable {
        private static final long serialVersionUID = 1L;

        final int plane;
        final Region block;
        final float[] values;

        public Part(int plane, Region block, float[] values) {
            if (values.length != block.width() * block.height()) {
                throw new IllegalArgumentException(values.length + " values for the block " + block);
            }
            this.plane = plane;
            this.block = block;
            this.values = values;
        }
    }

    /**
     * Fits the normalisation of every plane as {@link ImageDeblurring#deblur} would, and cuts each plane into blocks
     * of at most {@code blockSide} pixels a side.
     *
     * @throws IllegalArgumentException if the block side is below the settings' tile (blocks smaller than a tile
     *     would run most tiles several times), the settings ask for the optics-aware step (whole planes only), or the
     *     image cannot be deblurred
     */
    public static Plan plan(ImagePlus image, DeblurModel model, DeblurSettings settings, int blockSide) {
        if (blockSide < settings.tileSize()) {
            throw new IllegalArgumentException("Blocks of " + blockSide + " pixels are smaller than a tile ("
                    + settings.tileSize() + "): give blocks of at least one tile");
        }
        if (settings.refinement().isPresent()) {
            throw new IllegalArgumentException("The optics-aware step works on whole planes and cannot be split");
        }
        RandomAccessibleInterval<? extends RealType<?>> wrapped = ImagePlusBridge.wrap(image);
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Optional<Normalization>> fitted = DeblurEngine.planeNormalizations((RandomAccessibleInterval) wrapped,
                ImagePlusBridge.CHANNEL_AXIS, model.metadata(), settings);
        double[][] normalizations = new double[fitted.size()][];
        for (int p = 0; p < normalizations.length; p++) {
            normalizations[p] = fitted.get(p).map(n -> new double[] {n.low(), n.high()}).orElse(null);
        }
        long width = wrapped.dimension(0);
        long height = wrapped.dimension(1);
        ArrayList<Region> blocks = new ArrayList<>();
        for (long y = 0; y < height; y += blockSide) {
            for (long x = 0; x < width; x += blockSide) {
                blocks.add(new Region(x, y, Math.min(blockSide, width - x), Math.min(blockSide, height - y)));
            }
        }
        return new Plan(wrapped.dimensionsAsLongArray(), normalizations, blocks);
    }

    /** Deblurs one block of one plane: the values {@link ImageDeblurring#deblur} gives those pixels, as float. */
    public static Part deblurBlock(ImagePlus image, Plan plan, int plane, Region block, DeblurModel model,
            DeblurSettings settings, BooleanSupplier cancelled) {
        RandomAccessibleInterval<? extends RealType<?>> wrapped = ImagePlusBridge.wrap(image);
        if (!Arrays.equals(wrapped.dimensionsAsLongArray(), plan.dims)) {
            throw new IllegalArgumentException("The image (" + Arrays.toString(wrapped.dimensionsAsLongArray())
                    + ") is not the one planned (" + Arrays.toString(plan.dims) + "): did the file change?");
        }
        return new Part(plane, block, DeblurEngine.deblurRegion(DeblurEngine.planeAt(wrapped, plane),
                plan.normalization(plane), block, model, settings, cancelled));
    }

    /**
     * The deblurred image from all its parts, as {@link ImageDeblurring#deblur} returns it for {@code input}.
     *
     * @throws IllegalArgumentException if a block is missing, given twice, or not one of the plan's
     */
    public static ImagePlus assemble(ImagePlus input, Plan plan, Collection<Part> parts, boolean keepBitDepth) {
        int width = Math.toIntExact(plan.dims[0]);
        int height = Math.toIntExact(plan.dims[1]);
        List<float[]> planes = new ArrayList<>(plan.planes());
        for (int p = 0; p < plan.planes(); p++) {
            planes.add(new float[width * height]);
        }
        boolean[][] seen = new boolean[plan.planes()][plan.blocks.size()];
        for (Part part : parts) {
            int index = plan.blocks.indexOf(part.block);
            if (part.plane < 0 || part.plane >= plan.planes() || index < 0) {
                throw new IllegalArgumentException("Block " + part.block + " of plane " + part.plane
                        + " is not in the plan");
            }
            if (seen[part.plane][index]) {
                throw new IllegalArgumentException("Block " + part.block + " of plane " + part.plane + " given twice");
            }
            seen[part.plane][index] = true;
            float[] target = planes.get(part.plane);
            Region b = part.block;
            for (int y = 0; y < b.height(); y++) {
                System.arraycopy(part.values, y * b.width(), target, (int) ((b.y0() + y) * width + b.x0()),
                        b.width());
            }
        }
        for (int p = 0; p < seen.length; p++) {
            for (int i = 0; i < seen[p].length; i++) {
                if (!seen[p][i]) {
                    throw new IllegalArgumentException("Block " + plan.blocks.get(i) + " of plane " + p
                            + " is missing");
                }
            }
        }
        return ImageDeblurring.toResult(DeblurEngine.fromPlanes(planes, plan.dims), input, keepBitDepth);
    }
}
