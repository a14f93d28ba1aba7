package dev.wuerstchen.backend.openvino;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the OpenVINO runtime is, as found by {@link OpenVinoRuntimeLocator}. */
public sealed interface RuntimeLocation {

    /**
     * A usable installation.
     *
     * @param cLibrary {@code libopenvino_c.so*}
     * @param preload libraries to load before it, in order (TBB, then {@code libopenvino.so*})
     * @param soVersion the SOVERSION from the file name ({@code 2530} for 2025.3.0), or null
     * @param source how it was found, e.g. {@code pip wheel in ~/.local/lib/python3.12/site-packages}
     * @param notes problems that may limit it (no CPU plugin next to libopenvino, ...)
     */
    record Found(Path cLibrary, List<Path> preload, String soVersion, String source, List<String> notes)
            implements RuntimeLocation {
        public Found {
            preload = List.copyOf(preload);
            notes = List.copyOf(notes);
        }

        /** Every library in load order, {@code libopenvino_c} last. */
        public List<Path> libraries() {
            List<Path> all = new ArrayList<>(preload);
            all.add(cLibrary);
            return List.copyOf(all);
        }

        /** The release the SOVERSION stands for ({@code 2530} → {@code 2025.3.0}), or null. */
        public String versionHint() {
            if (soVersion == null || !soVersion.matches("\\d{3,4}")) {
                return null;
            }
            int year = 2000 + Integer.parseInt(soVersion.substring(0, 2));
            return year + "." + soVersion.charAt(2) + "." + (soVersion.length() > 3 ? soVersion.charAt(3) : '0');
        }
    }

    /**
     * Nothing usable was found.
     *
     * @param searched every place looked at, in order, with what was wrong there
     * @param howToInstall the ways to install OpenVINO so that it is found
     */
    record NotFound(List<String> searched, String howToInstall) implements RuntimeLocation {
        public NotFound {
            searched = List.copyOf(searched);
        }
    }
}
