package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search order and the file choices of the locator, on fake installations (no library is loaded). */
class RuntimeLocatorTest {

    @TempDir
    Path root;

    private final Map<String, String> vars = new HashMap<>();
    private final Map<String, String> props = new HashMap<>();

    private RuntimeLocation locate(Path explicit) {
        return new OpenVinoRuntimeLocator(new OpenVinoRuntimeLocator.Environment(vars, props::get,
                root.resolve("home/user"), root)).locate(explicit);
    }

    private Path files(String dir, String... names) throws IOException {
        Path d = root.resolve(dir);
        Files.createDirectories(d);
        for (String n : names) {
            Files.writeString(d.resolve(n), "x");
        }
        return d;
    }

    private static final String[] WHEEL = {"libopenvino_c.so.2530", "libopenvino.so.2530", "libtbb.so.12",
        "libtbbmalloc.so.2", "libopenvino_intel_cpu_plugin.so", "libopenvino_ir_frontend.so.2530",
        "libopenvino_onnx_frontend.so.2530", "libopenvino_auto_plugin.so"};

    @Test
    void pipWheelInTheUserSiteIsFoundWithDependenciesInLoadOrder() throws IOException {
        Path libs = files("home/user/.local/lib/python3.12/site-packages/openvino/libs", WHEEL);
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(libs.resolve("libopenvino_c.so.2530"), f.cLibrary());
        assertEquals(List.of(libs.resolve("libtbb.so.12"), libs.resolve("libtbbmalloc.so.2"),
                libs.resolve("libopenvino.so.2530")), f.preload());
        assertEquals("2530", f.soVersion());
        assertEquals("2025.3.0", f.versionHint());
        assertEquals(List.of(), f.notes());
        assertTrue(f.source().startsWith("pip wheel"), f.source());
        assertEquals(libs.resolve("libopenvino_c.so.2530"), f.libraries().getLast());
    }

    @Test
    void archiveLayoutFromIntelOpenVinoDirTakesTbbFromThirdParty() throws IOException {
        Path lib = files("opt/ov/runtime/lib/intel64", "libopenvino_c.so", "libopenvino_c.so.2460",
                "libopenvino_c.so.2024.6.0", "libopenvino.so.2460", "libopenvino.so.2024.6.0",
                "libopenvino_intel_cpu_plugin.so", "libopenvino_ir_frontend.so.2460", "libopenvino_onnx_frontend.so.2460");
        Path tbb = files("opt/ov/runtime/3rdparty/tbb/lib", "libtbb.so.12", "libtbbmalloc.so.2");
        vars.put("INTEL_OPENVINO_DIR", root.resolve("opt/ov").toString());
        files("home/user/.local/lib/python3.11/site-packages/openvino/libs", WHEEL); // lower priority
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(lib.resolve("libopenvino_c.so.2460"), f.cLibrary()); // the SOVERSION name is preferred
        assertEquals(List.of(tbb.resolve("libtbb.so.12"), tbb.resolve("libtbbmalloc.so.2"),
                lib.resolve("libopenvino.so.2460")), f.preload());
        assertEquals("2024.6.0", f.versionHint());
    }

    @Test
    void fullVersionNamesGiveTheSoVersion() throws IOException {
        Path lib = files("usr/lib/x86_64-linux-gnu", "libopenvino_c.so.2025.1.0", "libopenvino.so.2025.1.0",
                "libtbb.so.12");
        props.put("os.arch", "amd64");
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(lib.resolve("libopenvino_c.so.2025.1.0"), f.cLibrary());
        assertEquals("2510", f.soVersion());
        assertEquals(List.of(lib.resolve("libtbb.so.12"), lib.resolve("libopenvino.so.2025.1.0")), f.preload());
        assertTrue(f.notes().stream().anyMatch(n -> n.contains("CPU device will be missing")), f.notes().toString());
    }

