package io.github.biattention.deblur.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

class UpdateSiteBuilderTest {
    private static final String T1 = "20251126120000";
    private static final String T2 = "20251127093000";
    private static final String PLUGIN = "jars/bi-attention-deblur.jar";
    private static final String API = "jars/api-0.36.0.jar";
    private static final String JNI = "jars/pytorch-jni-2.7.1-0.36.0.jar";

    @TempDir
    Path tmp;

    private Path pluginJar(String classVersion) throws IOException {
        return TestJars.write(tmp.resolve("build/bi-attention-deblur.jar"), TestJars.entries()
                .dir("META-INF/")
                .text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nBuild-Jdk-Spec: 11\r\n\r\n")
                .text("META-INF/maven/io.github.biattention/bi-attention-deblur/pom.properties",
                        "#Created by Maven\n#" + LocalDateTime.now() + "\nversion=0.1.0\n")
                .text("io/github/biattention/deblur/Plugin.class", classVersion));
    }

    private Path lib(String name) throws IOException {
        return TestJars.write(tmp.resolve("lib").resolve(name), TestJars.entries()
                .text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n")
                .text("ai/djl/" + name + ".class", name));
    }

    private Path natives() throws IOException {
        Path dir = tmp.resolve("natives");
        TestJars.djlNative(dir, "linux-x86_64", "libtorch.so");
        TestJars.djlNative(dir, "linux-aarch64", "libtorch.so");
        TestJars.djlNative(dir, "osx-aarch64", "libtorch.dylib");
        TestJars.djlNative(dir, "win-x86_64", "torch.dll");
        return dir;
    }

    private List<SiteFile> libraries(Path api, Path jni) throws IOException {
        List<SiteFile> files = new ArrayList<>();
        files.add(SiteFile.of("jars/" + api.getFileName(), api));
        if (jni != null) {
            files.add(SiteFile.of("jars/" + jni.getFileName(), jni));
        }
        return files;
    }

