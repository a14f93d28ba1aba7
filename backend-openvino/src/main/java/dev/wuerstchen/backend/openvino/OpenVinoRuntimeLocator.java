package dev.wuerstchen.backend.openvino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds an OpenVINO runtime without running Python or a shell script, in this order:
 * <ol>
 *   <li>an explicit path ({@code BackendOptions.runtimePath()}, else the system property
 *       {@value #PATH_PROPERTY}); when one is given nothing else is searched, so a wrong path is
 *       reported instead of silently using another installation;</li>
 *   <li>variables set by OpenVINO's {@code setupvars} script: {@code INTEL_OPENVINO_DIR} (its archive
 *       library folder) and the entries of the library path ({@code LD_LIBRARY_PATH},
 *       {@code DYLD_LIBRARY_PATH} on macOS, {@code PATH} on Windows);</li>
 *   <li>the {@code openvino/libs} folder of pip installations (user site, {@code VIRTUAL_ENV},
 *       {@code CONDA_PREFIX}, system site-packages);</li>
 *   <li>the library path ({@code java.library.path}) and the system's folders ({@link InstallFolders}).</li>
 * </ol>
 * In a folder it takes the C library ({@code libopenvino_c.so*}, {@code libopenvino_c*.dylib} or
 * {@code openvino_c.dll}, see {@link NativePlatform}; versioned names, spec §A.1.1) and lists the
 * dependencies to pre-load in order: TBB (beside it or in the archive's {@code runtime/3rdparty/tbb}),
 * then {@code libopenvino} of the same SOVERSION.
 */
public final class OpenVinoRuntimeLocator {

    public static final String PATH_PROPERTY = "wuerstchen.openvino.path";

    static final String HOW_TO_INSTALL = "Install OpenVINO 2024.0 or newer in one of these ways: "
            + "(1) pip: 'pip install openvino' (its openvino/libs folder is found in user, system, virtualenv and "
            + "conda site-packages); "
            + "(2) the archive 'openvino_toolkit_<os>_<version>_<arch>' (.tgz, .zip on Windows) from "
            + "https://storage.openvinotoolkit.org/repositories/openvino/packages/ — unpack it and either run its "
            + "setupvars script or pass its folder with --runtime-path DIR (Java API: BackendOptions.runtimePath, or -D"
            + PATH_PROPERTY + "=DIR); "
            + "(3) on Linux, APT: add Intel's OpenVINO APT repository (https://apt.repos.intel.com/openvino/2025, see "
            + "OpenVINO's APT install guide) and run "
            + "'sudo apt install openvino-2025.3.0' (any 2024.x or 2025.x package)";

    /** What the locator may read from the process; tests pass fakes. */
    public record Environment(Map<String, String> variables, UnaryOperator<String> systemProperties, Path home,
            Path root) {
        public static Environment current() {
            return new Environment(System.getenv(), System::getProperty, Path.of(System.getProperty("user.home")),
                    Path.of("/"));
        }

        String variable(String name) {
            String v = variables.get(name);
            return v == null || v.isBlank() ? null : v;
        }

        /** The platform named by {@code os.name} and {@code os.arch}. */
        NativePlatform platform() {
            return NativePlatform.of(systemProperties.apply("os.name"), systemProperties.apply("os.arch"));
        }

        /** An absolute system folder, under {@link #root} (so tests can fake a file system). */
        Path system(String absolute) {
            return root.resolve(absolute.substring(1));
        }
    }

    private final Environment env;
    private final NativePlatform platform;
    private final InstallFolders folders;
    private final Pattern cLibrary;

    public OpenVinoRuntimeLocator(Environment env) {
        this.env = env;
        this.platform = env.platform();
        this.folders = new InstallFolders(env, platform);
        this.cLibrary = platform.library("openvino_c");
    }

    /** The platform whose file names and folders this locator looks for. */
    NativePlatform platform() {
        return platform;
    }

    /** A locator over this process's variables, properties and file system. */
    public static OpenVinoRuntimeLocator system() {
        return new OpenVinoRuntimeLocator(Environment.current());
    }

    /** Searches, starting with {@code explicitPath} when it is not null. */
    public RuntimeLocation locate(Path explicitPath) {
        Search s = new Search();
        String property = env.systemProperties().apply(PATH_PROPERTY);
        if (explicitPath != null) {
            return s.explicit(explicitPath, "explicit runtime path").map(RuntimeLocation.class::cast)
                    .orElseGet(s::notFound);
        }
        if (property != null && !property.isBlank()) {
            return s.explicit(Path.of(property), "system property " + PATH_PROPERTY).map(RuntimeLocation.class::cast)
                    .orElseGet(s::notFound);
        }
        return s.all().map(RuntimeLocation.class::cast).orElseGet(s::notFound);
    }

    /** One search: the folders looked at, for the not-found report. */
    private final class Search {
        private final List<String> searched = new ArrayList<>();
        private final Set<Path> seen = new LinkedHashSet<>();

        RuntimeLocation.NotFound notFound() {
            return new RuntimeLocation.NotFound(searched, HOW_TO_INSTALL);
        }

        Optional<RuntimeLocation.Found> explicit(Path p, String what) {
            if (Files.isRegularFile(p)) {
                Optional<RuntimeLocation.Found> f = folder(p.toAbsolutePath().getParent(), what + " " + p,
                        p.getFileName().toString());
                if (f.isEmpty()) {
                    searched.add(what + " " + p + ": not a " + platform.cLibraryGlob() + " file");
                }
                return f;
            }
            if (!Files.isDirectory(p)) {
                searched.add(what + " " + p + ": does not exist");
                return Optional.empty();
            }
            return first(Stream.of(p, p.resolve(platform.archiveFolder()), p.resolve("libs"), p.resolve("openvino/libs"),
                    p.resolve("lib")), what + " " + p);
        }

        Optional<RuntimeLocation.Found> all() {
            Optional<RuntimeLocation.Found> f = Optional.empty();
            String ov = env.variable("INTEL_OPENVINO_DIR");
            if (ov != null) {
                f = folder(Path.of(ov, platform.archiveFolder()), "INTEL_OPENVINO_DIR=" + ov, null);
            } else {
                searched.add("INTEL_OPENVINO_DIR: not set (OpenVINO's setupvars script sets it)");
            }
            String libraryPath = platform.libraryPathVariable();
            return f.or(() -> first(folders.pathList(env.variable(libraryPath)), libraryPath + " entry"))
                    .or(() -> first(folders.sitePackages().map(sp -> sp.resolve("openvino/libs")), "pip wheel"))
                    .or(() -> first(folders.pathList(env.systemProperties().apply("java.library.path")),
                            "java.library.path entry"))
                    .or(() -> first(folders.systemFolders(), "system library folder"));
        }

        private Optional<RuntimeLocation.Found> first(Stream<Path> dirs, String what) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                Optional<RuntimeLocation.Found> f = folder(d, what, null);
                if (f.isPresent()) {
                    return f;
                }
            }
            return Optional.empty();
        }

        /** Looks at one folder once; {@code fileName} picks a specific C library file. */
        private Optional<RuntimeLocation.Found> folder(Path dir, String what, String fileName) {
            Path key = dir.toAbsolutePath().normalize();
            if (!seen.add(key) && fileName == null) {
                return Optional.empty();
            }
            if (!Files.isDirectory(dir)) {
                searched.add(what + " " + dir + ": no such folder");
                return Optional.empty();
            }
            Optional<Path> c = fileName != null ? Optional.of(dir.resolve(fileName)).filter(p -> isLibrary(p, cLibrary))
                    : best(dir, cLibrary);
            if (c.isEmpty()) {
                searched.add(what + " " + dir + ": no " + platform.cLibraryGlob());
                return Optional.empty();
            }
            return Optional.of(found(c.get(), what + " " + dir));
        }
    }

    private RuntimeLocation.Found found(Path cLib, String source) {
        Path dir = cLib.getParent();
        Matcher m = cLibrary.matcher(cLib.getFileName().toString());
        String suffix = m.matches() ? m.group(1) : null;
        String soVersion = suffix == null ? null : suffix.contains(".") ? soVersionOf(suffix) : suffix;
        List<String> notes = new ArrayList<>();
        List<Path> preload = new ArrayList<>();
        String tbbName = platform.tbb().getFirst();
        Optional<Path> tbbDir = archiveTbbFolder(dir);
        Optional<Path> tbb = exact(dir, tbbName).or(() -> tbbDir.flatMap(t -> exact(t, tbbName)))
                .or(() -> best(dir, platform.library("tbb")));
        tbb.ifPresentOrElse(preload::add, () -> notes.add("no " + tbbName + " beside it" + tbbDir.map(t -> " or in " + t)
                .orElse("") + "; the system's TBB is used if the dynamic linker finds one"));
        tbb.flatMap(t -> exact(t.getParent(), platform.tbb().get(1))).ifPresent(preload::add);
        Optional<Path> core = soVersion != null ? exact(dir, platform.library("openvino", soVersion)) : Optional.empty();
        core = core.or(() -> suffix != null ? exact(dir, platform.library("openvino", suffix)) : Optional.empty())
                .or(() -> best(dir, platform.library("openvino")));
        core.ifPresentOrElse(preload::add, () -> notes.add("no " + platform.libraryGlob("openvino") + " beside "
                + cLib.getFileName() + "; plugins and frontends are looked up next to libopenvino, so devices may be "
                + "missing"));
        if (!hasPlugin(dir, platform.cpuPlugin())) {
            notes.add("no " + platform.cpuPlugin() + " in " + dir + " or its openvino-*/ subfolders: the CPU device "
                    + "will be missing");
        }
        for (String frontend : List.of("ir", "onnx")) {
            String base = "openvino_" + frontend + "_frontend";
            if (best(dir, platform.library(base)).isEmpty()) {
                notes.add("no " + platform.libraryGlob(base) + " in " + dir + ": " + frontend.toUpperCase(Locale.ROOT)
                        + " files cannot be read");
            }
        }
        return new RuntimeLocation.Found(cLib, preload, soVersion, source, notes);
    }

    /** TBB's folder of the archive whose {@code runtime} folder holds {@code dir} (up to three levels up), if any. */
    private Optional<Path> archiveTbbFolder(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        for (int up = 0; up < 4 && p != null; up++, p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("runtime")) {
                return Optional.of(p.resolve(platform.archiveTbbFolder()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a plugin is in {@code dir} or in one of its {@code openvino-<version>/} subfolders, where
     * APT packages install plugins next to their plugins.xml (spec §A.1.2).
     */
    static boolean hasPlugin(Path dir, String fileName) {
        if (Files.isRegularFile(dir.resolve(fileName))) {
            return true;
        }
        try (Stream<Path> subs = Files.list(dir)) {
            return subs.filter(d -> d.getFileName().toString().startsWith("openvino-") && Files.isDirectory(d))
                    .anyMatch(d -> Files.isRegularFile(d.resolve(fileName)));
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code 2025.3.0} → {@code 2530} (spec §A.1.1). */
    static String soVersionOf(String release) {
        String[] p = release.split("\\.");
        if (p.length < 2 || p[0].length() != 4) {
            return null;
        }
        return p[0].substring(2) + p[1] + (p.length > 2 ? p[2] : "0");
    }

    private static Optional<Path> exact(Path dir, String name) {
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private static boolean isLibrary(Path p, Pattern name) {
        return Files.isRegularFile(p) && name.matcher(p.getFileName().toString()).matches();
    }

    /**
     * The preferred file matching {@code name} in {@code dir}: a SOVERSION name ({@code .so.2530}) first,
     * then a full version ({@code .so.2025.3.0}), then the bare {@code .so}; higher versions first.
     */
    static Optional<Path> best(Path dir, Pattern name) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> isLibrary(p, name)).max(Comparator.comparingInt((Path p) -> rank(p, name))
                    .thenComparing(p -> versionKey(p, name)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int rank(Path p, Pattern name) {
        Matcher m = name.matcher(p.getFileName().toString());
        if (!m.matches() || m.groupCount() == 0 || m.group(1) == null) {
            return 0;
        }
        return m.group(1).contains(".") ? 1 : 2;
    }

    private static String versionKey(Path p, Pattern name) {
        Matcher m = name.matcher(p.getFileName().toString());
        if (!m.matches() || m.groupCount() == 0 || m.group(1) == null) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (String part : m.group(1).split("\\.")) {
            key.append(String.format("%010d", Long.parseLong(part.length() > 10 ? part.substring(0, 10) : part)));
        }
        return key.toString();
    }
}
