package dev.wuerstchen.engine.tokenizer;

import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.error.NativeCallException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one place that creates DJL's {@link HuggingFaceTokenizer}: it switches DJL to offline mode
 * first and turns DJL's exceptions into the project's typed ones.
 *
 * <p>Offline mode matters twice: DJL's tokenizer factories otherwise "call home" (telemetry that
 * probes the EC2 metadata address 169.254.169.254), and on a CUDA machine DJL would otherwise look
 * for a CUDA build of the native library and try to download it. The system properties are only set
 * when absent, so a user can still decide otherwise. Environment variables win over both properties
 * in DJL ({@code DJL_OFFLINE}, {@code OPT_OUT_TRACKING}); set {@code OPT_OUT_TRACKING=true} in the
 * environment of any process that loads DJL before this class does.
 */
final class DjlTokenizers {

    /**
     * Padding and truncation are always passed explicitly: left to itself DJL pads to the longest
     * sequence with id 0, whatever the JSON says. We turn both off and pad/truncate ourselves, which
     * also tells us how long the prompt really was.
     */
    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "true",
            "withOverflowingTokens", "false",
            "padding", "false",
            "truncation", "false");

    static {
        disableTelemetry();
    }

    private DjlTokenizers() {}

    /** Sets {@code ai.djl.offline} and {@code OPT_OUT_TRACKING} to true unless they are already set. */
    static void disableTelemetry() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    /** Creates the native tokenizer from tokenizer.json text; {@code source} is named in errors. */
    static HuggingFaceTokenizer create(String json, Path source) {
        try (InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
            return HuggingFaceTokenizer.newInstance(in, OPTIONS);
        } catch (EngineException e) {
            throw nativeLibraryMissing(e);
        } catch (UnsatisfiedLinkError e) {
            throw nativeLibraryMissing(e);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(source, "is not accepted by the Hugging Face tokenizers library ("
                    + describe(e) + "). Download the model's tokenizer/ folder again", e);
        }
    }

    /** Encodes with the start and end tokens and without padding or truncation. */
    static ai.djl.huggingface.tokenizers.Encoding encode(HuggingFaceTokenizer tokenizer, String text) {
        try {
            return tokenizer.encode(text, true, false);
        } catch (RuntimeException e) {
            NativeCallException wrapped = new NativeCallException("HuggingFaceTokenizer.encode",
                    e.getClass().getSimpleName(), describe(e));
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    private static NativeCallException nativeLibraryMissing(Throwable e) {
        NativeCallException wrapped = new NativeCallException("loading the Hugging Face tokenizers native"
                + " library (DJL)", e.getClass().getSimpleName(), describe(e) + ". DJL unpacks it from its jar"
                + " into ~/.djl.ai (or DJL_CACHE_DIR); check that this folder is writable and that the"
                + " platform is Linux, macOS (arm64) or Windows on x86_64/aarch64");
        wrapped.initCause(e);
        return wrapped;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString().strip();
    }
}
