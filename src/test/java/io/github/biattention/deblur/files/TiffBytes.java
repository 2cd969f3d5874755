package io.github.biattention.deblur.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builds little-endian classic TIFF files byte by byte, so tests can write what no library would (hostile files). */
public final class TiffBytes {

    /** One page: its tags (SHORT or LONG values, or ASCII text) and its pixel bytes, written as one strip. */
    public static final class Page {
        final TreeMap<Integer, Object> tags = new TreeMap<>();
        byte[] pixels = new byte[0];
        /** The page (index) that this page's next-header pointer points to; null: the next page, or none. */
        public Integer nextPage;

        Page(int width, int height, int bitsPerSample, int samplesPerPixel) {
            tag(256, width).tag(257, height).tag(258, bitsPerSample).tag(277, samplesPerPixel).tag(278, height)
                    .tag(259, 1).tag(262, samplesPerPixel >= 3 ? 2 : 1);
        }

        public Page tag(int tag, long... values) {
            tags.put(tag, values);
            return this;
        }

        public Page text(int tag, String value) {
            tags.put(tag, value);
            return this;
        }

        public Page pixels(byte[] data) {
            pixels = data;
            return this;
        }
    }

    private final List<Page> pages = new ArrayList<>();

    public Page add(int width, int height, int bits, int samples) {
        Page p = new Page(width, height, bits, samples);
        pages.add(p);
        return p;
    }

    /** Offsets of each page's header in the file written by {@link #write}. */
    final List<Long> headerOffsets = new ArrayList<>();

    public byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(0);
        List<Integer> nextSlots = new ArrayList<>();
        headerOffsets.clear();
        for (Page p : pages) {
            int pixelsAt = b.position();
            b.put(p.pixels);
            if (b.position() % 2 == 1) {
                b.put((byte) 0);
            }
            TreeMap<Integer, Object> tags = new TreeMap<>(p.tags);
            if (!tags.containsKey(273)) {
                tags.put(273, new long[] {pixelsAt});
            }
            if (!tags.containsKey(279)) {
                tags.put(279, new long[] {p.pixels.length});
            }
            // Values longer than 4 bytes go after the header.
            int header = b.position();
            headerOffsets.add((long) header);
            int extra = header + 2 + tags.size() * 12 + 4;
            ByteBuffer tail = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) tags.size());
            for (var e : tags.entrySet()) {
                b.putShort(e.getKey().shortValue());
                if (e.getValue() instanceof String) {
                    byte[] s = (((String) e.getValue()) + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    b.putShort((short) 2).putInt(s.length);
                    if (s.length <= 4) {
                        byte[] four = new byte[4];
                        System.arraycopy(s, 0, four, 0, s.length);
                        b.put(four);
                    } else {
                        b.putInt(extra + tail.position());
                        tail.put(s);
                        if (tail.position() % 2 == 1) {
                            tail.put((byte) 0);
                        }
                    }
                    continue;
                }
                long[] v = (long[]) e.getValue();
                boolean isLong = e.getKey() == 273 || e.getKey() == 279 || e.getKey() == 324 || e.getKey() == 325
                        || java.util.Arrays.stream(v).anyMatch(x -> x > 65535);
                b.putShort((short) (isLong ? 4 : 3)).putInt(v.length);
                int size = v.length * (isLong ? 4 : 2);
                ByteBuffer target = b;
                if (size > 4) {
                    b.putInt(extra + tail.position());
                    target = tail;
                }
                for (long x : v) {
                    if (isLong) {
                        target.putInt((int) x);
                    } else {
                        target.putShort((short) x);
                    }
                }
                if (size < 4) {
                    for (int i = size; i < 4; i++) {
                        b.put((byte) 0);
                    }
                }
            }
            nextSlots.add(b.position());
            b.putInt(0);
            tail.flip();
            b.put(tail);
        }
        for (int i = 0; i < pages.size(); i++) {
            Integer target = pages.get(i).nextPage;
            long next = target != null ? headerOffsets.get(target) : i + 1 < pages.size() ? headerOffsets.get(i + 1) : 0;
            b.putInt(nextSlots.get(i), (int) next);
        }
        b.putInt(4, headerOffsets.get(0).intValue());
        byte[] out = new byte[b.position()];
        b.flip();
        b.get(out);
        return out;
    }

    public Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    public static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
