package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd off on the current thread for the duration of a try-with-resources block, and restores
 * it afterwards.
 *
 * <p>Why: {@code training = false} and a non-copying {@code ParameterStore} do not stop autograd. The parameters of a
 * DJL model require gradients, and PyTorch's grad mode is thread-local and on by default; DJL switches it off only on
 * the thread that started the engine. On any other thread (a Fiji command thread, a worker) every forward pass would
 * record a graph and keep the intermediate activations alive until the output is closed: more memory per tile and
 * slower. Engines other than PyTorch are left untouched.
 *
 * <p>Not thread-safe: open and close on the same thread.
 */
public final class NoGradScope implements AutoCloseable {

    private final boolean restore;

    private NoGradScope(boolean restore) {
        this.restore = restore;
    }

    /** Disables autograd on this thread if {@code manager} belongs to the PyTorch engine. */
    public static NoGradScope enter(NDManager manager) {
        if (!PtEngine.ENGINE_NAME.equals(manager.getEngine().getEngineName())) {
            return new NoGradScope(false);
        }
        boolean wasEnabled = JniUtils.isGradMode();
        if (wasEnabled) {
            JniUtils.setGradMode(false);
        }
        return new NoGradScope(wasEnabled);
    }

    @Override
    public void close() {
        if (restore) {
            JniUtils.setGradMode(true);
        }
    }
}
