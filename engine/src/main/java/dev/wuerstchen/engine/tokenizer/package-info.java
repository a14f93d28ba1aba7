/**
 * The CLIP tokenizer (spec 8.1): {@link dev.wuerstchen.engine.tokenizer.ClipTokenizer}, backed by the
 * Hugging Face tokenizers library through DJL ({@code ai.djl.huggingface:tokenizers}).
 *
 * <p>Offline use. DJL's tokenizer factories report usage ("telemetry") by probing the EC2 metadata
 * address 169.254.169.254 unless told not to. {@code ClipTokenizer.load} sets the system properties
 * {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} before DJL is first used, unless they
 * are already set. DJL reads the environment variables {@code DJL_OFFLINE} and
 * {@code OPT_OUT_TRACKING} before the properties, so an environment that sets them to false wins;
 * launchers should export {@code OPT_OUT_TRACKING=true} (the build does so for tests). The native
 * library ships inside the DJL jar and is unpacked to {@code ~/.djl.ai} ({@code DJL_CACHE_DIR}); nothing
 * is downloaded.
 */
package dev.wuerstchen.engine.tokenizer;
