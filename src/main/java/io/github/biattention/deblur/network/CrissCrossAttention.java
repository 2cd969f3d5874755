package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
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
            try (NDScope scope = new NDScope()) { // frees each pass's projections as soon as it is done
                NDArray q = query.forward(store, new NDList(x), training).singletonOrThrow();
                NDArray k = key.forward(store, new NDList(x), training).singletonOrThrow();
                NDArray v = value.forward(store, new NDList(x), training).singletonOrThrow();
                x = aggregate(q, k, v).mul(g).add(x);
                NDScope.unregister(x);
            }
        }
        return new NDList(x);
    }

    /**
     * The attention itself, without projections or residual: for each pixel, the softmax-weighted sum of V over its
     * row and column (the centre counted once).
     *
     * <p>Each branch (rows, columns) is computed with batched matrix products on contiguous copies of its lines, in
     * chunks of lines small enough that the energy maps stay below {@link #CHUNK_ELEMENTS} floats; each chunk's
     * temporaries are freed before the next chunk, so the next one reuses their memory (fresh pages cost more in
     * page faults than the arithmetic). A branch yields, per pixel, its un-normalised sum of V, its sum of
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
        // Row branch: lines are image rows, positions their pixels; column branch: lines are columns. The column
        // branch leaves its diagonal out: the centre is counted once, in the row branch.
        Branch rows = Branch.of(q, k, v, Axes.ROWS);
        Branch cols = Branch.of(q, k, v, Axes.COLUMNS);
        try (NDScope scope = new NDScope()) {
            Branch colsAsRows = cols.transposed();
            NDArray max = rows.max.maximum(colsAsRows.max).stopGradient();
            NDArray rowScale = rows.max.sub(max).exp();
            // A column of one pixel has only its masked diagonal: its maximum is about -1e30, and its scale 0.
            NDArray colScale = colsAsRows.max.sub(max).exp();
            NDArray norm = rows.sum.mul(rowScale).add(colsAsRows.sum.mul(colScale)); // >= the row's maximum term
            NDArray out = rows.weighted.mul(rowScale.div(norm).expandDims(3))
                    .add(colsAsRows.weighted.mul(colScale.div(norm).expandDims(3)))
                    .transpose(0, 3, 1, 2);
            NDScope.unregister(out);
            rows.close();
            cols.close();
            return out;
        }
    }

    /** Lowest exponent of the softmax (see {@link Branch#of}). */
    static final float MIN_EXPONENT = -80f;

    /** Largest energy map of one chunk, in floats (4 MiB). */
    static final long CHUNK_ELEMENTS = Long.getLong("cca.chunk", 1L << 20);

    /** Which lines a branch attends along: image rows (positions along W) or columns (along H) of NCHW. */
    private enum Axes {
        ROWS(2, 3),
        COLUMNS(3, 2);

        final int lineAxis;
        final int positionAxis;

        Axes(int lineAxis, int positionAxis) {
            this.lineAxis = lineAxis;
            this.positionAxis = positionAxis;
        }

        /** NCHW to [batch, lines, positions, channels]. */
        int[] linesPositionsChannels() {
            return new int[] {0, lineAxis, positionAxis, 1};
        }

        /** NCHW to [batch, lines, channels, positions]. */
        int[] linesChannelsPositions() {
            return new int[] {0, lineAxis, 1, positionAxis};
        }

        /** The column branch leaves each pixel itself out: the centre is counted once, in the row branch. */
        boolean masksDiagonal() {
            return this == COLUMNS;
        }
    }

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
         * Attention along the lines of {@code axes} of NCHW inputs; for columns each position leaves itself out.
         * Every chunk's temporaries are closed as soon as the chunk is done, so the next chunk reuses their memory
         * (left to the end of the tile, each new array is fresh pages, and the page faults cost more than the
         * arithmetic).
         */
        static Branch of(NDArray q, NDArray k, NDArray v, Axes axes) {
            Shape s = q.getShape();
            long b = s.get(0);
            long lines = s.get(axes.lineAxis);
            long n = s.get(axes.positionAxis);
            long count = b * lines;
            long chunk = Math.max(1, CHUNK_ELEMENTS / (n * n));
            NDList weighted = new NDList();
            NDList sums = new NDList();
            NDList maxima = new NDList();
            try (NDScope scope = new NDScope()) {
                // Contiguous [lines, n, c] queries and values and [lines, c, n] keys. A reshape of the transposed
                // image is often a view with odd strides, and a batched product on such views is several times
                // slower; flattening copies them into the order the products read.
                NDArray qb = contiguous(q.transpose(axes.linesPositionsChannels()), count, n, -1);
                NDArray kb = contiguous(k.transpose(axes.linesChannelsPositions()), count, -1, n);
                NDArray vb = contiguous(v.transpose(axes.linesPositionsChannels()), count, n, -1);
                for (long start = 0; start < count; start += chunk) {
                    NDIndex range = new NDIndex("{}:{}", start, Math.min(count, start + chunk));
                    try (NDScope chunkScope = new NDScope()) {
                        NDArray energy = qb.get(range).matMul(kb.get(range)); // [chunk, n, n]
                        if (axes.masksDiagonal()) {
                            energy.diagonal(0, 1, 2).subi(-MASKED);
                        }
                        NDArray max = energy.max(new int[] {2}, true).stopGradient();
                        // Floor at -80: exp stays a normal float (>= 1.8e-35). Denormal results (from -87 down to
                        // -103) make every later multiplication with them tens of times slower on some CPUs; the
                        // mass they would carry is below float precision next to the maximum's weight of 1.
                        // clip, not maximum(float): DJL makes a Number operand from a Java buffer that the backward
                        // pass reads after the JVM may have reused it (CrissCrossAttentionTest, DeblurLoss).
                        NDArray p = energy.sub(max).clip(MIN_EXPONENT, 0f).exp();
                        NDArray sum = p.sum(new int[] {2});
                        NDArray top = max.squeeze(2);
                        NDArray w = p.matMul(vb.get(range));
                        NDScope.unregister(sum, top, w);
                        sums.add(sum);
                        maxima.add(top);
                        weighted.add(w);
                    }
                }
                Branch branch = new Branch(
                        concat(weighted).reshape(b, lines, n, -1),
                        concat(sums).reshape(b, lines, n),
                        concat(maxima).reshape(b, lines, n));
                NDScope.unregister(branch.weighted, branch.sum, branch.max);
                if (weighted.size() > 1) {
                    weighted.close();
                    sums.close();
                    maxima.close();
                }
                return branch;
            }
        }

        /** Swaps the two spatial axes (views), so a column branch lines up with a row branch. */
        Branch transposed() {
            return new Branch(weighted.transpose(0, 2, 1, 3), sum.transpose(0, 2, 1), max.transpose(0, 2, 1));
        }

        void close() {
            weighted.close();
            sum.close();
            max.close();
        }

        /** {@code a} reshaped to {@code shape} in row-major order, as one contiguous block. */
        private static NDArray contiguous(NDArray a, long... shape) {
            return a.flatten().reshape(shape);
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
