package cn.servicecircle.reach.core;

import java.util.Arrays;

/**
 * Binary min-heap of node ids keyed by {@code (double key, int tie)} in lexicographic order, with
 * decrease-key through a node → slot index. Primitive arrays only; no boxing.
 *
 * <p>Contract: node ids in {@code [0, nodeCapacity)}; keys finite; not thread-safe.
 */
final class IndexedMinHeap {

    private int[] nodes = new int[256];
    private double[] keys = new double[256];
    private int[] ties = new int[256];
    private final int[] slotOf;
    private int size;

    IndexedMinHeap(int nodeCapacity) {
        slotOf = new int[nodeCapacity];
        Arrays.fill(slotOf, -1);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Inserts {@code node}, or lowers its key when already present (caller guarantees lower). */
    void upsert(int node, double key, int tie) {
        int slot = slotOf[node];
        if (slot < 0) {
            if (size == nodes.length) {
                int cap = size * 2;
                nodes = Arrays.copyOf(nodes, cap);
                keys = Arrays.copyOf(keys, cap);
                ties = Arrays.copyOf(ties, cap);
            }
            slot = size++;
        }
        siftUp(slot, node, key, tie);
    }

    /** Removes and returns the node with the smallest (key, tie). Heap must not be empty. */
    int poll() {
        int top = nodes[0];
        slotOf[top] = -1;
        size--;
        if (size > 0) {
            siftDown(0, nodes[size], keys[size], ties[size]);
        }
        return top;
    }

    /** Empties the heap in O(size). */
    void clear() {
        for (int i = 0; i < size; i++) {
            slotOf[nodes[i]] = -1;
        }
        size = 0;
    }

    private static boolean less(double k1, int t1, double k2, int t2) {
        return k1 < k2 || (k1 == k2 && t1 < t2);
    }

    private void siftUp(int slot, int node, double key, int tie) {
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            if (!less(key, tie, keys[parent], ties[parent])) {
                break;
            }
            place(slot, nodes[parent], keys[parent], ties[parent]);
            slot = parent;
        }
        place(slot, node, key, tie);
    }

    private void siftDown(int slot, int node, double key, int tie) {
        int half = size >>> 1;
        while (slot < half) {
            int child = 2 * slot + 1;
            int right = child + 1;
            if (right < size && less(keys[right], ties[right], keys[child], ties[child])) {
                child = right;
            }
            if (!less(keys[child], ties[child], key, tie)) {
                break;
            }
            place(slot, nodes[child], keys[child], ties[child]);
            slot = child;
        }
        place(slot, node, key, tie);
    }

    private void place(int slot, int node, double key, int tie) {
        nodes[slot] = node;
        keys[slot] = key;
        ties[slot] = tie;
        slotOf[node] = slot;
    }
}
