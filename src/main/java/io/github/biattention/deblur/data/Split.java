package io.github.biattention.deblur.data;

import java.util.Locale;

/** Which part of a data set to evaluate: the published test split (what papers report), training, or both. */
public enum Split {
    TEST, TRAIN, ALL;

    /**
     * @param name "test", "train" or "all", any case
     * @throws IllegalArgumentException for anything else, listing the choices
     */
    public static Split parse(String name) {
        for (Split split : values()) {
            if (split.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return split;
            }
        }
        throw new IllegalArgumentException("Unknown split '" + name + "': use test, train or all");
    }

    /** "test", "train" or "all". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
