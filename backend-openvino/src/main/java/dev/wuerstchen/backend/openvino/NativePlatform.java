package dev.wuerstchen.backend.openvino;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The file names and folders of OpenVINO's libraries on one operating system and processor, decided
 * from {@code os.name} and {@code os.arch} (which the locator's tests fake):
 * <ul>
 *   <li>Linux: {@code libopenvino_c.so.<SOVERSION>}, archives in {@code runtime/lib/intel64} or
 *       {@code runtime/lib/aarch64}, {@code LD_LIBRARY_PATH};</li>
 *   <li>macOS: {@code libopenvino_c.<SOVERSION>.dylib} (or {@code .<version>.dylib}, or none), archives in
 *       {@code runtime/lib/intel64/Release} or {@code runtime/lib/arm64/Release}, {@code DYLD_LIBRARY_PATH};
 *       plugins keep the {@code .so} suffix there;</li>
 *   <li>Windows: {@code openvino_c.dll} without a version, archives in {@code runtime/bin/intel64/Release},
 *       {@code PATH} split on {@code ;}.</li>
 * </ul>
 * On ARM the CPU plugin is {@code openvino_arm_cpu_plugin}, elsewhere {@code openvino_intel_cpu_plugin}.
 * An unknown system is treated as Linux, a missing {@code os.arch} as x86-64.
 */
record NativePlatform(Os os, boolean arm) {

    enum Os { LINUX, MACOS, WINDOWS }

    /** A version in a library's file name: {@code 2530} or {@code 2025.3.0}. */
    private static final String VERSION = "(?:\\.(\\d+(?:\\.\\d+)*))?";

    static NativePlatform of(String osName, String osArch) {
        String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        Os os = name.startsWith("windows") ? Os.WINDOWS
                : name.startsWith("mac") || name.startsWith("darwin") ? Os.MACOS : Os.LINUX;
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        return new NativePlatform(os, arch.equals("aarch64") || arch.equals("arm64"));
    }

    /** File names of library {@code base} ({@code openvino_c}, {@code tbb}); group 1 is the version in the name. */
    Pattern library(String base) {
        String b = Pattern.quote(base);
        return Pattern.compile(switch (os) {
            case LINUX -> "lib" + b + "\\.so" + VERSION;
            case MACOS -> "lib" + b + VERSION + "\\.dylib";
            case WINDOWS -> b + VERSION + "\\.dll";
        });
    }

    /** The file name of library {@code base} carrying {@code version} ({@code 2530}); Windows names carry none. */
    String library(String base, String version) {
        return switch (os) {
            case LINUX -> "lib" + base + ".so." + version;
            case MACOS -> "lib" + base + "." + version + ".dylib";
            case WINDOWS -> base + ".dll";
        };
    }

    /** How messages name the files of library {@code base}: {@code libopenvino_c.so*}. */
    String libraryGlob(String base) {
        return switch (os) {
            case LINUX -> "lib" + base + ".so*";
            case MACOS -> "lib" + base + "*.dylib";
            case WINDOWS -> base + ".dll";
        };
    }

    /** The C library in messages. */
    String cLibraryGlob() {
        return libraryGlob("openvino_c");
    }

    /** The CPU plugin's file name (plugins carry no version; on macOS they keep {@code .so}). */
    String cpuPlugin() {
        String name = arm ? "openvino_arm_cpu_plugin" : "openvino_intel_cpu_plugin";
        return os == Os.WINDOWS ? name + ".dll" : "lib" + name + ".so";
    }

    /** TBB and its allocator, in load order. */
    List<String> tbb() {
        return switch (os) {
            case LINUX -> List.of("libtbb.so.12", "libtbbmalloc.so.2");
            case MACOS -> List.of("libtbb.12.dylib", "libtbbmalloc.2.dylib");
            case WINDOWS -> List.of("tbb12.dll", "tbbmalloc.dll");
        };
    }

    /** The libraries' folder in an archive (and under {@code INTEL_OPENVINO_DIR}). */
    String archiveFolder() {
        return switch (os) {
            case LINUX -> "runtime/lib/" + (arm ? "aarch64" : "intel64");
            case MACOS -> "runtime/lib/" + (arm ? "arm64" : "intel64") + "/Release";
            case WINDOWS -> "runtime/bin/intel64/Release"; // OpenVINO publishes x86-64 Windows archives only
        };
    }

    /** TBB's folder in an archive, under its {@code runtime} folder. */
    String archiveTbbFolder() {
        return os == Os.WINDOWS ? "3rdparty/tbb/bin" : "3rdparty/tbb/lib";
    }

    /** The variable the dynamic linker searches. */
    String libraryPathVariable() {
        return switch (os) {
            case LINUX -> "LD_LIBRARY_PATH";
            case MACOS -> "DYLD_LIBRARY_PATH";
            case WINDOWS -> "PATH";
        };
    }

    /** {@code File.pathSeparator} of this platform (taken from the platform, so tests can fake it). */
    String pathSeparator() {
        return os == Os.WINDOWS ? ";" : ":";
    }
}
