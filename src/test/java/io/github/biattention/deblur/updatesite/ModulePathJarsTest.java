package io.github.biattention.deblur.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModulePathJarsTest {
    @TempDir
    Path tmp;

    @Test
    void validNamesStayCloseToTheDeclaredOnes() {
        assertEquals("ai.djl.pytorch_native_cpu_linux_x86_64",
                ModulePathJars.validModuleName("ai.djl.pytorch_native_cpu_linux-x86_64"));
        assertEquals("pytorch.native_.cpu", ModulePathJars.validModuleName("pytorch.native.cpu"));
        assertEquals("_1abc.x", ModulePathJars.validModuleName("1abc..x."));
        assertEquals("ai.djl.api", ModulePathJars.validModuleName("ai.djl.api"));
    }

    @Test
    void onlyArchitectureFoldersUnderJarsAreOnTheModulePath() {
        assertTrue(FijiPlatforms.onModulePath("jars/linux64/x.jar"));
        assertTrue(FijiPlatforms.onModulePath("jars/win-arm64/x.jar"));
        assertFalse(FijiPlatforms.onModulePath("jars/macosx/x.jar"));
        assertFalse(FijiPlatforms.onModulePath("jars/x.jar"));
        assertFalse(FijiPlatforms.onModulePath("lib/linux64/libx.so"));
    }

    @Test
    void aJarWithoutManifestNamedLikeDjlsGetsOneAndItsChecksumIsTakenFromTheRepairedJar() throws Exception {
        Path dir = tmp.resolve("natives");
        Path source = TestJars.write(dir.resolve("pytorch-native-cpu-2.7.1-linux-x86_64.jar"), TestJars.entries()
                .text("native/lib/pytorch.properties", "classifier=linux-x86_64\n")
                .text("pytorch/cpu/linux-x86_64/libtorch.so", "so"));
        assertTrue(ModulePathJars.problem(source).isPresent(), "'native' is a keyword: no module name derives");
        Path site = tmp.resolve("site");
        Path plugin = TestJars.write(tmp.resolve("p.jar"), TestJars.entries().text("a", "b"));
        UpdateSiteBuilder.build(plugin, UpdateSiteBuilder.nativeJars(dir), "20251126120000", site);

        Path stored = site.resolve("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar-20251126120000");
        Path installed = Files.createDirectories(tmp.resolve("fiji")).resolve(source.getFileName());
        Files.copy(stored, installed);
        assertFalse(ModulePathJars.problem(installed).isPresent());
        try (JarFile jar = new JarFile(installed.toFile())) {
            assertEquals("pytorch.native_.cpu",
                    jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
        SiteDatabase db = SiteDatabase.read(site.resolve("db.xml.gz"));
        String recorded = db.find("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar").current.checksum;
        assertEquals(UpdaterChecksum.ofJar(installed), recorded);
        assertNotEquals(UpdaterChecksum.ofJar(source), recorded, "the added manifest entry counts");
        assertEquals(List.of("linux64"),
                db.find("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar").platforms);
    }
}
