package dev.upbook.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces secret values with {@value #MASK} in everything upbook prints or stores: progress,
 * messages, step output, registered values, the journal and reports. Longer secrets are replaced
 * first, so a secret that contains another is masked whole.
 */
public final class Masker {
    public static final String MASK = "******";
    private static final Masker NONE = new Masker(List.of());

    private final List<String> secrets;

    private Masker(List<String> secrets) {
        this.secrets = secrets;
    }

    public static Masker none() {
        return NONE;
    }

    /** A masker for these secret values; empty values are ignored (they cannot be found in text). */
    public static Masker of(Collection<String> secretValues) {
        List<String> list = new ArrayList<>();
        for (String s : secretValues) {
            if (s != null && !s.isEmpty() && !list.contains(s)) list.add(s);
        }
        list.sort(Comparator.comparingInt(String::length).reversed());
        return new Masker(List.copyOf(list));
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) return text;
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) out = out.replace(secret, MASK);
        }
        return out;
    }

    /** Masks every string inside a value made of maps, lists and scalars; keys are masked too. */
    public Object maskValue(Object value) {
        if (secrets.isEmpty() || value == null) return value;
        if (value instanceof String s) return mask(s);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(mask(String.valueOf(k)), maskValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(maskValue(o));
            return out;
        }
        String text = String.valueOf(value);
        String masked = mask(text);
        return masked.equals(text) ? value : masked;
    }

    /** Whether {@code text} contains a secret value. */
    public boolean revealsSecret(String text) {
        if (text == null) return false;
        for (String secret : secrets) {
            if (text.contains(secret)) return true;
        }
        return false;
    }
}