    /** db.xml.gz parsed by a validating parser: the updater's DTD is inside, so it must hold. */
    private static Map<String, Element> plugins(Path site) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(true);
        javax.xml.parsers.DocumentBuilder builder = f.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        Document doc;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(site.resolve("db.xml.gz")))) {
            doc = builder.parse(in);
        }
        assertEquals("pluginRecords", doc.getDocumentElement().getTagName());
        Map<String, Element> byName = new HashMap<>();
        for (Element p : children(doc.getDocumentElement(), "plugin")) {
            assertEquals(null, byName.put(p.getAttribute("filename"), p), "one plugin element per file");
        }
        return byName;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static Element only(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        assertEquals(1, found.size(), "<" + tag + "> in " + parent.getAttribute("filename"));
        return found.get(0);
    }

    private static List<String> texts(Element parent, String tag) {
        List<String> out = new ArrayList<>();
        children(parent, tag).forEach(e -> out.add(e.getTextContent()));
        return out;
    }

    private static int run(String... args) {
        return UpdateSiteBuilder.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void writesFilesAndDbXmlAsTheUpdaterReadsThem() throws Exception {
        Path plugin = pluginJar("v1");
        Path api = lib("api-0.36.0.jar");
        lib("pytorch-jni-2.7.1-0.36.0.jar");
        lib("gson-2.13.1.jar"); // in the lib folder but not included: Fiji ships gson
        Path nativeDir = natives();
        Path site = tmp.resolve("site");
        assertEquals(0, run("--output", site.toString(), "--jar", plugin.toString(), "--lib",
                api.getParent().toString(), "--include", "api,pytorch-jni", "--native", nativeDir.toString(),
                "--timestamp", T1));

        Map<String, String> expectedPlatforms = new HashMap<>();
        expectedPlatforms.put(PLUGIN, null);
        expectedPlatforms.put(API, null);
        expectedPlatforms.put(JNI, null);
        expectedPlatforms.put("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar", "linux64");
        expectedPlatforms.put("jars/linux-arm64/pytorch-native-cpu-2.7.1-linux-aarch64.jar", "linux-arm64");
        expectedPlatforms.put("jars/macos-arm64/pytorch-native-cpu-2.7.1-osx-aarch64.jar", "macos-arm64");
        expectedPlatforms.put("jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar", "win64");

        Map<String, Element> plugins = plugins(site);
        assertEquals(expectedPlatforms.keySet(), plugins.keySet());
        for (Map.Entry<String, Element> e : plugins.entrySet()) {
            String path = e.getKey();
            Element version = only(e.getValue(), "version");
            String platform = expectedPlatforms.get(path);
            assertEquals(platform == null ? List.of() : List.of(platform), texts(e.getValue(), "platform"), path);
            assertTrue(version.getAttribute("timestamp").matches("\\d{14}"));
            assertEquals(T1, version.getAttribute("timestamp"));
            Path stored = site.resolve(path + "-" + T1);
            assertTrue(Files.isRegularFile(stored), stored.toString());
            assertEquals(Long.toString(Files.size(stored)), version.getAttribute("filesize"), path);
            assertEquals(UpdaterChecksum.of(path, stored), version.getAttribute("checksum"), path);
            assertEquals(UpstreamUpdaterDigest.getDigest(path, stored.toFile()), version.getAttribute("checksum"));
            assertTrue(children(e.getValue(), "previous-version").isEmpty());
        }
        Element pluginVersion = only(plugins.get(PLUGIN), "version");
        Map<String, String> dependencies = new HashMap<>();
        children(pluginVersion, "dependency").forEach(d ->
                dependencies.put(d.getAttribute("filename"), d.getAttribute("timestamp")));
        assertEquals(Map.of(API, T1, JNI, T1), dependencies, "the plugin needs the libraries, not the natives");
        assertFalse(Files.exists(site.resolve("jars/gson-2.13.1.jar-" + T1)));
        assertFalse(Files.exists(site.resolve(".staging")));
    }

    @Test
    void nativeJarsAreMadeLoadableFromFijisModulePathWithoutChangingTheirChecksum() throws Exception {
        Path source = TestJars.djlNative(tmp.resolve("natives"), "linux-x86_64", "libtorch.so");
        assertTrue(ModulePathJars.problem(source).isPresent(), "DJL's own name is invalid");
        Path site = tmp.resolve("site");
        UpdateSiteBuilder.build(pluginJar("v1"), UpdateSiteBuilder.nativeJars(source.getParent()), T1, site);

        String path = "jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar";
        Path installed = Files.createDirectories(tmp.resolve("fiji/jars/linux64")).resolve(source.getFileName());
        Files.copy(site.resolve(path + "-" + T1), installed);
        assertEquals(java.util.Optional.empty(), ModulePathJars.problem(installed));
        try (JarFile jar = new JarFile(installed.toFile())) {
            assertEquals("ai.djl.pytorch_native_cpu_linux_x86_64",
                    jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            assertEquals("libraries=libtorch.so", new String(jar.getInputStream(jar.getEntry(
                    "native/lib/pytorch.properties")).readAllBytes(), StandardCharsets.UTF_8).split("\n")[3]);
        }
        assertEquals(UpdaterChecksum.ofJar(source), UpdaterChecksum.ofJar(installed));
        assertEquals(UpdaterChecksum.ofJar(source), only(plugins(site).get(path), "version").getAttribute("checksum"));
    }

    @Test
    void rebuildingKeepsUnchangedFilesAndTurnsOldVersionsIntoPreviousVersions() throws Exception {
        Path site = tmp.resolve("site");
        Path api = lib("api-0.36.0.jar");
        Path jni = lib("pytorch-jni-2.7.1-0.36.0.jar");
        UpdateSiteBuilder.build(pluginJar("v1"), libraries(api, jni), T1, site);
        String oldChecksum = only(plugins(site).get(PLUGIN), "version").getAttribute("checksum");

        List<UpdateSiteBuilder.Outcome> outcomes =
                UpdateSiteBuilder.build(pluginJar("v2"), libraries(api, jni), T2, site);
        Map<String, UpdateSiteBuilder.Change> changes = new HashMap<>();
        outcomes.forEach(o -> changes.put(o.path(), o.change()));
        assertEquals(Map.of(PLUGIN, UpdateSiteBuilder.Change.UPDATED, API, UpdateSiteBuilder.Change.UNCHANGED,
                JNI, UpdateSiteBuilder.Change.UNCHANGED), changes);

        Map<String, Element> plugins = plugins(site);
        Element current = only(plugins.get(PLUGIN), "version");
        assertEquals(T2, current.getAttribute("timestamp"));
        assertEquals(UpdaterChecksum.ofJar(site.resolve(PLUGIN + "-" + T2)), current.getAttribute("checksum"));
        assertNotEquals(oldChecksum, current.getAttribute("checksum"));
        Element previous = only(plugins.get(PLUGIN), "previous-version");
        assertEquals(oldChecksum, previous.getAttribute("checksum"));
        assertEquals(T1, previous.getAttribute("timestamp"));
        assertEquals(T2, previous.getAttribute("timestamp-obsolete"));
        assertEquals(PLUGIN, previous.getAttribute("filename"));

        assertEquals(T1, only(plugins.get(API), "version").getAttribute("timestamp"), "unchanged keeps its version");
        assertTrue(children(plugins.get(API), "previous-version").isEmpty());
        assertFalse(Files.exists(site.resolve(API + "-" + T2)), "an unchanged file is not written again");
        Map<String, String> dependencies = new HashMap<>();
        children(current, "dependency").forEach(d ->
                dependencies.put(d.getAttribute("filename"), d.getAttribute("timestamp")));
        assertEquals(Map.of(API, T1, JNI, T1), dependencies);

        // A rebuild of the same content (new build date in pom.properties) changes nothing.
        List<UpdateSiteBuilder.Outcome> again =
                UpdateSiteBuilder.build(pluginJar("v2"), libraries(api, jni), "20251128000000", site);
        again.forEach(o -> assertEquals(UpdateSiteBuilder.Change.UNCHANGED, o.change(), o.path()));
    }

    @Test
    void aNewVersionNumberIsTheSameFileAndADroppedFileBecomesObsolete() throws Exception {
        Path site = tmp.resolve("site");
        UpdateSiteBuilder.build(pluginJar("v1"),
                libraries(lib("api-0.36.0.jar"), lib("pytorch-jni-2.7.1-0.36.0.jar")), T1, site);
        String oldApi = only(plugins(site).get(API), "version").getAttribute("checksum");
        String oldJni = only(plugins(site).get(JNI), "version").getAttribute("checksum");

        List<UpdateSiteBuilder.Outcome> outcomes =
                UpdateSiteBuilder.build(pluginJar("v1"), libraries(lib("api-0.37.0.jar"), null), T2, site);
        Map<String, Element> plugins = plugins(site);
        assertEquals(new HashSet<>(Arrays.asList(PLUGIN, "jars/api-0.37.0.jar", JNI)), plugins.keySet());
        Element api = plugins.get("jars/api-0.37.0.jar");
        assertEquals(T2, only(api, "version").getAttribute("timestamp"));
        assertEquals(oldApi, only(api, "previous-version").getAttribute("checksum"));
        assertEquals(API, only(api, "previous-version").getAttribute("filename"));

        Element jni = plugins.get(JNI);
        assertTrue(children(jni, "version").isEmpty(), "obsolete: no current version");
        assertEquals(oldJni, only(jni, "previous-version").getAttribute("checksum"));
        assertEquals(T2, only(jni, "previous-version").getAttribute("timestamp-obsolete"));
        assertTrue(outcomes.stream().anyMatch(o -> o.path().equals(JNI)
                && o.change() == UpdateSiteBuilder.Change.REMOVED));
        assertEquals("jars/api-0.37.0.jar",
                only(only(plugins.get(PLUGIN), "version"), "dependency").getAttribute("filename"));
    }

    @Test
    void refusesTimestampsThatDoNotMoveForwardOrAreMalformed() throws Exception {
        Path site = tmp.resolve("site");
        List<SiteFile> libs = libraries(lib("api-0.36.0.jar"), null);
        UpdateSiteBuilder.build(pluginJar("v1"), libs, T2, site);
        assertThrows(IllegalArgumentException.class,
                () -> UpdateSiteBuilder.build(pluginJar("v2"), libs, T1, site));
        assertThrows(IllegalArgumentException.class,
                () -> UpdateSiteBuilder.build(pluginJar("v2"), libs, "20251301000000", site));
        assertThrows(IllegalArgumentException.class,
                () -> UpdateSiteBuilder.build(pluginJar("v2"), libs, "2025112712", site));
        assertEquals("20250102030405", UpdateSiteBuilder.timestamp(LocalDateTime.of(2025, 1, 2, 3, 4, 5)));
    }

    @Test
    void refusesFilesTheUpdaterWouldConfuse() throws IOException {
        Path a = lib("api-0.36.0.jar");
        Path b = lib("api-0.37.0.jar");
        assertThrows(IllegalArgumentException.class, () -> UpdateSiteBuilder.build(pluginJar("v1"),
                List.of(SiteFile.of("jars/api-0.36.0.jar", a), SiteFile.of("jars/api-0.37.0.jar", b)), T1,
                tmp.resolve("site")));
    }

    @Test
    void commandLineRejectsBadArgumentsWithUsage() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, UpdateSiteBuilder.run(new String[] {"--output"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err)));
        assertTrue(err.toString().contains("usage:"), err.toString());
        assertEquals(2, run("--frobnicate", "x"));
        assertEquals(2, run("--output", "x"));
        assertEquals(2, run("--output", "x", "--jar", "y", "--lib", "z"));
        assertEquals(1, run("--output", tmp.resolve("s").toString(), "--jar", tmp.resolve("missing.jar").toString()));
        Path odd = TestJars.write(tmp.resolve("odd/pytorch-native-cpu-2.7.1-sparc.jar"), TestJars.entries()
                .text("x", "y"));
        assertEquals(1, run("--output", tmp.resolve("s").toString(), "--jar", pluginJar("v1").toString(),
                "--native", odd.getParent().toString()));
        assertEquals(0, UpdateSiteBuilder.run(new String[] {"--help"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err)));
    }

    @Test
    void siteFilesTakeTheirPlatformFromTheFolder() {
        Path p = tmp.resolve("x.jar");
        assertEquals("linux64", SiteFile.of("jars/linux64/x.jar", p).platform().orElse(null));
        assertEquals("macos-arm64", SiteFile.of("jars/macos-arm64/x.jar", p, "macos-arm64").platform().get());
        assertFalse(SiteFile.of("jars/x.jar", p).platform().isPresent());
        assertFalse(SiteFile.of("jars/lib-stuff/x.jar", p).platform().isPresent());
        assertThrows(IllegalArgumentException.class, () -> SiteFile.of("jars/x.jar", p, "linux64"));
        assertThrows(IllegalArgumentException.class, () -> SiteFile.of("jars/osx/x.jar", p, "osx"));
        assertThrows(IllegalArgumentException.class, () -> SiteFile.of("../x.jar", p));
        assertThrows(IllegalArgumentException.class, () -> SiteFile.of("/jars/x.jar", p));
        assertThrows(IllegalArgumentException.class, () -> SiteFile.of("jars\\x.jar", p));
    }
}
