package io.github.biattention.deblur.model;

/** A model could not be found, read or used; the message names the model and says what is wrong. */
public final class ModelException extends Exception {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