    @Test
    void aptInstallsPluginsInAnOpenvinoVersionSubfolder() throws IOException {
        Path lib = files("usr/lib/x86_64-linux-gnu", "libopenvino_c.so.2530", "libopenvino.so.2530", "libtbb.so.12",
                "libopenvino_ir_frontend.so.2530", "libopenvino_onnx_frontend.so.2530");
        props.put("os.arch", "amd64");
        RuntimeLocation.Found without = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertTrue(without.notes().stream().anyMatch(n -> n.contains("CPU device will be missing")), without.notes().toString());
        files("usr/lib/x86_64-linux-gnu/openvino-2025.3.0", "libopenvino_intel_cpu_plugin.so", "plugins.xml");
        RuntimeLocation.Found apt = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(lib.resolve("libopenvino_c.so.2530"), apt.cLibrary());
        assertEquals(List.of(), apt.notes());
    }

    @Test
    void ldLibraryPathComesBeforePip() throws IOException {
        Path ld = files("custom/lib", WHEEL);
        files("home/user/.local/lib/python3.12/site-packages/openvino/libs", WHEEL);
        vars.put("LD_LIBRARY_PATH", root.resolve("nothing") + ":" + ld);
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(ld.resolve("libopenvino_c.so.2530"), f.cLibrary());
        assertTrue(f.source().startsWith("LD_LIBRARY_PATH entry"), f.source());
    }

    @Test
    void virtualEnvCondaAndSystemSitePackagesAreSearched() throws IOException {
        Path venv = files("venvs/a/lib/python3.10/site-packages/openvino/libs", WHEEL);
        vars.put("VIRTUAL_ENV", root.resolve("venvs/a").toString());
        assertEquals(venv.resolve("libopenvino_c.so.2530"),
                assertInstanceOf(RuntimeLocation.Found.class, locate(null)).cLibrary());
        vars.clear();
        Path conda = files("conda/lib/python3.11/site-packages/openvino/libs", WHEEL);
        vars.put("CONDA_PREFIX", root.resolve("conda").toString());
        assertEquals(conda.resolve("libopenvino_c.so.2530"),
                assertInstanceOf(RuntimeLocation.Found.class, locate(null)).cLibrary());
        vars.clear();
        Path system = files("usr/local/lib/python3.12/dist-packages/openvino/libs", WHEEL);
        assertEquals(system.resolve("libopenvino_c.so.2530"),
                assertInstanceOf(RuntimeLocation.Found.class, locate(null)).cLibrary());
    }

    @Test
    void optIntelPicksTheNewestInstallation() throws IOException {
        files("opt/intel/openvino_2024.4.0/runtime/lib/intel64", "libopenvino_c.so.2440", "libopenvino.so.2440");
        Path newer = files("opt/intel/openvino_2025.2.0/runtime/lib/intel64", "libopenvino_c.so.2520",
                "libopenvino.so.2520");
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(newer.resolve("libopenvino_c.so.2520"), f.cLibrary());
    }

    @Test
    void anExplicitPathWinsAndIsTheOnlyPlaceSearched() throws IOException {
        files("home/user/.local/lib/python3.12/site-packages/openvino/libs", WHEEL);
        Path archive = root.resolve("ov-archive");
        Path lib = files("ov-archive/runtime/lib/intel64", WHEEL);
        assertEquals(lib.resolve("libopenvino_c.so.2530"),
                assertInstanceOf(RuntimeLocation.Found.class, locate(archive)).cLibrary());
        assertEquals(lib.resolve("libopenvino_c.so.2530"),
                assertInstanceOf(RuntimeLocation.Found.class, locate(lib.resolve("libopenvino_c.so.2530"))).cLibrary());
        RuntimeLocation.NotFound nf = assertInstanceOf(RuntimeLocation.NotFound.class, locate(root.resolve("typo")));
        assertEquals(List.of("explicit runtime path " + root.resolve("typo") + ": does not exist"), nf.searched());
    }

