package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.inference.DeblurSettings;
import picocli.CommandLine.Option;

/** {@code --tile} and {@code --overlap}, shared by every subcommand that runs the engine ({@code @Mixin}). */
final class TilingOptions {

    @Option(names = "--tile", defaultValue = "" + DeblurSettings.DEFAULT_TILE_SIZE,
            description = "Tile size in pixels (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--overlap", defaultValue = "" + DeblurSettings.DEFAULT_OVERLAP,
            description = "Tile overlap in pixels (default: ${DEFAULT-VALUE}).")
    int overlap;

    /** A settings builder with this tiling (other settings at their defaults). */
    DeblurSettings.Builder settings() {
        return DeblurSettings.builder().tileSize(tile).overlap(overlap);
    }
}
