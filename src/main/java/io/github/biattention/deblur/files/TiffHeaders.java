package io.github.biattention.deblur.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The image headers (IFDs) of a TIFF file, walked without trusting the file: every offset and count is checked
 * against the file's length before it is followed or allocated, and a chain of headers that loops back is caught.
 *
 * <p>ImageJ 1.x's own decoder follows the chain as the file says, so a header pointing back at itself makes it read
 * forever, and strip tables claiming more than the file holds make it allocate without bound. Walking the headers
 * here first turns such files, and the ones ImageJ would read wrongly (BigTIFF, JPEG compression, tiles, pages of
 * different sizes), into a message that names the file and says what to do.
 */
public final class TiffHeaders {

    /** What one image header (page) declares. */
    public static final class Page {
        public final long width;
        public final long height;
        public final int samplesPerPixel;
        public final int bitsPerSample;
        /** 1 unsigned integer, 2 signed integer, 3 floating point (TIFF tag 339). */
        public final int sampleFormat;
        public final int compression;
        /** 0 WhiteIsZero, 1 BlackIsZero, 2 RGB, 3 palette, 5 CMYK, 6 YCbCr, ... (TIFF tag 262). */
        public final int photometric;
        /** Samples beyond the colour ones (alpha, masks), from ExtraSamples (tag 338) or the sample count. */
        public final int extraSamples;
        public final String description;

        Page(long width, long height, int samplesPerPixel, int bitsPerSample, int sampleFormat, int compression,
                int photometric, int extraSamples, String description) {
            this.width = width;
            this.height = height;
            this.samplesPerPixel = samplesPerPixel;
            this.bitsPerSample = bitsPerSample;
            this.sampleFormat = sampleFormat;
            this.compression = compression;
            this.photometric = photometric;
            this.extraSamples = extraSamples;
            this.description = description;
        }

        /** A signed integer type (SampleFormat 2) of 8 or 16 bits, which ImageJ reads as unsigned. */
        public boolean signedInteger() {
            return sampleFormat == 2 && (bitsPerSample == 8 || bitsPerSample == 16);
        }

        public long pixels() {
            return width * height;
        }
    }

    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int BITS_PER_SAMPLE = 258;
    private static final int COMPRESSION = 259;
    private static final int PHOTOMETRIC = 262;
    private static final int IMAGE_DESCRIPTION = 270;
    private static final int STRIP_OFFSETS = 273;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int ROWS_PER_STRIP = 278;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int PLANAR_CONFIGURATION = 284;
    private static final int TILE_OFFSETS = 324;
    private static final int EXTRA_SAMPLES = 338;
    private static final int SAMPLE_FORMAT = 339;
    /** ImageJ's metadata: byte counts (50838) of the pieces in one blob (50839). ImageJ allocates each count. */
    private static final int IMAGEJ_META_COUNTS = 50838;
    private static final int IMAGEJ_META_DATA = 50839;

    /** The most tag values read over all pages (tables that many pages share are counted each time). */
    private static final long MAX_TOTAL_VALUES = 1L << 26;

    /** The most values of one tag read (strip tables of 16 M strips; real files have far fewer). */
    private static final long MAX_VALUES = 1L << 24;

    /** The longest image description kept (ImageJ's and OME's metadata live there). */
    private static final int MAX_DESCRIPTION = 1 << 20;

    private final Path file;
    private final List<Page> pages;

    private TiffHeaders(Path file, List<Page> pages) {
        this.file = file;
        this.pages = Collections.unmodifiableList(pages);
    }

    /** True when the file starts as a TIFF (classic or BigTIFF), in either byte order. */
    public static boolean isTiff(byte[] start) {
        if (start.length < 4) {
            return false;
        }
        boolean intel = start[0] == 'I' && start[1] == 'I' && (start[2] == 42 || start[2] == 43) && start[3] == 0;
        boolean motorola = start[0] == 'M' && start[1] == 'M' && start[2] == 0 && (start[3] == 42 || start[3] == 43);
        return intel || motorola;
    }

