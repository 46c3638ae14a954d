package dev.upbook.spec.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.SourceRef;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AstTests {

    /** Every record reachable from {@link Playbook} (through lists, maps and optionals) has a position. */
    @Test
    void everyNodeCarriesASourceRef() {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(List.of(Playbook.class));
        List<String> withoutPosition = new ArrayList<>();
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType) {
                todo.addAll(Arrays.asList(((ParameterizedType) t).getActualTypeArguments()));
                continue;
            }
            if (!(t instanceof Class<?>) || !seen.add((Class<?>) t)) continue;
            Class<?> c = (Class<?>) t;
            if (c.isSealed()) todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
            if (!c.isRecord() || !c.getPackageName().equals(Playbook.class.getPackageName())) continue;
            RecordComponent[] components = c.getRecordComponents();
            if (Arrays.stream(components).noneMatch(rc -> rc.getType() == SourceRef.class)) withoutPosition.add(c.getSimpleName());
            for (RecordComponent rc : components) todo.add(rc.getGenericType());
        }
        assertEquals(List.of(), withoutPosition);
        assertTrue(seen.size() > 15, "walked " + seen);
    }

    @Test
    void listsAreCopiedOnConstruction() {
        List<Text> after = new ArrayList<>(List.of(new Text("a", SourceRef.NONE)));
        Value.Sequence seq = new Value.Sequence(new ArrayList<>(List.of(new Value.Scalar("x", true, false, SourceRef.NONE))), SourceRef.NONE);
        assertThrows(UnsupportedOperationException.class, () -> seq.items().add(seq));
        Hop hop = new Hop(SourceRef.NONE, false, "", new ArrayList<>(List.of("n")), List.of(), List.of(), List.of(), List.of());
        assertThrows(UnsupportedOperationException.class, () -> hop.notes().add("m"));
        after.clear();
    }

    @Test
    void sourceRefsValidateThemselvesAndPrintLikeCompilers() {
        assertEquals("a.yaml:3:7", SourceRef.fromZeroBased("a.yaml", 2, 6).toString());
        assertThrows(IllegalArgumentException.class, () -> new SourceRef("a.yaml", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SourceRef("a.yaml", 1, 0));
        assertEquals(new SourceRef("a.yaml", 3, 12), new SourceRef("a.yaml", 3, 7).shift(0, 5));
        assertEquals(new SourceRef("a.yaml", 5, 3), new SourceRef("a.yaml", 3, 7).shift(2, 2));
    }
}
