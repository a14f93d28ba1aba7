package dev.wuerstchen.api.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.io.Closeables;
import dev.wuerstchen.api.tensor.HostTensor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A checkpoint split over several safetensors shards and tied together by a
 * {@code *.safetensors.index.json} ({@code {"metadata": {...}, "weight_map": {name: shard}}}).
 * Each shard is opened once; the index and the shards are checked against each other at open time.
 * Closing closes every shard.
 */
public final class ShardedCheckpoint implements Checkpoint {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String REDOWNLOAD = "The download is incomplete or mixes files of different versions; "
            + "download the whole checkpoint again";
    private static final int MAX_LISTED_PROBLEMS = 10;

    private final Path index;
    private final List<SafetensorsFile> shards;
    private final SortedMap<String, SafetensorsFile> byName;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ShardedCheckpoint(Path index, List<SafetensorsFile> shards, SortedMap<String, SafetensorsFile> byName) {
        this.index = index;
        this.shards = shards;
        this.byName = byName;
    }

    /**
     * Opens a shard index and every shard it names (relative to the index's folder). The caller owns
     * the result and must close it.
     *
     * @throws CheckpointException if the index is malformed, a shard is missing or malformed, or the
     *     index and the shards disagree about which tensor lives where
     */
    public static ShardedCheckpoint open(Path index) {
        Map<String, String> weightMap = readWeightMap(index);
        Path folder = index.toAbsolutePath().getParent();
        Map<String, Path> shardFiles = new TreeMap<>();
        for (String shard : weightMap.values()) {
            shardFiles.computeIfAbsent(shard, folder::resolve);
        }
        for (Map.Entry<String, Path> e : shardFiles.entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new CheckpointException(index, "shard '" + e.getKey() + "' named in the weight_map is missing ("
                        + e.getValue() + " does not exist). " + REDOWNLOAD);
            }
        }
        Map<String, SafetensorsFile> opened = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> e : shardFiles.entrySet()) {
                opened.put(e.getKey(), SafetensorsFile.open(e.getValue()));
            }
            SortedMap<String, SafetensorsFile> byName = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                SafetensorsFile shard = opened.get(e.getValue());
                if (shard.tensors().containsKey(e.getKey())) {
                    byName.put(e.getKey(), shard);
                } else {
                    problems.add("'" + e.getKey() + "' is mapped to shard '" + e.getValue() + "', which does not hold it");
                }
            }
            for (Map.Entry<String, SafetensorsFile> e : opened.entrySet()) {
                for (String name : e.getValue().tensors().keySet()) {
                    String mapped = weightMap.get(name);
                    if (mapped == null) {
                        problems.add("shard '" + e.getKey() + "' holds '" + name + "', which the weight_map does not list");
                    } else if (!mapped.equals(e.getKey())) {
                        problems.add("shard '" + e.getKey() + "' holds '" + name + "', which the weight_map assigns to '"
                                + mapped + "'");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new CheckpointException(index, "index and shards disagree: " + summarize(problems) + ". "
                        + REDOWNLOAD);
            }
            return new ShardedCheckpoint(index, List.copyOf(opened.values()), Collections.unmodifiableSortedMap(byName));
        } catch (RuntimeException | Error e) {
            Closeables.closeAfterFailure(new ArrayList<>(opened.values()), e);
            throw e;
        }
    }

    private static Map<String, String> readWeightMap(Path index) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(index));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(index, "shard index does not exist. Check the path, or download the "
                    + "checkpoint", e);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(index, "shard index is not valid JSON (" + SafetensorsHeader.jsonProblem(e)
                    + "). The file is corrupt; download it again", e);
        } catch (IOException e) {
            throw new CheckpointException(index, "shard index cannot be read (" + e + "). Check that it is a readable "
                    + "file", e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(index, "shard index is not a JSON object. The file is corrupt; download it "
                    + "again");
        }
        JsonNode map = root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new CheckpointException(index, "shard index has no 'weight_map' object. The file is corrupt or not a "
                    + "safetensors shard index; download it again");
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            JsonNode shard = e.getValue();
            if (!shard.isTextual() || shard.textValue().isEmpty()) {
                throw new CheckpointException(index, "weight_map entry '" + e.getKey() + "' is " + shard
                        + ", not a shard file name. The file is corrupt; download it again");
            }
            out.put(e.getKey(), shard.textValue());
        }
        return out;
    }

    private static String summarize(List<String> problems) {
        List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS));
        String s = String.join("; ", shown);
        return problems.size() > shown.size() ? s + "; and " + (problems.size() - shown.size()) + " more" : s;
    }

    @Override
    public Path source() {
        return index;
    }

    /** The shard files, in file-name order. */
    public List<Path> shardFiles() {
        ensureOpen();
        return shards.stream().map(SafetensorsFile::source).toList();
    }

    @Override
    public Set<String> names() {
        ensureOpen();
        return byName.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return shardOf(name).info(name);
    }

    @Override
    public HostTensor read(String name) {
        return shardOf(name).read(name);
    }

    /** See {@link SafetensorsFile#rawBytes(String)}; valid until this checkpoint is closed. */
    public MemorySegment rawBytes(String name) {
        return shardOf(name).rawBytes(name);
    }

    /** Closes every shard, even if closing one fails. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Closeables.closeAllReversed(shards);
        }
    }


    private SafetensorsFile shardOf(String name) {
        ensureOpen();
        SafetensorsFile shard = byName.get(name);
        if (shard == null) {
            throw new CheckpointException(index, "holds no tensor named '" + name + "' (its shards hold "
                    + byName.size() + " tensors). Check the key name against the model's config");
        }
        return shard;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(index + ": checkpoint is closed. Open it again to read from it");
        }
    }

    @Override
    public String toString() {
        return "ShardedCheckpoint[" + index + ", " + shards.size() + " shards" + (closed.get() ? ", closed]" : "]");
    }
}