    /**
     * Walks every header of a TIFF file.
     *
     * @throws IOException naming the file: a BigTIFF, a loop in the chain of headers, a header, value or strip
     *     outside the file, a strip table that does not fit the image, no pixels, tiles or JPEG compression
     */
    public static TiffHeaders read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Walker(file, channel).walk();
        }
    }

    public Path file() {
        return file;
    }

    /** Every page in file order, at least one. */
    public List<Page> pages() {
        return pages;
    }

    /** Pixels of all pages times their samples: what reading the file holds in memory (ImageJ reads every page). */
    public long samples() {
        long total = 0;
        for (Page p : pages) {
            total = saturatedAdd(total, saturatedMultiply(p.pixels(), Math.max(1, p.samplesPerPixel)));
        }
        return total;
    }

    static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Reads one file's headers; all reads go through {@link #bytes}, which checks bounds first. */
    private static final class Walker {
        private final Path file;
        private final FileChannel channel;
        private final long size;
        private ByteOrder order;
        private long valuesRead;

        Walker(Path file, FileChannel channel) throws IOException {
            this.file = file;
            this.channel = channel;
            this.size = channel.size();
        }

        TiffHeaders walk() throws IOException {
            if (size < 8) {
                throw new IOException(file + " is truncated: a TIFF header needs 8 bytes, the file has " + size);
            }
            ByteBuffer head = bytes(0, 8, "the TIFF header");
            byte[] magic = new byte[4];
            head.get(magic);
            if (!isTiff(magic)) {
                throw new IOException(file + " is not a TIFF (no II*/MM* signature)");
            }
            order = magic[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            head.order(order);
            if (head.getShort(2) == 43) {
                throw new IOException(file + " is a BigTIFF, which ImageJ 1.x cannot read: open it in Fiji with"
                        + " File > Import > Bio-Formats and save it as TIFF, or export it as a standard TIFF"
                        + " (up to 4 GB)");
            }
            long offset = head.getInt(4) & 0xffffffffL;
            Map<Long, Integer> seen = new HashMap<>();
            List<Page> pages = new ArrayList<>();
            while (offset != 0) {
                Integer earlier = seen.putIfAbsent(offset, pages.size() + 1);
                if (earlier != null) {
                    throw new IOException(String.format(Locale.ROOT, "%s is corrupt: its chain of image headers"
                            + " loops back from page %d to page %d (byte %d)", file, pages.size(), earlier, offset));
                }
                if (offset < 8 || offset + 2 > size) {
                    throw new IOException(String.format(Locale.ROOT, "%s is truncated or corrupt: the header of"
                            + " page %d is at byte %d, the file has %d bytes", file, pages.size() + 1, offset, size));
                }
                offset = page(offset, pages.size() + 1, pages);
            }
            if (pages.isEmpty()) {
                throw new IOException(file + " is a TIFF without images");
            }
            return new TiffHeaders(file, pages);
        }

        /** Reads the header at {@code offset} into {@code pages}; returns the next header's offset (0: none). */
        private long page(long offset, int number, List<Page> pages) throws IOException {
            String where = "page " + number;
            int entries = bytes(offset, 2, "the header of " + where).getShort() & 0xffff;
            ByteBuffer table = bytes(offset + 2, entries * 12L + 4, "the header of " + where);
            Map<Integer, long[]> values = new HashMap<>();
            String description = null;
            long metaDataLength = -1;
            for (int i = 0; i < entries; i++) {
                int base = i * 12;
                int tag = table.getShort(base) & 0xffff;
                int type = table.getShort(base + 2) & 0xffff;
                long count = table.getInt(base + 4) & 0xffffffffL;
                int unit = typeSize(type);
                if (unit == 0 || count == 0) {
                    continue; // unknown types are skipped, as readers must
                }
                long length = count * unit;
                long at = length <= 4 ? offset + 2 + base + 8 : table.getInt(base + 8) & 0xffffffffL;
                if (at + length > size) {
                    throw new IOException(String.format(Locale.ROOT, "%s is truncated or corrupt: tag %d of %s"
                            + " claims %d values at byte %d, past the end of the file (%d bytes)",
                            file, tag, where, count, at, size));
                }
                if (tag == IMAGEJ_META_DATA) {
                    metaDataLength = length;
                }
                if (tag == IMAGE_DESCRIPTION && type == 2 && number == 1) { // ImageJ and OME read page 1's only
                    ByteBuffer text = bytes(at, Math.min(length, MAX_DESCRIPTION), "the description of " + where);
                    byte[] chars = new byte[text.remaining()];
                    text.get(chars);
                    description = new String(chars, java.nio.charset.StandardCharsets.UTF_8).replace("\0", "");
                } else if (isKept(tag)) {
                    values.put(tag, numbers(at, type, count, unit, tag, where));
                }
            }
            long[] metaCounts = values.get(IMAGEJ_META_COUNTS);
            if (metaCounts != null) {
                long total = 0;
                for (long c : metaCounts) {
                    total += c;
                }
                if (total > metaDataLength) {
                    throw new IOException(String.format(Locale.ROOT, "%s is corrupt: ImageJ's metadata on %s claims"
                            + " %d bytes in a block of %d", file, where, total, Math.max(0, metaDataLength)));
                }
            }
            long next = table.getInt(entries * 12) & 0xffffffffL;
            pages.add(check(values, description, where));
            return next;
        }

        private static boolean isKept(int tag) {
            return tag == IMAGE_WIDTH || tag == IMAGE_LENGTH || tag == BITS_PER_SAMPLE || tag == COMPRESSION
                    || tag == PHOTOMETRIC || tag == STRIP_OFFSETS || tag == SAMPLES_PER_PIXEL
                    || tag == ROWS_PER_STRIP || tag == STRIP_BYTE_COUNTS || tag == PLANAR_CONFIGURATION
                    || tag == TILE_OFFSETS || tag == EXTRA_SAMPLES
                    || tag == SAMPLE_FORMAT || tag == IMAGEJ_META_COUNTS;
        }

        private Page check(Map<Integer, long[]> v, String description, String where) throws IOException {
            long width = first(v, IMAGE_WIDTH, 0);
            long height = first(v, IMAGE_LENGTH, 0);
            if (width < 1 || height < 1) {
                throw new IOException(file + " has no pixels on " + where + " (" + width + "x" + height + ")");
            }
            int samples = (int) Math.min(Integer.MAX_VALUE, first(v, SAMPLES_PER_PIXEL, 1));
            int bits = (int) Math.min(Integer.MAX_VALUE, first(v, BITS_PER_SAMPLE, 1));
            int format = (int) first(v, SAMPLE_FORMAT, 1);
            int compression = (int) first(v, COMPRESSION, 1);
            int photometric = (int) first(v, PHOTOMETRIC, samples >= 3 ? 2 : 1);
            long[] extra = v.get(EXTRA_SAMPLES);
            int colour = photometric == 2 || photometric == 6 || photometric == 8 ? 3 : photometric == 5 ? 4 : 1;
            int extraSamples = extra != null ? extra.length : Math.max(0, samples - colour);
            boolean tiled = v.containsKey(TILE_OFFSETS);
            if (samples < 1 || samples > 64 || bits < 1 || bits > 64) {
                throw new IOException(String.format(Locale.ROOT, "%s is corrupt: %s declares %d samples of %d"
                        + " bits per pixel", file, where, samples, bits));
            }
            if (tiled) {
                throw new IOException(file + " is a tiled TIFF, which ImageJ 1.x cannot read: open it in Fiji"
                        + " with File > Import > Bio-Formats and save it as TIFF");
            }
            if (compression == 6 || compression == 7) {
                throw new IOException(file + " is a JPEG-compressed TIFF (compression " + compression + "), which"
                        + " ImageJ 1.x cannot decode: open it in Fiji with File > Import > Bio-Formats and save it"
                        + " as TIFF (uncompressed, LZW or ZIP)");
            }
            checkStrips(v, width, height, samples, bits, compression, where);
            return new Page(width, height, samples, bits, format, compression, photometric, extraSamples,
                    description);
        }

        /** Strip tables must match the image's rows and stay inside the file. */
        private void checkStrips(Map<Integer, long[]> v, long width, long height, int samples, int bits,
                int compression, String where) throws IOException {
            long[] offsets = v.get(STRIP_OFFSETS);
            long[] counts = v.get(STRIP_BYTE_COUNTS);
            if (offsets == null) {
                throw new IOException(file + " is corrupt: " + where + " has no strip offsets (no pixel data)");
            }
            long rows = Math.max(1, Math.min(height, first(v, ROWS_PER_STRIP, height)));
            long planes = first(v, PLANAR_CONFIGURATION, 1) == 2 ? samples : 1;
            long expected = saturatedMultiply((height + rows - 1) / rows, planes);
            if (offsets.length != expected && offsets.length != 1) {
                throw new IOException(String.format(Locale.ROOT, "%s is corrupt: %s has %d strips, its %d rows of"
                        + " %d per strip need %d", file, where, offsets.length, height, rows, expected));
            }
            long bytesPerRow = (saturatedMultiply(saturatedMultiply(width, planes == 1 ? samples : 1), bits) + 7) / 8;
            for (int i = 0; i < offsets.length; i++) {
                long length;
                if (counts != null && i < counts.length) {
                    length = counts[i];
                } else if (compression == 1) {
                    length = saturatedMultiply(bytesPerRow, offsets.length == 1 ? height : rows);
                } else {
                    throw new IOException(file + " is corrupt: " + where + " has compressed strips without their"
                            + " byte counts");
                }
                if (offsets[i] + length > size || offsets[i] + length < 0) {
                    throw new IOException(String.format(Locale.ROOT, "%s is truncated: strip %d of %s ends at byte"
                            + " %d, the file has %d bytes", file, i + 1, where, offsets[i] + length, size));
                }
            }
        }

        private static long first(Map<Integer, long[]> v, int tag, long fallback) {
            long[] a = v.get(tag);
            return a == null || a.length == 0 ? fallback : a[0];
        }

        private long[] numbers(long at, int type, long count, int unit, int tag, String where) throws IOException {
            valuesRead += count;
            if (count > MAX_VALUES || valuesRead > MAX_TOTAL_VALUES) {
                throw new IOException(String.format(Locale.ROOT, "%s is corrupt: tag %d of %s claims %d values",
                        file, tag, where, count));
            }
            ByteBuffer b = bytes(at, count * unit, "tag " + tag + " of " + where);
            long[] out = new long[(int) count];
            for (int i = 0; i < count; i++) {
                switch (type) {
                    case 1: case 2: case 7: out[i] = b.get() & 0xff; break;
                    case 6: out[i] = b.get(); break;
                    case 3: out[i] = b.getShort() & 0xffff; break;
                    case 8: out[i] = b.getShort(); break;
                    case 4: out[i] = b.getInt() & 0xffffffffL; break;
                    case 9: out[i] = b.getInt(); break;
                    case 5: case 10: {
                        long n = b.getInt() & 0xffffffffL;
                        long d = b.getInt() & 0xffffffffL;
                        out[i] = d == 0 ? 0 : n / d;
                        break;
                    }
                    case 11: out[i] = (long) b.getFloat(); break;
                    case 12: out[i] = (long) b.getDouble(); break;
                    default: out[i] = 0;
                }
            }
            return out;
        }

        private static int typeSize(int type) {
            switch (type) {
                case 1: case 2: case 6: case 7: return 1;
                case 3: case 8: return 2;
                case 4: case 9: case 11: return 4;
                case 5: case 10: case 12: return 8;
                default: return 0;
            }
        }

        /** {@code length} bytes at {@code at}, after checking that they lie in the file (and fit in memory). */
        private ByteBuffer bytes(long at, long length, String what) throws IOException {
            if (at < 0 || length < 0 || at + length > size) {
                throw new IOException(String.format(Locale.ROOT, "%s is truncated or corrupt: %s (%d bytes at byte"
                        + " %d) lies past the end of the file (%d bytes)", file, what, length, at, size));
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is corrupt: " + what + " claims " + length + " bytes");
            }
            ByteBuffer b = ByteBuffer.allocate((int) length).order(order == null ? ByteOrder.BIG_ENDIAN : order);
            while (b.hasRemaining()) {
                if (channel.read(b, at + b.position()) < 0) {
                    throw new IOException(file + " is truncated while reading " + what);
                }
            }
            b.flip();
            return b;
        }
    }
}