    @Test
    void theSystemPropertyIsAnExplicitPath() throws IOException {
        Path libs = files("elsewhere/openvino/libs", WHEEL);
        props.put(OpenVinoRuntimeLocator.PATH_PROPERTY, root.resolve("elsewhere").toString());
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(libs.resolve("libopenvino_c.so.2530"), f.cLibrary());
        assertTrue(f.source().startsWith("system property wuerstchen.openvino.path"), f.source());
    }

    @Test
    void notFoundListsEveryPlaceAndHowToInstall() throws IOException {
        files("home/user/.local/lib/python3.12/site-packages/openvino/libs", "README.txt");
        vars.put("LD_LIBRARY_PATH", root.resolve("ld").toString());
        props.put("java.library.path", root.resolve("jlp").toString());
        RuntimeLocation.NotFound nf = assertInstanceOf(RuntimeLocation.NotFound.class, locate(null));
        String all = String.join("\n", nf.searched());
        assertTrue(all.contains("INTEL_OPENVINO_DIR: not set"), all);
        assertTrue(all.contains("LD_LIBRARY_PATH entry " + root.resolve("ld") + ": no such folder"), all);
        assertTrue(all.contains("pip wheel " + root.resolve("home/user/.local/lib/python3.12/site-packages/openvino/libs")
                + ": no libopenvino_c.so*"), all);
        assertTrue(all.contains("java.library.path entry " + root.resolve("jlp")), all);
        assertTrue(all.contains(root.resolve("usr/lib/x86_64-linux-gnu").toString()), all);
        assertTrue(all.contains(root.resolve("opt/intel/openvino*/runtime/lib/intel64").toString()), all);
        assertTrue(nf.howToInstall().contains("pip install openvino"), nf.howToInstall());
        assertTrue(nf.howToInstall().contains("storage.openvinotoolkit.org"), nf.howToInstall());
        assertTrue(nf.howToInstall().contains("apt install openvino-2025"), nf.howToInstall());
    }

    @Test
    void linuxAarch64ArchivesUseTheAarch64FolderAndTheArmCpuPlugin() throws IOException {
        props.put("os.arch", "aarch64");
        files("ov/runtime/lib/intel64", "libopenvino_c.so.2530", "libopenvino.so.2530"); // not this processor's
        Path lib = files("ov/runtime/lib/aarch64", "libopenvino_c.so.2530", "libopenvino.so.2530",
                "libopenvino_arm_cpu_plugin.so", "libopenvino_ir_frontend.so.2530", "libopenvino_onnx_frontend.so.2530");
        Path tbb = files("ov/runtime/3rdparty/tbb/lib", "libtbb.so.12", "libtbbmalloc.so.2");
        vars.put("INTEL_OPENVINO_DIR", root.resolve("ov").toString());
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(lib.resolve("libopenvino_c.so.2530"), f.cLibrary());
        assertEquals(List.of(tbb.resolve("libtbb.so.12"), tbb.resolve("libtbbmalloc.so.2"),
                lib.resolve("libopenvino.so.2530")), f.preload());
        assertEquals(List.of(), f.notes());
        props.put("os.arch", "arm64"); // the same processor under another name
        vars.clear();
        assertEquals(lib.resolve("libopenvino_c.so.2530"),
                assertInstanceOf(RuntimeLocation.Found.class, locate(root.resolve("ov"))).cLibrary());
    }

    @Test
    void onArmTheIntelCpuPluginDoesNotCount() throws IOException {
        props.put("os.arch", "aarch64");
        Path lib = files("usr/lib/aarch64-linux-gnu", "libopenvino_c.so.2530", "libopenvino.so.2530", "libtbb.so.12",
                "libopenvino_intel_cpu_plugin.so", "libopenvino_ir_frontend.so.2530", "libopenvino_onnx_frontend.so.2530");
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(List.of("no libopenvino_arm_cpu_plugin.so in " + lib + " or its openvino-*/ subfolders: the CPU "
                + "device will be missing"), f.notes());
        props.put("os.arch", "amd64");
        assertInstanceOf(RuntimeLocation.NotFound.class, locate(null)); // x86-64 looks in x86_64-linux-gnu
    }

