package io.github.biattention.deblur.data;

import java.io.IOException;

/**
 * Where image pairs come from: two folders matched by name ({@link PairFolders}), or a data set laid out as GOPRO
 * ({@link GoproLayout}) or DVD ({@link DvdLayout}). {@link DatasetLayout} picks one for a root folder.
 */
public interface PairSource {

    /**
     * Lists the pairs, in a reproducible order (sorted by sequence, then file name).
     *
     * @return at least one pair; files without a partner are left out and named in the listing
     * @throws IOException naming the problem when a folder is missing or not readable, a folder that must be there
     *     is absent, or no pair at all is found (with a few of the unmatched names)
     */
    PairListing list() throws IOException;

    /** What is listed, for headings and summaries, e.g. "GOPRO test (blur) in /data/GOPRO_Large". */
    String description();
}
