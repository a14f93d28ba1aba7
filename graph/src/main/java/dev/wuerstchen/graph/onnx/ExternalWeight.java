package dev.wuerstchen.graph.onnx;

/**
 * Where a weight's float32 little-endian bytes live: a file next to the model (a plain file name,
 * as ONNX external data requires a path relative to the model's folder), a byte offset and length.
 */
public record ExternalWeight(String location, long offset, long length) {

    public ExternalWeight {
        if (location == null || location.isEmpty() || location.contains("/") || location.contains("\\")
                || location.equals("..") || location.equals(".")) {
            throw new IllegalArgumentException("external weight location '" + location
                    + "' must be a plain file name in the model's folder");
        }
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("external weight offset " + offset + " / length " + length + " is negative");
        }
    }
}