    @Test
    void aarch64NotFoundNamesTheArmFolders() {
        props.put("os.arch", "aarch64");
        String all = String.join("\n", assertInstanceOf(RuntimeLocation.NotFound.class, locate(null)).searched());
        assertTrue(all.contains(root.resolve("usr/lib/aarch64-linux-gnu").toString()), all);
        assertTrue(all.contains(root.resolve("opt/intel/openvino*/runtime/lib/aarch64").toString()), all);
    }

    private static final String[] MAC_WHEEL = {"libopenvino_c.2541.dylib", "libopenvino.2541.dylib", "libtbb.12.dylib",
        "libtbbmalloc.2.dylib", "libopenvino_arm_cpu_plugin.so", "libopenvino_ir_frontend.2541.dylib",
        "libopenvino_onnx_frontend.2541.dylib", "libopenvino_auto_plugin.so"};

    @Test
    void macOsPipWheelInTheUserSite() throws IOException {
        props.put("os.name", "Mac OS X");
        props.put("os.arch", "aarch64");
        files("home/user/.local/lib/python3.12/site-packages/openvino/libs", WHEEL); // Linux names: not for macOS
        Path libs = files("home/user/Library/Python/3.12/lib/python/site-packages/openvino/libs", MAC_WHEEL);
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(libs.resolve("libopenvino_c.2541.dylib"), f.cLibrary());
        assertEquals(List.of(libs.resolve("libtbb.12.dylib"), libs.resolve("libtbbmalloc.2.dylib"),
                libs.resolve("libopenvino.2541.dylib")), f.preload());
        assertEquals("2025.4.1", f.versionHint());
        assertEquals(List.of(), f.notes());
    }

    @Test
    void macOsArchiveFromDyldLibraryPath() throws IOException {
        props.put("os.name", "Mac OS X");
        props.put("os.arch", "x86_64");
        Path lib = files("ov/runtime/lib/intel64/Release", "libopenvino_c.dylib", "libopenvino_c.2025.4.1.dylib",
                "libopenvino.dylib", "libopenvino.2025.4.1.dylib", "libopenvino_intel_cpu_plugin.so",
                "libopenvino_ir_frontend.2025.4.1.dylib", "libopenvino_onnx_frontend.2025.4.1.dylib");
        Path tbb = files("ov/runtime/3rdparty/tbb/lib", "libtbb.12.dylib", "libtbbmalloc.2.dylib");
        vars.put("LD_LIBRARY_PATH", files("elsewhere", MAC_WHEEL).toString()); // not read on macOS
        vars.put("DYLD_LIBRARY_PATH", root.resolve("nothing") + ":" + lib);
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(lib.resolve("libopenvino_c.2025.4.1.dylib"), f.cLibrary());
        assertEquals("2541", f.soVersion());
        assertEquals(List.of(tbb.resolve("libtbb.12.dylib"), tbb.resolve("libtbbmalloc.2.dylib"),
                lib.resolve("libopenvino.2025.4.1.dylib")), f.preload());
        assertTrue(f.source().startsWith("DYLD_LIBRARY_PATH entry"), f.source());
        assertEquals(List.of(), f.notes());
    }

