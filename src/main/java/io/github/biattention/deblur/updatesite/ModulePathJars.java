package io.github.biattention.deblur.updatesite;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.lang.model.SourceVersion;

/**
 * Makes jars safe for Fiji's module path.
 *
 * <p>Why: Fiji's launcher passes {@code --module-path=<Fiji>/jars/<platform>} on Java 9+, and the JVM refuses to
 * start ("Error occurred during initialization of boot layer ... Unable to derive module descriptor") if any jar
 * there has no valid module name. DJL's native jars declare {@code Automatic-Module-Name:
 * ai.djl.pytorch_native_cpu_linux-x86_64}, which is invalid ({@code -}), so shipped as they are they would stop
 * Fiji from starting. The fix rewrites only the manifest's {@code Automatic-Module-Name}; the manifest's content
 * does not enter the updater's checksum, so the updater's checksum is unchanged.
 */
final class ModulePathJars {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final Attributes.Name MODULE_NAME = new Attributes.Name("Automatic-Module-Name");
    /** Where the JDK cuts a jar's file name to derive a module name (ModuleFinder.of's documentation). */
    private static final Pattern VERSION_START = Pattern.compile("-(\\d+(\\.|$))");

    private ModulePathJars() {
    }

    /**
     * Why the JVM would reject {@code jar} on a module path, or empty if it accepts it. {@code jar}'s file name
     * matters (a jar without {@code Automatic-Module-Name} is named after its file), so it must be the installed
     * name.
     */
    static Optional<String> problem(Path jar) {
        try {
            ModuleFinder.of(jar).findAll();
            return Optional.empty();
        } catch (FindException e) {
            StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                sb.append(": ").append(c.getMessage());
            }
            return Optional.of(sb.toString());
        }
    }

    /**
     * A valid module name close to {@code name}: each dot-separated part with characters that cannot appear in a
     * Java identifier replaced by {@code _}, prefixed by {@code _} if it cannot start one, suffixed by {@code _} if
     * it is a keyword; empty parts dropped. E.g. {@code ai.djl.pytorch_native_cpu_linux-x86_64} becomes
     * {@code ai.djl.pytorch_native_cpu_linux_x86_64}.
     */
    static String validModuleName(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            StringBuilder p = new StringBuilder();
            part.codePoints().forEach(c -> p.appendCodePoint(Character.isJavaIdentifierPart(c) ? c : '_'));
            if (!Character.isJavaIdentifierStart(p.codePointAt(0))) {
                p.insert(0, '_');
            }
            if (SourceVersion.isKeyword(p) || p.toString().equals("_")) {
                p.append('_');
            }
            out.append(out.length() == 0 ? "" : ".").append(p);
        }
        if (out.length() == 0) {
            throw new IllegalArgumentException("no module name can be made from '" + name + "'");
        }
        return out.toString();
    }

    /**
     * The module name to give {@code jar} installed as {@code fileName}: its {@code Automatic-Module-Name} made
     * valid, or else the name the JDK derives from the file name made valid.
     */
    static String repairedModuleName(Path jar, String fileName) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(MANIFEST);
            if (entry != null) {
                try (InputStream in = zip.getInputStream(entry)) {
                    String declared = new Manifest(in).getMainAttributes().getValue(MODULE_NAME);
                    if (declared != null && !declared.trim().isEmpty()) {
                        return validModuleName(declared.trim());
                    }
                }
            }
        }
        String base = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
        Matcher m = VERSION_START.matcher(base);
        if (m.find()) {
            base = base.substring(0, m.start());
        }
        return validModuleName(base.replaceAll("[^A-Za-z0-9]", "."));
    }

    /**
     * Copies {@code in} to {@code out} with {@code Automatic-Module-Name: moduleName} in its manifest (added if
     * there is none). Everything else is kept: the entries, their order, times and compression methods (compressed
     * entries are compressed anew, so the bytes differ).
     */
    static void copyWithModuleName(Path in, Path out, String moduleName) throws IOException {
        try (ZipFile zip = new ZipFile(in.toFile());
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
             ZipOutputStream zos = new ZipOutputStream(file)) {
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            if (manifestEntry == null) {
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                put(zos, MANIFEST, -1, ZipEntry.DEFLATED, manifestBytes(manifest, moduleName));
            }
            byte[] buffer = new byte[1 << 16];
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.getName().equals(MANIFEST)) {
                    Manifest manifest;
                    try (InputStream m = zip.getInputStream(e)) {
                        manifest = new Manifest(m);
                    }
                    put(zos, MANIFEST, e.getTime(), e.getMethod(), manifestBytes(manifest, moduleName));
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                if (e.getTime() != -1) {
                    copy.setTime(e.getTime());
                }
                copy.setMethod(e.getMethod());
                if (e.getMethod() == ZipEntry.STORED) {
                    copy.setSize(e.getSize());
                    copy.setCompressedSize(e.getSize());
                    copy.setCrc(e.getCrc());
                }
                zos.putNextEntry(copy);
                try (InputStream data = zip.getInputStream(e)) {
                    for (int n; (n = data.read(buffer)) >= 0; ) {
                        zos.write(buffer, 0, n);
                    }
                }
                zos.closeEntry();
            }
        }
    }

    private static byte[] manifestBytes(Manifest manifest, String moduleName) throws IOException {
        Attributes main = manifest.getMainAttributes();
        main.putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0"); // the JAR spec wants it first; Manifest.write puts it there
        main.put(MODULE_NAME, moduleName);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zos, String name, long time, int method, byte[] data)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        if (time != -1) {
            entry.setTime(time);
        }
        entry.setMethod(method);
        if (method == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setSize(data.length);
            entry.setCompressedSize(data.length);
            entry.setCrc(crc.getValue());
        }
        zos.putNextEntry(entry);
        zos.write(data);
        zos.closeEntry();
    }
}
