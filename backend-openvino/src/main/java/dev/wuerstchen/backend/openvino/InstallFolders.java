package dev.wuerstchen.backend.openvino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folders where pip and the system put OpenVINO on one platform, found without running Python:
 * Python's site-packages folders (user site first, then virtualenv, conda, system) and the system's
 * library folders. A folder that does not exist is still listed, with a placeholder for the Python
 * version, so that the not-found report names it.
 */
final class InstallFolders {

    /** The Python version in a folder name: {@code python3.12}, {@code 3.12} (macOS), {@code Python312} (Windows). */
    private static final Pattern PYTHON = Pattern.compile("(?i)(?:python)?3\\.?(\\d*)");

    private final OpenVinoRuntimeLocator.Environment env;
    private final NativePlatform platform;

    InstallFolders(OpenVinoRuntimeLocator.Environment env, NativePlatform platform) {
        this.env = env;
        this.platform = platform;
    }

    /** Python site-packages folders, user site first. */
    Stream<Path> sitePackages() {
        List<Path> out = new ArrayList<>();
        String venv = env.variable("VIRTUAL_ENV");
        String conda = env.variable("CONDA_PREFIX");
        switch (platform.os()) {
            case LINUX -> {
                unixPythons(env.home().resolve(".local/lib"), out);
                optional(venv).ifPresent(v -> unixPythons(Path.of(v, "lib"), out));
                optional(conda).ifPresent(c -> unixPythons(Path.of(c, "lib"), out));
                unixPythons(env.system("/usr/local/lib"), out);
                out.add(env.system("/usr/lib/python3/dist-packages"));
                unixPythons(env.system("/usr/lib"), out);
            }
            case MACOS -> {
                pythons(env.home().resolve("Library/Python"), "3.x", out, "lib/python/site-packages");
                optional(venv).ifPresent(v -> unixPythons(Path.of(v, "lib"), out));
                optional(conda).ifPresent(c -> unixPythons(Path.of(c, "lib"), out));
                unixPythons(env.system("/opt/homebrew/lib"), out);
                unixPythons(env.system("/usr/local/lib"), out);
            }
            case WINDOWS -> {
                optional(env.variable("APPDATA")).ifPresent(a -> pythons(Path.of(a, "Python"), "Python3xx", out,
                        "site-packages"));
                optional(venv).ifPresent(v -> out.add(Path.of(v, "Lib/site-packages")));
                optional(conda).ifPresent(c -> out.add(Path.of(c, "Lib/site-packages")));
                optional(env.variable("LOCALAPPDATA")).ifPresent(l -> pythons(Path.of(l, "Programs/Python"),
                        "Python3xx", out, "Lib/site-packages"));
            }
        }
        return out.stream();
    }

    /** The system's library folders, then the archives installed under Intel's default folder, newest first. */
    Stream<Path> systemFolders() {
        List<Path> out = new ArrayList<>();
        switch (platform.os()) {
            case LINUX -> {
                out.add(env.system("/usr/lib/" + (platform.arm() ? "aarch64-linux-gnu" : "x86_64-linux-gnu")));
                out.add(env.system("/usr/lib"));
                out.add(env.system("/usr/local/lib"));
                archives(env.system("/opt/intel"), out);
            }
            case MACOS -> {
                out.add(env.system("/opt/homebrew/lib"));
                out.add(env.system("/usr/local/lib"));
                archives(env.system("/opt/intel"), out);
            }
            case WINDOWS -> optional(env.variable("ProgramFiles(x86)")).ifPresent(p -> archives(Path.of(p, "Intel"), out));
        }
        return out.stream();
    }

    /** The entries of a path list such as {@code LD_LIBRARY_PATH}, split on the platform's separator. */
    Stream<Path> pathList(String list) {
        if (list == null || list.isBlank()) {
            return Stream.empty();
        }
        return Stream.of(list.split(Pattern.quote(platform.pathSeparator()))).filter(s -> !s.isBlank()).map(Path::of);
    }

    private static Optional<String> optional(String s) {
        return Optional.ofNullable(s);
    }

    /** {@code base/python3*}/{site,dist}-packages, as Linux and macOS Pythons (and their venvs) lay them out. */
    private static void unixPythons(Path base, List<Path> out) {
        pythons(base, "python3.x", out, "site-packages", "dist-packages");
    }

    /** {@code base/<python version>/<tail>} for each tail, newest Python first; a placeholder if there is none. */
    private static void pythons(Path base, String placeholder, List<Path> out, String... tails) {
        List<Path> found = List.of();
        if (Files.isDirectory(base)) {
            try (Stream<Path> dirs = Files.list(base)) {
                found = dirs.filter(p -> PYTHON.matcher(p.getFileName().toString()).matches())
                        .sorted(Comparator.comparing(InstallFolders::pythonMinor).reversed()).toList();
            } catch (IOException e) {
                // listed below with the placeholder
            }
        }
        if (found.isEmpty()) {
            out.add(base.resolve(placeholder).resolve(tails[0]));
        }
        for (Path py : found) {
            for (String tail : tails) {
                out.add(py.resolve(tail));
            }
        }
    }

    private static int pythonMinor(Path p) {
        Matcher m = PYTHON.matcher(p.getFileName().toString());
        return m.matches() && !m.group(1).isEmpty() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** {@code base/openvino*}/ the archive's library folder, newest first. */
    private void archives(Path base, List<Path> out) {
        if (Files.isDirectory(base)) {
            try (Stream<Path> dirs = Files.list(base)) {
                dirs.filter(p -> p.getFileName().toString().startsWith("openvino"))
                        .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                        .forEach(p -> out.add(p.resolve(platform.archiveFolder())));
                return;
            } catch (IOException e) {
                // listed below with the placeholder
            }
        }
        out.add(base.resolve("openvino*").resolve(platform.archiveFolder()));
    }
}