    @Test
    void macOsArmArchiveUnderAnExplicitPath() throws IOException {
        props.put("os.name", "Mac OS X");
        props.put("os.arch", "aarch64");
        Path lib = files("ov/runtime/lib/arm64/Release", "libopenvino_c.dylib", "libopenvino.dylib");
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(root.resolve("ov")));
        assertEquals(lib.resolve("libopenvino_c.dylib"), f.cLibrary());
        assertEquals(null, f.soVersion());
        assertTrue(f.notes().contains("no libopenvino_arm_cpu_plugin.so in " + lib + " or its openvino-*/ subfolders: "
                + "the CPU device will be missing"), f.notes().toString());
        assertTrue(f.notes().contains("no libtbb.12.dylib beside it or in " + root.resolve("ov/runtime/3rdparty/tbb/lib")
                + "; the system's TBB is used if the dynamic linker finds one"), f.notes().toString());
    }

    private static final String[] WINDOWS_ARCHIVE = {"openvino_c.dll", "openvino.dll", "openvino_intel_cpu_plugin.dll",
        "openvino_ir_frontend.dll", "openvino_onnx_frontend.dll", "openvino_auto_plugin.dll"};

    @Test
    void windowsArchiveFromPathSplitOnSemicolons() throws IOException {
        props.put("os.name", "Windows 11");
        props.put("os.arch", "amd64");
        Path bin = files("ov/runtime/bin/intel64/Release", WINDOWS_ARCHIVE);
        Path tbb = files("ov/runtime/3rdparty/tbb/bin", "tbb12.dll", "tbbmalloc.dll");
        vars.put("PATH", root.resolve("nothing") + ";" + bin);
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(bin.resolve("openvino_c.dll"), f.cLibrary());
        assertEquals(List.of(tbb.resolve("tbb12.dll"), tbb.resolve("tbbmalloc.dll"), bin.resolve("openvino.dll")),
                f.preload());
        assertEquals(null, f.soVersion());
        assertEquals(List.of(), f.notes());
        assertTrue(f.source().startsWith("PATH entry " + bin), f.source());
        vars.clear();
        assertEquals(bin.resolve("openvino_c.dll"),
                assertInstanceOf(RuntimeLocation.Found.class, locate(root.resolve("ov"))).cLibrary());
    }

    @Test
    void windowsPipWheelsInAVirtualEnvAndTheUserSite() throws IOException {
        props.put("os.name", "Windows 10");
        Path venv = files("venv/Lib/site-packages/openvino/libs", WINDOWS_ARCHIVE);
        files("venv/Lib/site-packages/openvino/libs", "tbb12.dll", "tbbmalloc.dll");
        vars.put("VIRTUAL_ENV", root.resolve("venv").toString());
        RuntimeLocation.Found f = assertInstanceOf(RuntimeLocation.Found.class, locate(null));
        assertEquals(venv.resolve("openvino_c.dll"), f.cLibrary());
        assertEquals(List.of(venv.resolve("tbb12.dll"), venv.resolve("tbbmalloc.dll"), venv.resolve("openvino.dll")),
                f.preload());
        vars.clear();
        Path user = files("appdata/Python/Python312/site-packages/openvino/libs", WINDOWS_ARCHIVE);
        files("appdata/Python/Python311/site-packages/openvino/libs", WINDOWS_ARCHIVE);
        vars.put("APPDATA", root.resolve("appdata").toString());
        assertEquals(user.resolve("openvino_c.dll"),
                assertInstanceOf(RuntimeLocation.Found.class, locate(null)).cLibrary()); // the newest Python first
    }

    @Test
    void windowsNotFoundNamesTheDllAndIntelsProgramFolder() throws IOException {
        props.put("os.name", "Windows 11");
        files("programs/Intel/openvino_2025.3.0/runtime/bin/intel64/Release", "readme.txt");
        vars.put("ProgramFiles(x86)", root.resolve("programs").toString());
        files("home/user/.local/lib/python3.12/site-packages/openvino/libs", WHEEL); // Linux names: not for Windows
        String all = String.join("\n", assertInstanceOf(RuntimeLocation.NotFound.class, locate(null)).searched());
        assertTrue(all.contains("system library folder " + root.resolve(
                "programs/Intel/openvino_2025.3.0/runtime/bin/intel64/Release") + ": no openvino_c.dll"), all);
        assertFalse(all.contains(".local"), all);
    }

    @Test
    void soVersionOfARelease() {
        assertEquals("2460", OpenVinoRuntimeLocator.soVersionOf("2024.6.0"));
        assertEquals("2500", OpenVinoRuntimeLocator.soVersionOf("2025.0.0"));
        assertEquals("2640", OpenVinoRuntimeLocator.soVersionOf("2026.4"));
    }
}
