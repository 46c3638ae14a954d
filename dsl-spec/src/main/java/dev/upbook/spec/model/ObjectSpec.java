package dev.upbook.spec.model;

import java.util.List;
import java.util.Optional;

/** An object of the language (playbook, step, edge, ...) and the keys it accepts. */
public record ObjectSpec(String name, String description, List<KeySpec> keys) {
    public ObjectSpec {
        keys = List.copyOf(keys);
        long distinct = keys.stream().map(KeySpec::name).distinct().count();
        if (distinct != keys.size()) throw new IllegalArgumentException("duplicate key in object " + name);
    }

    public Optional<KeySpec> key(String key) {
        return keys.stream().filter(k -> k.name().equals(key)).findFirst();
    }

    public List<String> keyNames() {
        return keys.stream().map(KeySpec::name).toList();
    }
}
