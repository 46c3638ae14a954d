package dev.upbook.resolve;

import java.util.Arrays;

/** A growable list of ints, to keep hop tables of a million entries unboxed. */
final class IntList {
    private int[] items = new int[16];
    private int size;

    void add(int value) {
        if (size == items.length) items = Arrays.copyOf(items, size * 2);
        items[size++] = value;
    }

    int get(int index) {
        return items[index];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void sort() {
        Arrays.sort(items, 0, size);
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
