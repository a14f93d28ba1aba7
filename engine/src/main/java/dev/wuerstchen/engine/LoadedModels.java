package dev.wuerstchen.engine;

import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.engine.pipeline.DecoderPipeline;
import dev.wuerstchen.engine.pipeline.PriorPipeline;
import dev.wuerstchen.engine.pipeline.TextEncoder;
import dev.wuerstchen.engine.tokenizer.ClipTokenizer;
import dev.wuerstchen.api.io.Closeables;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A model pair's networks loaded on one backend, with their tokenizers. Networks load on first use,
 * so a caller that only needs the VQGAN does not pay for the prior. Owns the model pair, the
 * networks and the tokenizers and closes them in reverse order; the backend stays the caller's.
 */
public final class LoadedModels implements AutoCloseable {

    /**
     * Makes the network of a role. The default loads the definition with the pair's checkpoint on the
     * backend; a backend with ready-made models (OpenVINO's notebook IR files) can supply its own.
     * Networks it returns are closed with these models.
     */
    @FunctionalInterface
    public interface NetworkSource {
        Network network(Role role, NetworkDefinition definition);
    }

    private final Backend backend;
    private final ModelPair pair;
    private final Precision precision;
    private final Consumer<String> log;
    private final NetworkSource source;
    private final Map<Role, Network> networks = new EnumMap<>(Role.class);
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private ClipTokenizer priorTokenizer;
    private ClipTokenizer decoderTokenizer;
    private boolean closed;

    public LoadedModels(Backend backend, ModelPair pair, Precision precision, Consumer<String> log) {
        this(backend, pair, precision, log, null);
    }

    /** @param source where networks come from, or null to load them from the pair's checkpoints */
    public LoadedModels(Backend backend, ModelPair pair, Precision precision, Consumer<String> log, NetworkSource source) {
        this.backend = backend;
        this.pair = pair;
        this.precision = precision;
        this.log = log == null ? s -> { } : log;
        this.source = source != null ? source : this::fromCheckpoint;
        owned.push(pair);
    }

    public LoadedModels(Backend backend, PriorModelFolder priorFolder, DecoderModelFolder decoderFolder,
            Precision precision, Consumer<String> log) {
        this(backend, new ModelPair(priorFolder, decoderFolder), precision, log);
    }

    public ModelPair pair() {
        return pair;
    }

    public PriorModelFolder priorFolder() {
        return pair.priorFolder();
    }

    public DecoderModelFolder decoderFolder() {
        return pair.decoderFolder();
    }

    public Backend backend() {
        return backend;
    }

    public NetworkDefinition definition(Role role) {
        return pair.definition(role);
    }

    /** The network for a role, loading it (and its checkpoint) on first use. */
    public synchronized Network network(Role role) {
        ensureOpen();
        Network n = networks.get(role);
        if (n == null) {
            n = source.network(role, pair.definition(role));
            networks.put(role, n);
            owned.push(n);
        }
        return n;
    }

    private Network fromCheckpoint(Role role, NetworkDefinition def) {
        var ckpt = pair.checkpoint(role);
        log.accept("loading " + def.name() + " on " + backend.id() + " from " + ckpt.source());
        return backend.load(def, ckpt, precision);
    }

    /**
     * Closes the networks of these roles, if loaded, and unmaps the checkpoints no loaded network
     * still reads; the next {@link #network} call loads them again. Lets a caller that generates once
     * free the prior's ~6 GB before the decoder's load.
     */
    public synchronized void release(List<Role> roles) {
        ensureOpen();
        List<AutoCloseable> closing = new ArrayList<>();
        for (Role role : roles) {
            Network n = networks.remove(role);
            if (n != null) {
                owned.remove(n);
                closing.add(n);
            }
        }
        try {
            Closeables.closeAll(closing);
        } finally {
            for (Role role : roles) {
                pair.release(role, networks.keySet());
            }
        }
    }

    /** The roles whose networks are loaded now. */
    public synchronized Set<Role> loadedRoles() {
        return Set.copyOf(networks.keySet());
    }

    public synchronized ClipTokenizer priorTokenizer() {
        ensureOpen();
        if (priorTokenizer == null) {
            priorTokenizer = ClipTokenizer.load(priorFolder().tokenizerDir());
            owned.push(priorTokenizer);
        }
        return priorTokenizer;
    }

    public synchronized ClipTokenizer decoderTokenizer() {
        ensureOpen();
        if (decoderTokenizer == null) {
            decoderTokenizer = ClipTokenizer.load(decoderFolder().tokenizerDir());
            owned.push(decoderTokenizer);
        }
        return decoderTokenizer;
    }

    /** The prior pipeline over this pair's prior networks. */
    public PriorPipeline priorPipeline() {
        return new PriorPipeline(new TextEncoder(priorTokenizer(), network(Role.PRIOR_TEXT_ENCODER)), network(Role.PRIOR),
                priorFolder().prior().cIn(), priorFolder().constants());
    }

    /** The decoder pipeline (Stage B and Stage A) over this pair's decoder networks. */
    public DecoderPipeline decoderPipeline() {
        return new DecoderPipeline(new TextEncoder(decoderTokenizer(), network(Role.DECODER_TEXT_ENCODER)),
                network(Role.DECODER), network(Role.VQGAN_DECODE), decoderFolder().decoder().cIn(),
                decoderFolder().latentDimScale(), decoderFolder().vqgan().scaleFactor());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the models of " + priorFolder().root() + " and " + decoderFolder().root()
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
        // the deque holds the newest first, so iterating closes in reverse order of opening
        List<AutoCloseable> parts = new ArrayList<>(owned);
        owned.clear();
        Closeables.closeAll(parts);
    }
}
