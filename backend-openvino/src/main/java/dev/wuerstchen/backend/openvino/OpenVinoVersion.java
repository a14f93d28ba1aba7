package dev.wuerstchen.backend.openvino;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime version as {@code ov_get_openvino_version} reports it; {@code buildNumber} looks like
 * {@code 2025.3.0-19807-44526285f24-releases/2025/3} and only its leading {@code YYYY.M.P} is parsed.
 */
public record OpenVinoVersion(int year, int minor, int patch, String buildNumber, String description) {

    private static final Pattern LEADING = Pattern.compile("^\\s*(\\d{4})\\.(\\d+)(?:\\.(\\d+))?");

    /** Parses the leading release number; null if there is none (custom builds may report anything). */
    public static OpenVinoVersion tryParse(String buildNumber, String description) {
        Matcher m = LEADING.matcher(buildNumber == null ? "" : buildNumber);
        if (!m.find()) {
            return null;
        }
        try {
            int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return new OpenVinoVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, buildNumber,
                    description);
        } catch (NumberFormatException e) {
            return null; // digits beyond int range
        }
    }

    public boolean atLeast(int y, int m) {
        return year > y || year == y && minor >= m;
    }

    /** {@code 2025.3.0}. */
    public String release() {
        return year + "." + minor + "." + patch;
    }

    @Override
    public String toString() {
        return release() + " (" + buildNumber + ")";
    }
}
