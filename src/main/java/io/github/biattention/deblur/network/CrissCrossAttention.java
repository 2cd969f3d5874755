package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Criss-cross attention (Huang et al., CCNet): every pixel attends to the H+W-1 pixels of its own row and column.
 *
 * <p>Q and K are 1x1 projections to {@code C/8} channels, V a 1x1 projection to {@code C} channels. The energies of
 * the column and the row are normalised by one softmax over the H+W-1 distinct positions, V is aggregated over the same positions, and the result is
 * {@code gamma * aggregated + input}. The module is applied {@code recurrence} times with shared weights; two passes
 * give every pixel a path to every other pixel.
 *
 * <p>{@code gamma} starts at 0 (the block is the identity at initialisation). It is a parameter of type
 * {@link Parameter.Type#OTHER} with its own zero initializer, because a trainer re-initialises every WEIGHT.
 *
 * <p>Input and output: NCHW, same shape.
 */
public final class CrissCrossAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int recurrence;
    private final Conv2d query;
    private final Conv2d key;
    private final Conv2d value;
    private final Parameter gamma;

    /**
     * @param channels number of input (and output) channels
     * @param recurrence how many times the module is applied with shared weights (at least 1)
     */
    public CrissCrossAttention(int channels, int recurrence) {
        super(VERSION);
        if (channels < 1 || recurrence < 1) {
            throw new IllegalArgumentException("channels and recurrence must be >= 1");
        }
        this.recurrence = recurrence;
        int reduced = Math.max(1, channels / 8);
        query = addChildBlock("query", Convs.pointwise(reduced));
        key = addChildBlock("key", Convs.pointwise(reduced));
        value = addChildBlock("value", Convs.pointwise(channels));
        gamma = addParameter(
                Parameter.builder()
                        .setName("gamma")
                        .setType(Parameter.Type.OTHER)
                        .optInitializer(Initializer.ZEROS)
                        .optShape(new Shape(1))
                        .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray g = store.getValue(gamma, x.getDevice(), training);
        for (int r = 0; r < recurrence; r++) {
            NDArray q = query.forward(store, new NDList(x), training).singletonOrThrow();
            NDArray k = key.forward(store, new NDList(x), training).singletonOrThrow();
            NDArray v = value.forward(store, new NDList(x), training).singletonOrThrow();
            x = aggregate(q, k, v).mul(g).add(x);
        }
        return new NDList(x);
    }

    /**
     * The attention itself, without projections or residual: for each pixel, the softmax-weighted sum of V over its
     * row and column (the centre counted once).
     *
     * <p>Each branch (rows, columns) is computed with batched matrix products, in chunks of lines small enough that
     * the energy maps stay below {@link #CHUNK_ELEMENTS} floats (large native allocations are fresh pages, and the
     * page faults cost more than the arithmetic). A branch yields, per pixel, its un-normalised sum of V, its sum of
     * exponentials and its maximum energy; the two branches are merged exactly as one softmax over H+W entries (the
     * log-sum-exp merge), so the H+W energies are never concatenated. The centre is left out of the column branch (its
     * diagonal masked). Subtracting its column term in closed form instead was unstable: the centre's energy computed
     * apart differs from the matrix product's by rounding, and with peaked energies the normaliser came out near 0 or
     * negative, which gave NaN gradients for about 1 random network in 75.
     *
     * @param q queries, (B, Cq, H, W)
     * @param k keys, (B, Cq, H, W)
     * @param v values, (B, C, H, W)
     * @return (B, C, H, W)
     */
    public static NDArray aggregate(NDArray q, NDArray k, NDArray v) {
        // Row branch on [b, h, w, c] and column branch on [b, w, h, c]: the same computation on transposed images.
        // The column branch leaves its diagonal out: the centre is counted once, in the row branch.
        Branch rows = Branch.of(q.transpose(0, 2, 3, 1), k.transpose(0, 2, 3, 1), v.transpose(0, 2, 3, 1), false);
        Branch cols = Branch.of(q.transpose(0, 3, 2, 1), k.transpose(0, 3, 2, 1), v.transpose(0, 3, 2, 1), true)
                .transposed();
        NDArray max = rows.max.maximum(cols.max).stopGradient();
        NDArray rowScale = rows.max.sub(max).exp();
        // A column of one pixel has only its masked diagonal: its maximum is about -1e30, and its scale 0.
        NDArray colScale = cols.max.sub(max).exp();
        NDArray norm = rows.sum.mul(rowScale).add(cols.sum.mul(colScale)); // >= the row's maximum term > 0
        NDArray out = rows.weighted.mul(rowScale.expandDims(3))
                .add(cols.weighted.mul(colScale.expandDims(3)))
                .div(norm.expandDims(3));
        return out.transpose(0, 3, 1, 2);
    }

    /** Lowest exponent of the softmax (see {@link Branch#of}). */
    static final float MIN_EXPONENT = -80f;

    /** Largest energy map of one chunk, in floats (4 MiB). */
    static final long CHUNK_ELEMENTS = Long.getLong("cca.chunk", 1L << 20);

    /** Softmax statistics of one branch: per pixel, sum of exp(e - max) * V, sum of exp(e - max), and max. */
    private static final class Branch {
        final NDArray weighted; // [b, lines, n, c]
        final NDArray sum; // [b, lines, n]
        final NDArray max; // [b, lines, n]

        private Branch(NDArray weighted, NDArray sum, NDArray max) {
            this.weighted = weighted;
            this.sum = sum;
            this.max = max;
        }

        /** Energy added to a masked diagonal: far below any real energy, still finite so no inf - inf arises. */
        static final float MASKED = -1e30f;

        /**
         * Attention along the last spatial axis: inputs [b, lines, n, channels]; with {@code maskDiagonal} each
         * position leaves itself out.
         */
        static Branch of(NDArray q, NDArray k, NDArray v, boolean maskDiagonal) {
            Shape s = q.getShape();
            long b = s.get(0);
            long lines = s.get(1);
            long n = s.get(2);
            NDArray qb = q.reshape(b * lines, n, -1);
            NDArray kb = k.reshape(b * lines, n, -1).transpose(0, 2, 1);
            NDArray vb = v.reshape(b * lines, n, -1);
            long chunk = Math.max(1, CHUNK_ELEMENTS / (n * n));
            NDArray diagonal = maskDiagonal ? q.getManager().eye((int) n).mul(MASKED).toType(q.getDataType(), false)
                    : null;
            NDList weighted = new NDList();
            NDList sums = new NDList();
            NDList maxima = new NDList();
            for (long start = 0; start < b * lines; start += chunk) {
                long end = Math.min(b * lines, start + chunk);
                NDIndex range = new NDIndex("{}:{}", start, end);
                NDArray energy = qb.get(range).matMul(kb.get(range)); // [chunk, n, n]
                if (maskDiagonal) {
                    energy = energy.add(diagonal);
                }
                NDArray max = energy.max(new int[] {2}, true).stopGradient();
                // Floor at -80: exp stays a normal float (>= 1.8e-35). Denormal results (from -87 down to -103)
                // make every later multiplication with them tens of times slower on CPUs; the mass they would carry
                // is below float precision next to the maximum's weight of 1.
                NDArray p = energy.sub(max).maximum(MIN_EXPONENT).exp();
                sums.add(p.sum(new int[] {2}));
                maxima.add(max.squeeze(2));
                weighted.add(p.matMul(vb.get(range)));
            }
            return new Branch(
                    concat(weighted).reshape(b, lines, n, -1),
                    concat(sums).reshape(b, lines, n),
                    concat(maxima).reshape(b, lines, n));
        }

        /** Swaps the two spatial axes, so a column branch lines up with a row branch. */
        Branch transposed() {
            return new Branch(weighted.transpose(0, 2, 1, 3), sum.transpose(0, 2, 1), max.transpose(0, 2, 1));
        }

        private static NDArray concat(NDList parts) {
            return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        }
    }

    /** The current value of gamma (for tests and model cards). */
    public float gamma() {
        return gamma.getArray().getFloat();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        query.initialize(manager, dataType, inputShapes);
        key.initialize(manager, dataType, inputShapes);
        value.initialize(manager, dataType, inputShapes);
    }
}
