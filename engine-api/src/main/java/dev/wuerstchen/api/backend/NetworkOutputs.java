package dev.wuerstchen.api.backend;

import dev.wuerstchen.api.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outputs of one network call, keyed by output name, in host memory the caller owns. */
public record NetworkOutputs(Map<String, HostTensor> values) {

    public NetworkOutputs {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The named output; throws if the network has no such output. */
    public HostTensor get(String name) {
        HostTensor t = values.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no output '" + name + "'; outputs are " + values.keySet());
        }
        return t;
    }
}
