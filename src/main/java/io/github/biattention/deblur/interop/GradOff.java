package io.github.biattention.deblur.interop;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch's autograd off on the current thread until closed (grad mode is thread-local; parameters require
 * gradients, so in-place writes to them and forward passes would otherwise record a graph). Other engines are left
 * alone. Open and close on the same thread.
 */
final class GradOff implements AutoCloseable {

    private final boolean restore;

    private GradOff(boolean restore) {
        this.restore = restore;
    }

    static GradOff enter() {
        if (!PtEngine.ENGINE_NAME.equals(Engine.getInstance().getEngineName()) || !JniUtils.isGradMode()) {
            return new GradOff(false);
        }
        JniUtils.setGradMode(false);
        return new GradOff(true);
    }

    @Override
    public void close() {
        if (restore) {
            JniUtils.setGradMode(true);
        }
    }
}
