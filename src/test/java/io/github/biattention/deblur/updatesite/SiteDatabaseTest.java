package io.github.biattention.deblur.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteDatabaseTest {
    @TempDir
    Path tmp;

    @Test
    void unversionedNamesAreTheUpdaters() {
        assertEquals("jars/api.jar", SiteDatabase.unversioned("jars/api-0.36.0.jar"));
        assertEquals("jars/pytorch-jni.jar", SiteDatabase.unversioned("jars/pytorch-jni-2.7.1-0.36.0.jar"));
        assertEquals("jars/bi-attention-deblur.jar", SiteDatabase.unversioned("jars/bi-attention-deblur.jar"));
        assertEquals("jars/x.jar", SiteDatabase.unversioned("jars/x-1.0-SNAPSHOT.jar"));
        // Classifiers scijava-common knows stay in the name; others count as part of the version.
        assertEquals("jars/linux64/pytorch-native-cpu-linux-x86_64.jar",
                SiteDatabase.unversioned("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar"));
        assertEquals("jars/macos-arm64/pytorch-native-cpu.jar",
                SiteDatabase.unversioned("jars/macos-arm64/pytorch-native-cpu-2.7.1-osx-aarch64.jar"));
        assertEquals("macros/x-1.0.ijm", SiteDatabase.unversioned("macros/x-1.0.ijm"));
    }

    @Test
    void unversionedAgreesWithScijavaCommon() {
        // scijava-common is on the test class path (the plugin compiles against it); main code stays JDK-only.
        for (String name : new String[] {"jars/api-0.36.0.jar", "jars/pytorch-jni-2.7.1-0.36.0.jar",
                "jars/pytorch-engine-0.36.0.jar", "jars/bi-attention-deblur.jar", "jars/x-1.0-SNAPSHOT.jar",
                "jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
                "jars/linux-arm64/pytorch-native-cpu-2.7.1-linux-aarch64.jar",
                "jars/macos-arm64/pytorch-native-cpu-2.7.1-osx-aarch64.jar",
                "jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar", "jars/ij-1.54f.jar",
                "jars/jogl-all-2.3.2-natives-linux-amd64.jar", "jars/Jama-1.0.3.jar", "macros/x-1.0.ijm"}) {
            assertEquals(org.scijava.util.FileUtils.stripFilenameVersion(name), SiteDatabase.unversioned(name), name);
        }
    }

    @Test
    void everythingSurvivesAWriteAndReadIncludingCharactersXmlMustEscape() throws Exception {
        SiteDatabase db = new SiteDatabase();
        SiteDatabase.Record r = new SiteDatabase.Record("jars/a&b\"<c>'.jar");
        r.executable = true;
        r.platforms.add("win64");
        r.categories.add("Deblurring");
        r.current = new SiteDatabase.Version("0123456789abcdef0123456789abcdef01234567", 20251126120000L, 42, 0, null);
        r.description = "line one\nline <two> & \"three\"";
        r.dependencies.add(new SiteDatabase.Dependency("jars/api-0.36.0.jar", 20251125000000L, true));
        r.links.add("https://example.org/?a=1&b=2");
        r.authors.add("Ä. Author");
        r.previous.add(new SiteDatabase.Version("fedcba9876543210fedcba9876543210fedcba98", 20251120000000L, -1,
                20251126120000L, "jars/old\tname.jar"));
        db.records.add(r);
        Path file = tmp.resolve("db.xml.gz");
        db.write(file);

        SiteDatabase back = SiteDatabase.read(file);
        assertEquals(db.toXml(), back.toXml());
        SiteDatabase.Record b = back.records.get(0);
        assertEquals(r.filename, b.filename);
        assertEquals(r.description, b.description);
        assertEquals("jars/old\tname.jar", b.previous.get(0).filename);
        assertEquals(42, b.current.filesize);
        assertEquals(true, b.dependencies.get(0).overrides);
        assertThrows(IllegalArgumentException.class, () -> SiteDatabase.escape("bell\u0007"));
    }
}
