package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.inference.DeblurSettings;
import picocli.CommandLine.Option;

/**
 * {@code --tile}, {@code --overlap} and {@code --ensemble}: how the network goes over the image, shared by every
 * subcommand that runs the engine ({@code @Mixin}).
 */
final class TilingOptions {

    @Option(names = "--tile", defaultValue = "" + DeblurSettings.DEFAULT_TILE_SIZE,
            description = "Tile size in pixels (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--overlap", defaultValue = "" + DeblurSettings.DEFAULT_OVERLAP,
            description = "Tile overlap in pixels (default: ${DEFAULT-VALUE}).")
    int overlap;

    @Option(names = "--ensemble", description = "Run the network on each tile in its 8 flips and rotations and"
            + " average them: slightly better, about 6 to 8 times slower.")
    boolean ensemble;

    /** A settings builder with this tiling (other settings at their defaults). */
    DeblurSettings.Builder settings() {
        return DeblurSettings.builder().tileSize(tile).overlap(overlap).ensemble(ensemble);
    }
}
