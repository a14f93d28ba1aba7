package dev.wuerstchen.graph;

import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.UnaryFn;
import dev.wuerstchen.api.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One recorded operation: one node kind per {@link dev.wuerstchen.api.ops.Ops} primitive, with the
 * op's attributes. Every node produces exactly one value ({@link #out()}); its shape carries what
 * the attributes do not (reshape target, resize size). Optional inputs (biases, key padding) are
 * null when absent.
 */
public sealed interface Node {

    /** The value this node defines. */
    Value out();

    /** The values it reads, in argument order, without the absent optional ones. */
    List<Value> inputs();

    /** A small constant computed by network code, stored inline in the graph. */
    record Constant(Value out, HostTensor value) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of();
        }
    }

    record Unary(Value out, UnaryFn fn, Value x) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    record Binary(Value out, BinaryFn fn, Value a, Value b) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(a, b);
        }
    }

    /** {@code x·factor + offset}. */
    record Affine(Value out, Value x, float factor, float offset) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    record LeakyRelu(Value out, Value x, float slope) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    /** The target shape is {@code out.shape()}. */
    record Reshape(Value out, Value x) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    record Permute(Value out, Value x, List<Integer> axes) implements Node {
        public Permute {
            axes = List.copyOf(axes);
        }

        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    record Concat(Value out, int axis, List<Value> parts) implements Node {
        public Concat {
            parts = List.copyOf(parts);
        }

        @Override
        public List<Value> inputs() {
            return parts;
        }
    }

    /** Elements {@code [start, end)} along {@code axis}. */
    record Slice(Value out, Value x, int axis, int start, int end) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    /** {@code x·Wᵀ + b} on the last axis. */
    record Linear(Value out, Value x, Value weight, Value bias) implements Node {
        @Override
        public List<Value> inputs() {
            return present(x, weight, bias);
        }
    }

    record MatMul(Value out, Value a, Value b) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(a, b);
        }
    }

    record Conv(Value out, Value x, Value weight, Value bias, Conv2dParams params) implements Node {
        @Override
        public List<Value> inputs() {
            return present(x, weight, bias);
        }
    }

    /** Weight (I, O, kh, kw), as PyTorch and ONNX both store it. */
    record ConvTranspose(Value out, Value x, Value weight, Value bias, Conv2dParams params) implements Node {
        @Override
        public List<Value> inputs() {
            return present(x, weight, bias);
        }
    }

    /** LayerNorm over axis 1 of NCHW, no affine. */
    record LayerNormChannels(Value out, Value x, float eps) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    /** LayerNorm over the last axis; gamma and beta both present or both null. */
    record LayerNorm(Value out, Value x, Value gamma, Value beta, float eps) implements Node {
        @Override
        public List<Value> inputs() {
            return present(x, gamma, beta);
        }
    }

    /** Global response normalisation on (B, H, W, C). */
    record Grn(Value out, Value x, Value gamma, Value beta, float eps) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x, gamma, beta);
        }
    }

    record Softmax(Value out, Value x, int axis) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    /**
     * Multi-head attention without projections; {@code causal} with an optional (B, Nk) 1/0 key
     * padding, or no mask at all.
     */
    record Attention(Value out, Value q, Value k, Value v, int heads, boolean causal, Value keyPadding)
            implements Node {
        @Override
        public List<Value> inputs() {
            return present(q, k, v, keyPadding);
        }
    }

    record PixelShuffle(Value out, Value x, int r) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    record PixelUnshuffle(Value out, Value x, int r) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    record ReplicationPad(Value out, Value x, int pad) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    /** Antialiased bicubic resize to the height and width of {@code out.shape()}. */
    record ResizeBicubicAntialias(Value out, Value x) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x);
        }
    }

    /** Rows of table (V, D) picked by int64 ids. */
    record Embedding(Value out, Value table, Value ids) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(table, ids);
        }
    }

    /** Nearest codebook row per pixel of x (B, C, H, W). */
    record NearestCode(Value out, Value x, Value codebook) implements Node {
        @Override
        public List<Value> inputs() {
            return List.of(x, codebook);
        }
    }

    private static List<Value> present(Value... values) {
        List<Value> out = new ArrayList<>(values.length);
        Arrays.stream(values).filter(v -> v != null).forEach(out::add);
        return List.copyOf(out);
    }
}
