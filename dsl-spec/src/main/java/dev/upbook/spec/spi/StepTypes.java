package dev.upbook.spec.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The step types visible to a class loader, by name. Immutable once built. */
public final class StepTypes {
    private final Map<String, StepType> byName;

    private StepTypes(Map<String, StepType> byName) {
        this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    /** Every {@link StepType} provider on the class path of {@code loader}. */
    public static StepTypes load(ClassLoader loader) {
        Map<String, StepType> found = new TreeMap<>();
        for (StepType type : ServiceLoader.load(StepType.class, loader)) {
            StepType previous = found.putIfAbsent(type.name(), type);
            if (previous != null && previous.getClass() != type.getClass()) {
                throw new IllegalStateException("two providers for step type '" + type.name() + "': "
                        + previous.getClass().getName() + " and " + type.getClass().getName());
            }
        }
        return new StepTypes(found);
    }

    public static StepTypes of(Collection<? extends StepType> types) {
        Map<String, StepType> m = new TreeMap<>();
        types.forEach(t -> m.put(t.name(), t));
        return new StepTypes(m);
    }

    public Optional<StepType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** All types, sorted by name. */
    public Collection<StepType> all() {
        return byName.values();
    }
}
