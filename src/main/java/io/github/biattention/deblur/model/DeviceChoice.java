package io.github.biattention.deblur.model;

/**
 * Where the user wants the network to run; {@link Devices#resolve(DeviceChoice)} turns it into a DJL device.
 */
public enum DeviceChoice {
    /** A GPU when DJL sees one, else the CPU. */
    AUTO,
    /** Always the CPU. */
    CPU,
    /** The first GPU; falls back to the CPU, with a warning, when none is usable. */
    GPU;

    /**
     * @param name auto, cpu or gpu, in any case
     * @throws IllegalArgumentException naming the choices
     */
    public static DeviceChoice parse(String name) {
        for (DeviceChoice c : values()) {
            if (c.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown device '" + name + "': choose auto, cpu or gpu");
    }
}
