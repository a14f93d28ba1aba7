package dev.wuerstchen.engine;

import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.engine.pipeline.DecoderPipeline;
import dev.wuerstchen.engine.pipeline.PriorPipeline;
import dev.wuerstchen.engine.pipeline.TextEncoder;
import dev.wuerstchen.engine.tokenizer.ClipTokenizer;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The networks of a prior folder and a decoder folder, loaded on one backend. Owns the checkpoints,
 * tokenizers and networks it opened and closes them in reverse order. Networks are loaded on first
 * use, so a caller that only needs the VQGAN does not pay for the prior.
 */
public final class LoadedModels implements AutoCloseable {

    /** The networks a Würstchen pair provides. */
    public enum Role {
        PRIOR_TEXT_ENCODER, PRIOR, DECODER_TEXT_ENCODER, DECODER, VQGAN_DECODE, VQGAN_ENCODE, VQGAN_QUANTIZE
    }

    private final Backend backend;
    private final PriorModelFolder priorFolder;
    private final DecoderModelFolder decoderFolder;
    private final Precision precision;
    private final Consumer<String> log;
    private final Map<Role, Network> networks = new EnumMap<>(Role.class);
    private final Map<Path, Checkpoint> checkpoints = new java.util.HashMap<>();
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private ClipTokenizer priorTokenizer;
    private ClipTokenizer decoderTokenizer;
    private boolean closed;

    public LoadedModels(Backend backend, PriorModelFolder priorFolder, DecoderModelFolder decoderFolder,
            Precision precision, Consumer<String> log) {
        this.backend = backend;
        this.priorFolder = priorFolder;
        this.decoderFolder = decoderFolder;
        this.precision = precision;
        this.log = log == null ? s -> { } : log;
    }

    public PriorModelFolder priorFolder() {
        return priorFolder;
    }

    public DecoderModelFolder decoderFolder() {
        return decoderFolder;
    }

    public Backend backend() {
        return backend;
    }

    /** The definition behind a role, built from the folder's config. */
    public synchronized NetworkDefinition definition(Role role) {
        return switch (role) {
            case PRIOR_TEXT_ENCODER -> new ClipTextEncoder("prior-text-encoder", priorFolder.textEncoder(),
                    ClipTextEncoder.keyPrefix(checkpoint(weightsOf(role)).names()));
            case PRIOR -> new WuerstchenPrior(priorFolder.prior());
            case DECODER_TEXT_ENCODER -> new ClipTextEncoder("decoder-text-encoder", decoderFolder.textEncoder(),
                    ClipTextEncoder.keyPrefix(checkpoint(weightsOf(role)).names()));
            case DECODER -> new WuerstchenDiffNeXt(decoderFolder.decoder());
            case VQGAN_DECODE -> new PaellaVqNetwork(decoderFolder.vqgan(), PaellaVqNetwork.Mode.DECODE);
            case VQGAN_ENCODE -> new PaellaVqNetwork(decoderFolder.vqgan(), PaellaVqNetwork.Mode.ENCODE);
            case VQGAN_QUANTIZE -> new PaellaVqNetwork(decoderFolder.vqgan(), PaellaVqNetwork.Mode.QUANTIZE);
        };
    }

    /** The network for a role, loading it (and its checkpoint) on first use. */
    public synchronized Network network(Role role) {
        ensureOpen();
        Network n = networks.get(role);
        if (n == null) {
            NetworkDefinition def = definition(role);
            Checkpoint ckpt = checkpoint(weightsOf(role));
            PublishedCheckpoints published = publishedFor(role);
            if (published != null) {
                published.check(def.manifest(), ckpt);
            }
            log.accept("loading " + def.name() + " on " + backend.id() + " from " + ckpt.source());
            n = backend.load(def, ckpt, precision);
            networks.put(role, n);
            owned.push(n);
        }
        return n;
    }

    public synchronized ClipTokenizer priorTokenizer() {
        ensureOpen();
        if (priorTokenizer == null) {
            priorTokenizer = ClipTokenizer.load(priorFolder.tokenizerDir());
            owned.push(priorTokenizer);
        }
        return priorTokenizer;
    }

    public synchronized ClipTokenizer decoderTokenizer() {
        ensureOpen();
        if (decoderTokenizer == null) {
            decoderTokenizer = ClipTokenizer.load(decoderFolder.tokenizerDir());
            owned.push(decoderTokenizer);
        }
        return decoderTokenizer;
    }

    /** The prior pipeline over this pair's prior networks. */
    public PriorPipeline priorPipeline() {
        return new PriorPipeline(new TextEncoder(priorTokenizer(), network(Role.PRIOR_TEXT_ENCODER)), network(Role.PRIOR),
                priorFolder.prior().cIn(), priorFolder.constants());
    }

    /** The decoder pipeline (Stage B and Stage A) over this pair's decoder networks. */
    public DecoderPipeline decoderPipeline() {
        return new DecoderPipeline(new TextEncoder(decoderTokenizer(), network(Role.DECODER_TEXT_ENCODER)),
                network(Role.DECODER), network(Role.VQGAN_DECODE), decoderFolder.decoder().cIn(),
                decoderFolder.latentDimScale(), decoderFolder.vqgan().scaleFactor());
    }

    private Path weightsOf(Role role) {
        return switch (role) {
            case PRIOR_TEXT_ENCODER -> priorFolder.textEncoderWeights();
            case PRIOR -> priorFolder.priorWeights();
            case DECODER_TEXT_ENCODER -> decoderFolder.textEncoderWeights();
            case DECODER -> decoderFolder.decoderWeights();
            case VQGAN_DECODE, VQGAN_ENCODE, VQGAN_QUANTIZE -> decoderFolder.vqganWeights();
        };
    }

    private Checkpoint checkpoint(Path file) {
        return checkpoints.computeIfAbsent(file, f -> {
            Checkpoint c = Checkpoints.open(f);
            owned.push(c);
            return c;
        });
    }

    /** The published checkpoint a role's config matches, or null for other configurations. */
    private PublishedCheckpoints publishedFor(Role role) {
        return switch (role) {
            case PRIOR -> priorFolder.prior().equals(PriorConfig.PUBLISHED) ? PublishedCheckpoints.PRIOR : null;
            case DECODER -> decoderFolder.decoder().equals(DecoderConfig.PUBLISHED) ? PublishedCheckpoints.DECODER : null;
            case VQGAN_DECODE, VQGAN_ENCODE, VQGAN_QUANTIZE ->
                    decoderFolder.vqgan().equals(VqganConfig.PUBLISHED) ? PublishedCheckpoints.VQGAN : null;
            case PRIOR_TEXT_ENCODER -> isPublishedClip(priorFolder.textEncoder(), 1280, 32)
                    ? PublishedCheckpoints.PRIOR_TEXT_ENCODER : null;
            case DECODER_TEXT_ENCODER -> isPublishedClip(decoderFolder.textEncoder(), 1024, 24)
                    ? PublishedCheckpoints.DECODER_TEXT_ENCODER : null;
        };
    }

    private static boolean isPublishedClip(ClipTextConfig c, int hidden, int layers) {
        return c.hiddenSize() == hidden && c.numHiddenLayers() == layers && c.vocabSize() == 49408
                && c.intermediateSize() == 4 * hidden && c.maxPositionEmbeddings() == 77;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the models of " + priorFolder.root() + " and " + decoderFolder.root()
                    + " are closed");
        }
    }

    /** Closes networks, tokenizers and checkpoints in reverse order of opening; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
