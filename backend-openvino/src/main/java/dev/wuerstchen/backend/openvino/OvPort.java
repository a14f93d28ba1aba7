package dev.wuerstchen.backend.openvino;

/**
 * What OpenVINO reports about one model input or output.
 *
 * @param index position among the model's inputs (or outputs)
 * @param name the tensor name, or null when the tensor has none
 * @param type element type
 * @param shape partial shape
 */
public record OvPort(int index, String name, ElementType type, PartialShape shape) {

    /** {@code #0 'x' f32[?,4]}, {@code #1 (unnamed) i32[1,77]}. */
    @Override
    public String toString() {
        return "#" + index + " " + (name == null ? "(unnamed)" : "'" + name + "'") + " " + type + shape;
    }
}
